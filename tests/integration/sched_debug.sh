#!/usr/bin/env bash
# Issue #6: sys/kernel/debug/sched/debug (kernel/sched/debug.c) on every
# fixture, against what the dump and the guest say:
#
#  - the version line: "Sched Debug Version: v0.11, <release> #<n>" of the
#    guest's /proc/version;
#  - the header's labels in the kernel's order for the version (v6.1:
#    latency and granularities; v6.6+: base_slice), sched_clock_stable()
#    on x86_64 only; the tunables as the kernel sets them at boot
#    (logarithmic scaling, factor 1 + ilog2(min(CPUs, 8)): v6.1 latency
#    6 ms, min_granularity 0.75 ms, wakeup_granularity 1 ms scaled,
#    idle_min_granularity 0.75 ms; v6.12 base_slice 0.75 or 0.7 ms scaled);
#  - jiffies: (jiffies - INITIAL_JIFFIES) / HZ in whole seconds equal to
#    crash's UPTIME of the report's sos_commands/kernel/sys, and within 3 s
#    of ktime (ticks lost under TCG leave s390x's jiffies 2.6 s behind);
#  - one cpu# block per online CPU (truth/sys/devices/system/cpu/online),
#    each with the rq, cfs_rq, rt_rq and dl_rq labels in the kernel's
#    order for the version and configuration, and the "runnable tasks"
#    header of the version;
#  - the task each CPU runs (the '>' lines of sos_commands/kernel/ps, checked
#    against crash elsewhere): curr->pid is its pid, and unless it is the
#    idle task (which for_each_process_thread() does not list) it is the one
#    ">R" line of the CPU's tasks; every listed task is on that CPU in ps;
#  - nr_running: the tasks listed in state R (v6.12: plus at most the root
#    cfs_rq's h_nr_delayed, sleeping tasks still queued by DELAY_DEQUEUE);
#  - no partial line;
#  - with truth/sys/kernel/debug/sched/debug (the guest's own, read before
#    the dump): the header and sysctl lines equal but the clocks; the label
#    sequences of the header and of each CPU's rq, rt_rq, dl_rq blocks equal;
#    the runnable-tasks header equal; for each task in both, comm and prio
#    equal, and switches and sum-exec no smaller than the guest's; jiffies
#    advanced by the ktime difference within 1 s; each CPU's nr_switches no
#    smaller than the guest's.
# shellcheck disable=SC2016  # the awk programs are single-quoted on purpose
set -u
. "$(dirname "$0")/../testlib.sh"

# A cpu list ("0-1,4") as one CPU a line.
expand_cpus() {
	tr ',' '\n' <"$1" | awk -F- 'NF == 1 { print $1 } NF == 2 { for (i = $1; i <= $2; i++) print i }'
}

# The labels of a file's "  .label : value" and "label : value" lines of
# the part between two patterns, one a line.
labels_between() {	# FILE START_RE END_RE
	awk -v s="$2" -v e="$3" '
		$0 ~ s { on = 1; next }
		on && $0 ~ e { exit }
		on && /^ *\.?[^ ].*: / { l = $0; sub(/ *: .*/, "", l); sub(/^ *\./, "", l); print l }' "$1"
}

check_header() {	# LABEL FILE FIXTURE NEW X86 NCPU
	local label=$1 f=$2 fx=$3 new=$4 x86=$5 ncpu=$6 rel ver want got
	rel=$(awk '{ print $3 }' "$fx/truth/proc/version")
	ver=$(grep -o ' #[0-9]* ' "$fx/truth/proc/version" | head -n 1 | tr -d ' ')
	want="Sched Debug Version: v0.11, $rel $ver"
	got=$(head -n 1 "$f")
	if [ "$got" = "$want" ]; then
		pass "$label: version line"
	else
		fail "$label: version line '$got', want '$want'"
	fi
	want="ktime sched_clk cpu_clk jiffies"
	[ "$x86" = 1 ] && want="$want sched_clock_stable()"
	if [ "$new" = 1 ]; then
		want="$want sysctl_sched_base_slice"
	else
		want="$want sysctl_sched_latency sysctl_sched_min_granularity"
		want="$want sysctl_sched_idle_min_granularity"
		want="$want sysctl_sched_wakeup_granularity sysctl_sched_child_runs_first"
	fi
	want="$want sysctl_sched_features sysctl_sched_tunable_scaling"
	got=$(labels_between "$f" '^Sched Debug' '^cpu#' | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then
		pass "$label: header labels"
	else
		fail "$label: header labels '$got', want '$want'"
	fi
	# sched_init_granularity(): factor 1 + ilog2(min(ncpu, 8))
	awk -v new="$new" -v ncpu="$ncpu" '
		function v(name) { return val[name] + 0 }
		BEGIN { n = ncpu < 8 ? ncpu : 8; fac = 1; while (n > 1) { n = int(n / 2); fac++ } }
		/^  \.sysctl_sched/ { l = $0; sub(/ *: .*/, "", l); sub(/^ *\./, "", l)
			x = $0; sub(/.*: /, "", x); val[l] = x }
		END {
			bad = 0
			if (val["sysctl_sched_tunable_scaling"] != "1 (logarithmic)") {
				print "bad tunable_scaling " val["sysctl_sched_tunable_scaling"]; bad++ }
			if (new) {
				b = v("sysctl_sched_base_slice")
				if (b != 0.75 * fac && b != 0.7 * fac) { print "bad base_slice " b; bad++ }
			} else {
				if (v("sysctl_sched_latency") != 6 * fac) { print "bad latency"; bad++ }
				if (v("sysctl_sched_min_granularity") != 0.75 * fac) { print "bad min_granularity"; bad++ }
				if (v("sysctl_sched_wakeup_granularity") != 1 * fac) { print "bad wakeup_granularity"; bad++ }
				if (v("sysctl_sched_idle_min_granularity") != 0.75) { print "bad idle_min_granularity"; bad++ }
				if (v("sysctl_sched_child_runs_first") != 0) { print "bad child_runs_first"; bad++ }
			}
			if (v("sysctl_sched_features") <= 0) { print "bad features"; bad++ }
		}' "$f" >"$tmp/sysctl.out"
	if [ -s "$tmp/sysctl.out" ]; then
		fail "$label: sysctl_sched values: $(tr '\n' ';' <"$tmp/sysctl.out")"
	else
		pass "$label: sysctl_sched values (factor for $ncpu CPUs)"
	fi
}

check_jiffies() {	# LABEL FILE REPORT FIXTURE
	local label=$1 f=$2 r=$3 fx=$4 hz res up
	hz=$(sed -n 's/^CONFIG_HZ=//p' "$fx/config" 2>/dev/null)
	if [ -z "$hz" ]; then
		note "$label: no CONFIG_HZ in $fx/config: jiffies not checked"
		return
	fi
	# crash's "UPTIME: [N days, ]HH:MM:SS" of the same report, from jiffies
	up=$(sed -n 's/^ *UPTIME: //p' "$r/sos_commands/kernel/sys" |
		awk -F'[ :,]+' '{ s = $(NF - 2) * 3600 + $(NF - 1) * 60 + $NF
			if ($0 ~ /day/) s += $1 * 86400; print s }')
	res=$(awk -v hz="$hz" -v up="$up" '
		/^ktime / { k = $3 / 1000 }
		/^jiffies / { j = $3 }
		END {
			init = 4294967296 - 300 * hz	# INITIAL_JIFFIES, 64-bit
			s = (j - init) / hz
			d = s - k; if (d < 0) d = -d
			# jiffies lag ktime where ticks were lost (s390x under TCG)
			if (int(s) == up && d <= 3) print "ok " s " (ktime " k ")"
			else print "bad " s " s since boot, crash sys " up ", ktime " k
		}' "$f")
	case $res in
	ok*) pass "$label: jiffies = ${res#ok } s at HZ=$hz, as sys UPTIME" ;;
	*) fail "$label: jiffies: $res" ;;
	esac
}

# The labels of each block kind, as the kernel prints them for the
# version and configuration.
expected_blocks() {	# NEW
	local new=$1
	echo "rq nr_running nr_switches nr_uninterruptible next_balance curr->pid clock clock_task avg_idle max_idle_balance_cost"
	if [ "$new" = 1 ]; then
		echo "cfs left_deadline left_vruntime zero_vruntime avg_vruntime right_vruntime spread nr_running h_nr_runnable h_nr_queued h_nr_delayed idle_nr_running idle_h_nr_running load load_avg runnable_avg util_avg util_est removed.load_avg removed.util_avg removed.runnable_avg tg_load_avg_contrib tg_load_avg throttled throttle_count"
		echo "rt rt_nr_running"
		echo "dl dl_nr_running dl_bw->bw dl_bw->total_bw"
	else
		echo "cfs exec_clock MIN_vruntime min_vruntime max_vruntime spread spread0 nr_spread_over nr_running h_nr_running idle_nr_running idle_h_nr_running load load_avg runnable_avg util_avg util_est_enqueued removed.load_avg removed.util_avg removed.runnable_avg tg_load_avg_contrib tg_load_avg throttled throttle_count"
		echo "rt rt_nr_running rt_nr_migratory rt_throttled rt_time rt_runtime"
		echo "dl dl_nr_running dl_nr_migratory dl_bw->bw dl_bw->total_bw"
	fi
}

# Each block of the file as "kind label label ...", one a line: rq (the
# cpu# lines, schedstats' five dropped), cfs (without a group entity's
# se-> and schedstat lines), rt, dl.
actual_blocks() {	# FILE
	awk '
		function flush() { if (kind != "") print kind labels; kind = ""; labels = "" }
		/^cpu#/ { flush(); kind = "rq"; next }
		/^cfs_rq\[/ { flush(); kind = "cfs"; next }
		/^rt_rq\[/ { flush(); kind = "rt"; next }
		/^dl_rq\[/ { flush(); kind = "dl"; next }
		/^runnable tasks:/ { flush(); next }
		kind != "" && /^  \./ {
			l = $0; sub(/ *: .*/, "", l); sub(/^ *\./, "", l)
			if (kind == "rq" && l ~ /^(yld_count|sched_count|sched_goidle|ttwu_count|ttwu_local)$/) next
			if (kind == "cfs" && (l ~ /^se->/ || l ~ /^(wait_start|sleep_start|block_start|sleep_max|block_max|exec_max|slice_max|wait_max|wait_sum|wait_count)$/)) next
			labels = labels " " l
		}
		END { flush() }' "$1"
}

check_blocks() {	# LABEL FILE NEW X86 ONLINE_FILE
	local label=$1 f=$2 new=$3 x86=$4 online=$5 want got hdr
	want=$(expand_cpus "$online" | tr '\n' ' ')
	got=$(sed -n 's/^cpu#\([0-9]*\).*/\1/p' "$f" | tr '\n' ' ')
	if [ "$got" = "$want" ]; then
		pass "$label: cpu# blocks for the online CPUs ($want)"
	else
		fail "$label: cpu# blocks '$got', online '$want'"
	fi
	if [ "$x86" = 1 ]; then
		grep -Eq '^cpu#[0-9]+, [0-9]+\.[0-9]{3} MHz$' "$f" &&
			! grep -Eq '^cpu#[0-9]+$' "$f"
	else
		! grep -Eq '^cpu#[0-9]+,' "$f"
	fi && pass "$label: cpu# line format" || fail "$label: cpu# line format"
	expected_blocks "$new" >"$tmp/want.blocks"
	actual_blocks "$f" >"$tmp/got.blocks"
	local bad=0 n=0 kind rest
	while read -r kind rest; do
		n=$((n + 1))
		if ! grep -qxF "$kind $rest" "$tmp/want.blocks"; then
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && echo "       $kind: $rest" &&
				echo "       want: $(grep "^$kind " "$tmp/want.blocks")"
		fi
	done <"$tmp/got.blocks"
	if [ "$bad" -eq 0 ] && [ "$n" -gt 0 ]; then
		pass "$label: labels of $n rq/cfs_rq/rt_rq/dl_rq blocks in the kernel's order"
	else
		fail "$label: $bad of $n blocks with other labels"
	fi
	for kind in rq rt dl; do
		[ "$(grep -c "^$kind " "$tmp/got.blocks")" -eq "$(echo "$want" | wc -w)" ] ||
			fail "$label: not one $kind block per CPU"
	done
	if [ "$new" = 1 ]; then
		hdr=' S            task   PID       vruntime   eligible    deadline             slice          sum-exec      switches  prio         wait-time        sum-sleep       sum-block'
	else
		hdr=' S            task   PID         tree-key  switches  prio     wait-time             sum-exec        sum-sleep'
	fi
	if [ "$(grep -c '^runnable tasks:$' "$f")" -eq "$(echo "$want" | wc -w)" ] &&
		! grep -A1 '^runnable tasks:$' "$f" | grep -v -e '^runnable tasks:$' -e '^--$' |
			grep -vqF "$hdr"; then
		pass "$label: runnable tasks headers"
	else
		fail "$label: runnable tasks headers"
	fi
}

# The tasks of each CPU against crash's ps of the same report.
check_tasks() {	# LABEL FILE PS NEW
	awk -v new="$4" '
		FNR == 1 { file++ }
		file == 1 && FNR > 1 {	# crash ps: "> " or "  ", PID %7ld, PPID, CPU %3d
			pid = substr($0, 3, 7) + 0; cpu = substr($0, 19, 3) + 0
			if (pid) cpu_of[pid] = cpu
			if (substr($0, 1, 1) == ">") curr[cpu] = pid
			next
		}
		/^cpu#/ { c = $0; sub(/^cpu#/, "", c); sub(/,.*/, "", c); c += 0; cpus[c] = 1; tasks = 0; next }
		/^  \.nr_running / && !(c in nr) { nr[c] = $3 }
		/^  \.curr->pid / { cpid[c] = $3 }
		/^cfs_rq\[[0-9]+\]:\/$/ { root = 1; next }
		/^cfs_rq/ { root = 0 }
		root && /^  \.h_nr_delayed / { delayed[c] = $3 }
		/^runnable tasks:/ { tasks = 1; next }
		/^$/ { tasks = 0 }
		tasks && /^(>R| [A-Z]) / {
			st = substr($0, 2, 1); if (substr($0, 1, 1) == ">") { mark[c]++; marked[c] = $0 }
			pid = substr($0, 20, 5) + 0
			n++
			if (st == "R") nR[c]++
			if (substr($0, 1, 1) == ">" && pid != curr[c]) print "bad >R pid " pid " on cpu " c ", ps says " curr[c]
			if ((pid in cpu_of) && cpu_of[pid] != c) print "bad pid " pid " listed on cpu " c ", ps cpu " cpu_of[pid]
		}
		END {
			for (c in cpus) {
				if (cpid[c] != curr[c]) print "bad curr->pid " cpid[c] " cpu " c ", ps " curr[c]
				if (curr[c] != 0 && mark[c] != 1) print "bad: " mark[c] + 0 " >R lines on cpu " c
				if (curr[c] == 0 && mark[c]) print "bad: >R for the idle task on cpu " c
				lo = nR[c] + 0; hi = lo + (new ? delayed[c] + 0 : 0)
				if (nr[c] < lo || nr[c] > hi) print "bad nr_running " nr[c] " cpu " c ", R tasks " lo ", delayed " delayed[c] + 0
			}
			print "checked " n
		}' "$3" "$2" >"$tmp/tasks.out"
	local n bad
	n=$(sed -n 's/^checked //p' "$tmp/tasks.out")
	bad=$(grep -c '^bad' "$tmp/tasks.out")
	if [ "$bad" -eq 0 ] && [ "${n:-0}" -gt 0 ]; then
		pass "$1: runnable tasks: curr and CPUs as ps, nr_running as the R tasks ($n tasks)"
	else
		fail "$1: runnable tasks: $bad bad"
		grep '^bad' "$tmp/tasks.out" | head -n 6 | sed 's/^/       /'
	fi
}

# Against the guest's own file, when the fixture has it.
check_truth() {	# LABEL FILE TRUTH NEW FIXTURE
	local label=$1 f=$2 t=$3 new=$4 fx=$5
	if diff <(sed -n '/^sysctl_sched/,/^$/p' "$t") \
		<(sed -n '/^sysctl_sched/,/^$/p' "$f") >"$tmp/t.diff" &&
		[ "$(head -n 1 "$t")" = "$(head -n 1 "$f")" ]; then
		pass "$label: version line and sysctl_sched = truth"
	else
		fail "$label: header differs from truth (< truth)"
		head -n 6 "$tmp/t.diff" | sed 's/^/       /'
	fi
	if diff <(actual_blocks "$t" | grep -v '^cfs ') \
		<(actual_blocks "$f" | grep -v '^cfs ') >"$tmp/t.diff" &&
		diff <(labels_between "$t" '^Sched Debug' '^cpu#') \
			<(labels_between "$f" '^Sched Debug' '^cpu#') >>"$tmp/t.diff" &&
		diff <(grep -A1 '^runnable tasks:' "$t") \
			<(grep -A1 '^runnable tasks:' "$f") >>"$tmp/t.diff"; then
		pass "$label: labels and order of header, rq, rt_rq, dl_rq = truth"
	else
		fail "$label: labels differ from truth (< truth)"
		head -n 6 "$tmp/t.diff" | sed 's/^/       /'
	fi
	# cfs_rq blocks: each of ours has the labels of a truth one (the leaf
	# list changes with the load)
	if actual_blocks "$f" | grep '^cfs ' | sort -u | while read -r l; do
		actual_blocks "$t" | grep -qxF "$l" || exit 1
	done; then
		pass "$label: cfs_rq labels as in truth"
	else
		fail "$label: cfs_rq labels not as in truth"
	fi
	awk -v new="$new" '
		function field(line, from, len) { return substr(line, from, len) }
		FNR == 1 { file++ }
		/^cpu#/ { c = $0; sub(/^cpu#/, "", c); sub(/,.*/, "", c) }
		/^  \.nr_switches / { sw[file, c] = $3 }
		/^runnable tasks:/ { tasks = 1; next }
		/^$/ { tasks = 0 }
		tasks && /^(>R| [A-Z]) / {
			pid = substr($0, 20, 5) + 0
			comm[file, pid] = substr($0, 4, 15); seen[file, pid] = 1
			# columns of print_task()s format (v6.1, v6.6+)
			if (new) { prio[file, pid] = field($0, 114, 5) + 0; swi[file, pid] = field($0, 102, 9) + 0; ex[file, pid] = field($0, 85, 16) + 0 }
			else { prio[file, pid] = field($0, 53, 5) + 0; swi[file, pid] = field($0, 43, 9) + 0; ex[file, pid] = field($0, 76, 16) + 0 }
		}
		END {
			for (key in seen) {
				split(key, a, SUBSEP); if (a[1] != 1) continue; pid = a[2]
				if (!((2, pid) in seen)) continue
				n++
				if (comm[1, pid] != comm[2, pid]) print "bad comm " pid
				if (prio[1, pid] != prio[2, pid]) print "bad prio " pid ": " prio[2, pid] " truth " prio[1, pid]
				if (swi[2, pid] < swi[1, pid]) print "bad switches " pid ": " swi[2, pid] " < truth " swi[1, pid]
				if (ex[2, pid] + 0.001 < ex[1, pid]) print "bad sum-exec " pid ": " ex[2, pid] " < truth " ex[1, pid]
			}
			for (key in sw) { split(key, a, SUBSEP); if (a[1] == 1 && sw[2, a[2]] < sw[key]) print "bad nr_switches cpu " a[2] }
			print "checked " n
		}' "$t" "$f" >"$tmp/truth.out"
	local n bad
	n=$(sed -n 's/^checked \([0-9]*\).*/\1/p' "$tmp/truth.out")
	bad=$(grep -c '^bad' "$tmp/truth.out")
	if [ "$bad" -eq 0 ] && [ "${n:-0}" -gt 0 ]; then
		pass "$label: $n tasks in truth and dump: comm, prio equal, switches, sum-exec, nr_switches not behind"
	else
		fail "$label: tasks against truth: $bad bad of ${n:-0}"
		grep '^bad' "$tmp/truth.out" | head -n 6 | sed 's/^/       /'
	fi
	# jiffies moved as ktime did (HZ from the fixture's config)
	local hz res
	hz=$(sed -n 's/^CONFIG_HZ=//p' "$fx/config" 2>/dev/null)
	res=$(awk -v hz="${hz:-250}" 'FNR == 1 { file++ } /^ktime / { k[file] = $3 } /^jiffies / { j[file] = $3 }
		END { d = (j[2] - j[1]) / hz - (k[2] - k[1]) / 1000; if (d < 0) d = -d; print (d <= 1 ? "ok" : "bad") " " d }' "$t" "$f")
	case $res in
	ok*) pass "$label: jiffies advanced with ktime since the truth (off ${res#ok } s)" ;;
	*) fail "$label: jiffies against truth: $res" ;;
	esac
}

nfix=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	nfix=$((nfix + 1))
	dump=$(primary_dump "$fx")
	label="$name/${dump#"$fx"/}"
	out="$tmp/$name"
	if ! "$BIN" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$out" --build \
		--only 'sys/kernel/debug/sched/debug,sos_commands/kernel/ps,sos_commands/kernel/sys' \
		>/dev/null 2>"$tmp/err"; then
		fail "$label: report failed: $(head -c 300 "$tmp/err")"
		continue
	fi
	r=$(echo "$out"/sosvmcore-*)
	f=$r/sys/kernel/debug/sched/debug
	if [ ! -s "$f" ] || grep -q '^# vmcore-report: stub' "$f"; then
		fail "$label: sched/debug: $(head -n 1 "$f" 2>/dev/null)"
		continue
	fi
	if grep -q '^# vmcore-report: partial' "$f"; then
		fail "$label: partial: $(grep '^# vmcore-report: partial' "$f" | head -n 2 | tr '\n' ' ')"
	else
		pass "$label: no partial line"
	fi
	new=0
	grep -q '^  \.sysctl_sched_base_slice ' "$f" && new=1
	x86=0
	[ "$(fixture_arch "$fx")" = x86_64 ] && x86=1
	online=$fx/truth/sys/devices/system/cpu/online
	if [ ! -f "$online" ]; then
		note "$label: no truth/sys/devices/system/cpu/online"
		continue
	fi
	ncpu=$(expand_cpus "$online" | wc -l)
	check_header "$label" "$f" "$fx" "$new" "$x86" "$ncpu"
	check_jiffies "$label" "$f" "$r" "$fx"
	check_blocks "$label" "$f" "$new" "$x86" "$online"
	check_tasks "$label" "$f" "$r/sos_commands/kernel/ps" "$new"
	if [ -f "$fx/truth/sys/kernel/debug/sched/debug" ]; then
		check_truth "$label" "$f" "$fx/truth/sys/kernel/debug/sched/debug" \
			"$new" "$fx"
	else
		note "$label: no truth/sys/kernel/debug/sched/debug: checked against the dump only"
	fi
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): sched_debug tests SKIPPED ########"
fi
summary
