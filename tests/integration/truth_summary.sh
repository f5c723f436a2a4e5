#!/usr/bin/env bash
# Issue #6, "How it is judged": every file of the guest's truth/ (truth/proc
# system-wide and per process, truth/sys) against the report of the
# fixture's primary dump (primary_dump), one report per fixture (--build).
#
# Each truth file the report also has falls in one class:
#   exact            byte for byte;
#   exact-with-note  byte for byte once our own "# vmcore-report: partial -
#                    ..." lines are removed;
#   tolerance        not byte for byte, but the per-file rule below holds
#                    (same lines, labels and columns in the same order,
#                    numbers within the bound the rule states);
#   stub             our file is the one-line "# vmcore-report: stub" one;
#   mismatch         none of the above.
# A truth file the report does not have at all is "absent" (proc/net/*,
# proc/kallsyms, task/<tid>/comm ...): not counted in the summary line,
# but kept in the ratchet so a file that disappears is a regression.
#
# Per fixture it prints
#   FIXTURE: N exact (N with note), N within tolerance, N stub, N mismatch
#            (of N truth files the report has; N absent)
# and every mismatch with what differs.
#
# The ratchet: truth_summary.expect lists, per fixture, the truth files
# allowed in each class but exact (a file not listed must be exact).  The
# classes rank exact < exact-with-note < tolerance < mismatch = stub =
# absent; a file in a higher class than the expect file allows fails the
# test, a file in a lower one prints "improved" (tighten the expect file).
# The expect file keys a fixture by NAME@BTIME, BTIME being the boot time
# of truth/proc/stat: the two caches (~/.cache/vmcore-fixtures and
# VMCORE_FIXTURES_CACHE=~/.cache/vmcore-fixtures-own) hold fixtures of
# the same names made by different captures (other pids, other truth
# files), so one name cannot share one list; the boot time names the
# capture whatever cache it sits in, and a fixture made again gets a new
# key.  A fixture with no key in the expect file is not judged: the test
# says so and prints the lines to add (TRUTH_SUMMARY_RECORD=FILE appends
# every fixture's lines to FILE).
#
# The rules (bounds taken from the tests that justify them; the time
# between the truth and the dump: the guest records truth/ over 8-80 s and
# is dumped 1-3 s after its last file, shared/fixtures/README.md "Facts"):
#  - byte for byte, no tolerance: everything not named below: version,
#    cmdline, modules, mounts, filesystems, devices, partitions, cgroups,
#    swaps, misc, consoles, execdomains, locks, key-users, proc/sys/*,
#    sys/*, and per process cmdline, environ, maps, cgroup, mountinfo,
#    limits, oom_adj, oom_score, oom_score_adj.
#  - iomem, ioports (slab_res.sh): exact; when the truth's reader lacked
#    CAP_SYS_ADMIN (all ranges 0-0) ours is compared with its ranges
#    zeroed.
#  - cpuinfo (slab_res.sh): exact with the lines that move masked: x86
#    "cpu MHz" when the CPU has aperfmperf, s390 "cpu MHz dynamic".
#  - meminfo, vmstat, zoneinfo, buddyinfo, pagetypeinfo (mm_stats.sh):
#    the same lines with digits masked (right-aligned columns keep their
#    width); values fixed at boot exact; page counts within 2% of
#    MemTotal; event counters grow, by at most 4x the memory in 4 KiB
#    pages; free pages (MemFree, MemAvailable, nr_free_pages, zone
#    free, buddyinfo, pagetypeinfo) within 2% of MemTotal plus the
#    difference of the pages on the per-cpu lists (zoneinfo "count:"
#    summed, truth against ours): the kernel moves pages between those
#    lists and the free lists (drains, and since v6.7 the decay of
#    pcp->high: ppc64el-trixie's truth had 3374 pages there, its dump 217,
#    and 2594 more free); pageblocks per migrate type within 5% of the zone's blocks,
#    their total exact; pcp count <= high + batch + 512, pcp high exact
#    before v6.7.
#  - slabinfo (slab_res.sh): header, cache names in order, objsize,
#    objperslab, pagesperslab, tunables exact; active_slabs == num_slabs,
#    active_objs <= num_objs <= slabs x objperslab; per cache the slab
#    and active object memory moved within 1% of MemTotal, in all 2%.
#  - vmallocinfo (slab_res.sh): every area but the task stacks the same
#    line in the same order; task stacks within 10% + 5 of the truth's
#    number; the truth's unpurged areas in ours, in order.
#  - interrupts, softirqs (irq_stat.sh): same rows, labels, chip/hwirq/
#    trigger/action columns and widths; counts grow, by at most 20000/s
#    per CPU field over T, T = min(dump uptime, uptime gap + 80 s) + 3 s.
#  - stat (irq_stat.sh): same keys and field counts, btime exact; times
#    grow by at most 100 ticks/s per CPU (+1), ctxt and processes by at
#    most 10^6/s, interrupt counts by at most 20000/s per possible CPU.
#  - uptime (irq_stat.sh): "N.NN N.NN"; uptime at least the truth's and
#    at most 120 s more; idle at least the truth's, at most uptime x
#    possible CPUs.
#  - loadavg (irq_stat.sh): the format; loads < 64; running <= threads;
#    threads within a factor 2 of the truth's; last pid not behind.
#  - diskstats (fs_dev.sh): same devices in the same order, same
#    in-flight count; counters grow, by at most 131072 sectors, 1000
#    requests, 10 s of time.
#  - proc/sys/kernel/printk and sysrq in a dump made after a panic
#    (kdump/*, panic.*) (fs_dev.sh, pid_more.sh): the crasher enables
#    sysrq before "echo c" and panic() raises the console log level:
#    ours must be sysrq 1, printk the truth's with 15 first.
#  - proc/<pid>/stat, status, statm and task/<tid>/stat, status
#    (pid_files.sh): same fields in the same format; CPU times grow by at
#    most 8000 ticks; faults grow (by at most 1000 but for pid 1);
#    context switches grow; the last CPU is any CPU; the state of pid 1
#    and kernel threads is any; a kworker's name is compared up to its
#    first '-' or '+'; pid 1's RSS within 64 pages (VmRSS and the other
#    Vm*/Rss* lines of status within 1 MiB).
#  - proc/<pid>/comm (skeleton.sh): the kworker rule.
#  - proc/<pid>/wchan and stack of pid 1 and kernel threads (pid_files.sh:
#    they wake on their own): any well-formed value; exact for the rest.
#  - proc/1/io (pid_more.sh): the 7 names in order, each value >= the
#    truth's; exact for every other process.
# shellcheck disable=SC2016  # the awk programs are single-quoted on purpose
set -u
. "$(dirname "$0")/../testlib.sh"
. "$(dirname "$0")/../rules.sh"

EXPECT=${TRUTH_SUMMARY_EXPECT:-$here/truth_summary.expect}
RECORD=${TRUTH_SUMMARY_RECORD:-}
NOTE_RE='^# vmcore-report: partial - '

# ---------------------------------------------------------------- rules
# Each rule is called as RULE OURS TRUTH REL and prints one line per
# value out of bounds; no output means "within tolerance".

rule_mm() {		# OURS TRUTH REL
	local f=${3#proc/} mask=mask_left prog
	case $f in meminfo|buddyinfo|pagetypeinfo) mask=mask_right ;; esac
	diff <($mask "$1") <($mask "$2") >/dev/null ||
		echo "layout differs (digits masked): $(diff <($mask "$2") <($mask "$1") | grep -m 1 '^[<>]')"
	case $f in
	meminfo) prog=$AWK_MEMINFO ;;
	vmstat) prog=$AWK_VMSTAT ;;
	zoneinfo) prog=$AWK_ZONEINFO ;;
	buddyinfo) prog=$AWK_BUDDYINFO ;;
	pagetypeinfo) prog=$AWK_PAGETYPEINFO ;;
	esac
	awk -v pages="$PAGES" -v page_kb="$PAGE_KB" -v dyn_high="$DYN_HIGH" -v slack="$PCP_SLACK" \
		-v pages4k=$((PAGES * PAGE_KB / 4)) "$AWK_COMMON$prog" "$2" "$1"
}

rule_slabinfo() {	# OURS TRUTH REL
	awk -v page="$PAGE" -v mem="$MEM" '
	function abs(x) { return x < 0 ? -x : x }
	function bad(s) { print s }
	FNR <= 2 { hdr[FNR == NR, FNR] = $0; next }
	FNR == NR { tn[++nt] = $1; ta[$1] = $2; tsl[$1] = $15; tf[$1] = $4 " " $5 " " $6; tnf[$1] = NF; next }
	{
		on[++no] = $1
		if ($7 != ":" || $8 != "tunables" || $9 != 0 || $10 != 0 || $11 != 0 ||
		    $12 != ":" || $13 != "slabdata" || $16 != 0)
			bad($1 ": tunables/sharedavail not 0: " $0)
		if ($14 != $15) bad($1 ": active_slabs " $14 " != num_slabs " $15)
		if ($2 > $3 || $3 > $15 * $5) bad($1 ": not active " $2 " <= num " $3 " <= slabs " $15 " * " $5)
		if (!($1 in tf)) next
		if (NF != tnf[$1]) bad($1 ": " NF " fields, truth " tnf[$1])
		if ($4 " " $5 " " $6 != tf[$1]) bad($1 ": objsize objperslab pagesperslab " $4 " " $5 " " $6 ", truth " tf[$1])
		dslab = abs($15 - tsl[$1]) * $6 * page
		dobj = abs($2 - ta[$1]) * $4
		sum += dslab
		if (dslab > mem / 100) bad($1 ": slab memory moved " dslab " bytes, > 1% of " mem)
		if (dobj > mem / 100) bad($1 ": active objects moved " dobj " bytes, > 1% of " mem)
	}
	END {
		if (hdr[1, 1] != hdr[0, 1] || hdr[1, 2] != hdr[0, 2]) bad("header differs")
		if (nt != no) bad("caches: " no " ours, " nt " truth")
		for (i = 1; i <= nt && i <= no; i++)
			if (tn[i] != on[i]) { bad("cache " i ": " on[i] ", truth " tn[i]); break }
		if (sum > mem / 50) bad("slab memory moved " sum " bytes in all, > 2% of " mem)
	}' "$2" "$1"
}

rule_vmallocinfo() {	# OURS TRUTH REL
	local n_o n_t
	diff <(grep -v -e ' unpurged vm_area$' -e ' kernel_clone+' "$1") \
	     <(grep -v -e ' unpurged vm_area$' -e ' kernel_clone+' "$2") >/dev/null ||
		echo "areas but the task stacks differ"
	n_o=$(grep -c ' kernel_clone+' "$1")
	n_t=$(grep -c ' kernel_clone+' "$2")
	[ $((n_o > n_t ? n_o - n_t : n_t - n_o)) -le $((n_t / 10 + 5)) ] ||
		echo "task stacks: $n_o, truth $n_t (more than 10% + 5 apart)"
	awk 'FNR == NR { if (/ unpurged vm_area$/) t[++nt] = $0; next }
		/ unpurged vm_area$/ && i < nt && $0 == t[i + 1] { i++ }
		END { if (i != nt) print "the truth'"'"'s unpurged areas are not all in ours, in order" }' "$2" "$1"
}

rule_resources() {	# OURS TRUTH REL
	local z='s/^( *)[0-9a-f]+-[0-9a-f]+ : /\1X-X : /'
	if grep -qv '^ *0*-0* : ' "$2"; then
		echo "ranges differ (the truth shows them)"
	elif ! diff <(sed -E "$z" "$1") <(sed -E "$z" "$2") >/dev/null; then
		echo "differs with the ranges zeroed"
	fi
}

mask_cpuinfo() {
	if grep -q '^flags.* aperfmperf' "$1"; then
		sed -E 's/^(cpu MHz\t\t: ).*/\1(moves)/' "$1"
	else
		sed -E 's/^(cpu MHz dynamic : ).*/\1(moves)/' "$1"
	fi
}
rule_cpuinfo() {	# OURS TRUTH REL
	diff <(mask_cpuinfo "$2") <(mask_cpuinfo "$1") >"$tmp/cpu.diff" ||
		echo "differs beyond the moving MHz lines: $(grep -m 1 '^[<>]' "$tmp/cpu.diff")"
}

rule_counts() {		# OURS TRUTH REL
	local ncpu=$NCPU
	[ "$3" = proc/softirqs ] && ncpu=$NPOSSIBLE
	[ "$(head -n 1 "$1")" = "$(head -n 1 "$2")" ] || echo "header differs"
	awk -v ncpu="$ncpu" -v rate=$IRQ_RATE -v t="$T_SINCE" "$SHAPE_AWK"'
		FNR == 1 { f++ }
		f == 1 { ts[FNR] = shape($0, ncpu, c); for (i = 0; i <= c[0]; i++) tc[FNR, i] = c[i]; nt = FNR; next }
		f == 2 {
			s = shape($0, ncpu, c)
			if (FNR > nt) { print "extra line: " $0; next }
			if (s != ts[FNR]) { print "line " FNR " shape: " s ", truth " ts[FNR]; next }
			for (i = 1; i <= c[0]; i++) {
				d = c[i] - tc[FNR, i]
				if (d < 0) print "line " FNR " field " i ": " c[i] " < truth " tc[FNR, i]
				else if (d > rate * t) print "line " FNR " field " i ": +" d " > " rate "/s x " t " s"
			}
			nd = FNR
		}
		END { if (nd < nt) print "missing lines after " nd }' "$2" "$1"
}

rule_stat() {		# OURS TRUTH REL
	stat_diff "$1" "$2" "$T_SINCE" "$NPOSSIBLE"
}

rule_uptime() {		# OURS TRUTH REL
	grep -qxE '[0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2}' "$1" || { echo "format: $(head -c 80 "$1")"; return; }
	awk -v span=$CAPTURE_SPAN -v np="$NPOSSIBLE" 'FNR == NR { tu = $1; ti = $2; next }
		!(tu <= $1 && $1 <= tu + span + 40) { print "uptime " $1 ", truth " tu }
		!(ti <= $2 && $2 <= np * $1 + 1) { print "idle " $2 ", truth " ti }' "$2" "$1"
}

rule_loadavg() {	# OURS TRUTH REL
	grep -qxE '[0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+/[0-9]+ [0-9]+' "$1" ||
		{ echo "format: $(head -c 80 "$1")"; return; }
	awk 'FNR == 1 { f++ } { split($4, rt, "/") }
		f == 1 { tthreads = rt[2]; tpid = $5 }
		f == 2 && !($1 < 64 && $2 < 64 && $3 < 64 && rt[1] <= rt[2] &&
			 rt[2] >= tthreads / 2 && rt[2] <= tthreads * 2 && $5 >= tpid) {
			print $0 " vs truth " tthreads " threads, last pid " tpid }' "$2" "$1"
}

rule_diskstats() {	# OURS TRUTH REL
	awk '
		NR == FNR { line[FNR] = $0; n = FNR; next }
		{
			split(line[FNR], t)
			if ($1 != t[1] || $2 != t[2] || $3 != t[3]) print "line " FNR ": " $3 " where the guest had " t[3]
			else if (NF != split(line[FNR], t)) print $3 ": " NF " fields"
			else for (i = 4; i <= NF; i++) {
				d = $i - t[i]
				if (i == 12 && d != 0) print $3 ": in flight " $i " != " t[i]
				lim = (i == 6 || i == 10 || i == 17) ? 131072 : (i == 4 || i == 5 || i == 8 || i == 9 || i == 15 || i == 16 || i == 19) ? 1000 : 10000
				if (d < 0 || d > lim) print $3 ": field " i " " $i " vs " t[i]
			}
		}
		END { if (FNR != n) print FNR " lines, the guest had " n }
	' "$2" "$1"
}

rule_panic_sysctl() {	# OURS TRUTH REL
	local want
	if [ -z "$AFTER_PANIC" ]; then
		echo "differs (and the dump is not after a panic)"
		return
	fi
	case $3 in
	*/sysrq) want=1 ;;
	*/printk) want=$(sed -E 's/^[0-9]+/15/' "$2") ;;
	esac
	[ "$(cat "$1")" = "$want" ] || echo "'$(cat "$1")', want '$want' after the panic"
}

rule_pid_stat() {	# OURS TRUTH REL
	pid_stat_diff "$1" "$2" "$PID" "$KTHREAD"
}

rule_pid_status() {	# OURS TRUTH REL
	awk -v pid="$PID" -v kthread="$KTHREAD" -F '\t' '
	FNR == NR { ka[++na] = $1; va[na] = substr($0, length($1) + 2); next }
	{ kb[++nb] = $1; vb[nb] = substr($0, length($1) + 2) }
	function kb_(s) { if (s ~ /^kworker\//) sub(/[-+].*/, "", s); return s }
	END {
		if (na != nb) print "line count " na ", truth " nb
		for (i = 1; i <= na && i <= nb; i++) {
			if (ka[i] != kb[i]) { print "line " i ": " ka[i] ", truth " kb[i]; exit }
			x = va[i]; y = vb[i]
			if (x == y) continue
			k = ka[i]
			if (k == "Name:" && kb_(x) == kb_(y)) continue
			if (k == "State:" && (pid == 1 || kthread)) continue
			if (k ~ /ctxt_switches:$/ && x + 0 >= y + 0) continue
			if (pid == 1 && k ~ /^(Vm|Rss)/ &&
			    x - y <= 1024 && y - x <= 1024) continue
			print k " " x ", truth " y
		}
	}' "$1" "$2"
}

rule_statm() {		# OURS TRUTH REL
	if [ "$PID" -ne 1 ]; then
		echo "$(cat "$1"), truth $(cat "$2")"
		return
	fi
	awk 'NR == 1 { n = split($0, a) } NR == 2 {
		if (NF != n) print "field count"
		for (i = 1; i <= NF; i++) if (a[i] - $i > 64 || $i - a[i] > 64) print "field " i ": " a[i] ", truth " $i }' "$1" "$2"
}

rule_comm() {		# OURS TRUTH REL
	local o t
	o=$(cat "$1") t=$(cat "$2")
	case $t in kworker/*) [ "${o%%[-+]*}" = "${t%%[-+]*}" ] && return ;; esac
	echo "'$o', truth '$t'"
}

# A line of proc/<pid>/stack: "[<0>] %pB", a symbol+off/size [module], or
# the raw address when it is none (ppc64's first frame is the stale LR
# slot of the switch frame: the live kernel prints 0x... there too).
STACK_RE='^\[<0>\] ([A-Za-z0-9_.]+\+0x[0-9a-f]+/0x[0-9a-f]+( \[[A-Za-z0-9_]+\])?|0x[0-9a-f]+)$'
rule_moves() {		# OURS TRUTH REL: wchan, stack
	if [ "$PID" -ne 1 ] && [ "$KTHREAD" -eq 0 ]; then
		echo "differs (not pid 1 nor a kernel thread): $(head -n 1 "$1" | head -c 60)"
		return
	fi
	case $3 in
	*/wchan) grep -qxE '[A-Za-z0-9_.]+' "$1" || echo "wchan '$(head -c 60 "$1")'" ;;
	*/stack) grep -qvE "$STACK_RE" "$1" &&
		echo "stack line: $(grep -m 1 -vE "$STACK_RE" "$1")" ;;
	esac
}

rule_io() {		# OURS TRUTH REL
	if [ "$PID" -ne 1 ]; then
		echo "differs: $(diff "$2" "$1" | grep -m 1 '^>')"
		return
	fi
	awk 'NR == FNR { k[FNR] = $1; v[FNR] = $2; n = FNR; next }
	     { if ($1 != k[FNR] || $2 + 0 < v[FNR] + 0) print $0 ", truth " k[FNR] " " v[FNR]; m = FNR }
	     END { if (m != n || n != 7) print m " lines, truth " n }' "$2" "$1"
}

# The rule of a file, "" for byte for byte; sets PID and KTHREAD for the
# per-process rules.
rule_for() {		# REL
	local rel=$1 p
	case $rel in
	proc/meminfo|proc/vmstat|proc/zoneinfo|proc/buddyinfo|proc/pagetypeinfo) RULE=rule_mm ;;
	proc/slabinfo) RULE=rule_slabinfo ;;
	proc/vmallocinfo) RULE=rule_vmallocinfo ;;
	proc/iomem|proc/ioports) RULE=rule_resources ;;
	proc/cpuinfo) RULE=rule_cpuinfo ;;
	proc/interrupts|proc/softirqs) RULE=rule_counts ;;
	proc/stat) RULE=rule_stat ;;
	proc/uptime) RULE=rule_uptime ;;
	proc/loadavg) RULE=rule_loadavg ;;
	proc/diskstats) RULE=rule_diskstats ;;
	proc/sys/kernel/printk|proc/sys/kernel/sysrq) RULE=rule_panic_sysctl ;;
	proc/[0-9]*/*)
		p=${rel#proc/}
		case $p in
		*/task/*/*) p=${p#*/task/} ;;
		esac
		PID=${p%%/*}
		KTHREAD=0
		if is_kthread "$TRUTH/${rel%/*}/stat" 2>/dev/null; then KTHREAD=1; fi
		case $rel in
		*/stat) RULE=rule_pid_stat ;;
		*/status) RULE=rule_pid_status ;;
		*/statm) RULE=rule_statm ;;
		*/comm) RULE=rule_comm ;;
		*/wchan|*/stack) RULE=rule_moves ;;
		*/io) RULE=rule_io ;;
		*) RULE= ;;
		esac ;;
	*) RULE= ;;
	esac
}

# classify REL: sets CLASS and WHY.
classify() {
	local rel=$1 o=$R/$1 t=$TRUTH/$1 out
	WHY=
	if [ ! -f "$o" ]; then
		CLASS=absent
		return
	fi
	if cmp -s "$o" "$t"; then
		CLASS=exact
		return
	fi
	if head -n 1 "$o" | grep -q '^# vmcore-report: stub'; then
		CLASS=stub
		WHY=$(head -n 1 "$o" | sed 's/^# vmcore-report: stub[^-]*- //')
		return
	fi
	if tail -n 1 "$o" | grep -q "$NOTE_RE"; then
		# without the note lines at its end
		awk -v re="$NOTE_RE" '{ l[NR] = $0 }
			END { n = NR; while (n > 0 && l[n] ~ re) n--
			      for (i = 1; i <= n; i++) print l[i] }' "$o" >"$tmp/nonote"
		if cmp -s "$tmp/nonote" "$t"; then
			CLASS=exact-with-note
			return
		fi
		o=$tmp/nonote
	fi
	rule_for "$rel"
	if [ -z "$RULE" ]; then
		CLASS=mismatch
		WHY="byte for byte (< truth, > ours): $(diff "$t" "$o" 2>&1 | grep -m 2 '^[<>]' | tr '\n' ' ' | head -c 160)"
		return
	fi
	out=$("$RULE" "$o" "$t" "$rel" 2>&1)
	if [ -z "$out" ]; then
		CLASS=tolerance
	else
		CLASS=mismatch
		WHY="$(echo "$out" | head -n 2 | paste -sd ';' | head -c 200)"
	fi
}

rank() {
	case $1 in
	exact) echo 0 ;;
	exact-with-note) echo 1 ;;
	tolerance) echo 2 ;;
	*) echo 3 ;;
	esac
}

CAPTURE_SPAN=80

# The expect file: "KEY CLASS PATH" lines, '#' comments.
declare -A EXP=() EXP_KEYS=()
if [ -f "$EXPECT" ]; then
	while read -r k c p _; do
		case $k in ''|'#'*) continue ;; esac
		EXP["$k $p"]=$c
		EXP_KEYS[$k]=1
	done <"$EXPECT"
fi

nfix=0
start_all=$SECONDS
for fx in $(fixture_list); do
	name=$(basename "$fx")
	TRUTH=$fx/truth
	dump=$(primary_dump "$fx")
	if [ -z "$dump" ] || [ ! -f "$TRUTH/proc/stat" ]; then
		echo "skip $name: no dump or no truth/proc/stat"
		continue
	fi
	nfix=$((nfix + 1))
	key=$name@$(awk '$1 == "btime" { print $2 }' "$TRUTH/proc/stat")
	label="$name/${dump#"$fx"/}"
	out=$tmp/$name
	t0=$SECONDS
	if ! timeout 300 "$BIN" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$out" \
		--build >/dev/null 2>"$tmp/$name.err"; then
		fail "$label: report failed: $(head -c 300 "$tmp/$name.err")"
		continue
	fi
	R=$(echo "$out"/sosvmcore-*)
	secs=$((SECONDS - t0))

	# The fixture's parameters for the rules.
	PAGE=$(sed -n 's/.*"page_size": \([0-9]*\).*/\1/p' "$R/sos_reports/manifest.json")
	PAGE=${PAGE:-4096}
	PAGE_KB=$((PAGE / 1024))
	MEMKB=$(awk '/^MemTotal:/ { print $2 }' "$TRUTH/proc/meminfo" 2>/dev/null)
	MEMKB=${MEMKB:-0}
	PAGES=$((MEMKB / PAGE_KB))
	MEM=$((MEMKB * 1024))
	DYN_HIGH=0
	awk '{ split($3, v, "[.+-]"); exit !(v[1] > 6 || v[1] == 6 && v[2] >= 7) }' \
		"$TRUTH/proc/version" && DYN_HIGH=1
	NCPU=$(head -n 1 "$TRUTH/proc/interrupts" 2>/dev/null | wc -w)
	NPOSSIBLE=$(head -n 1 "$TRUTH/proc/softirqs" 2>/dev/null | wc -w)
	T_SINCE=$(awk -v span=$CAPTURE_SPAN 'FNR == NR { tu = $1; next }
		{ g = $1 - tu + span; if ($1 < g) g = $1; printf "%d", g + 3 }' \
		"$TRUTH/proc/uptime" "$R/proc/uptime" 2>/dev/null)
	T_SINCE=${T_SINCE:-0}
	# Pages on the per-cpu lists: |truth - ours| of zoneinfo's counts.
	PCP_SLACK=$(awk '$1 == "count:" { s[FILENAME == ARGV[1]] += $2 }
		END { d = s[1] - s[0]; print d < 0 ? -d : d }' \
		"$TRUTH/proc/zoneinfo" "$R/proc/zoneinfo" 2>/dev/null)
	PCP_SLACK=${PCP_SLACK:-0}
	AFTER_PANIC=
	case $dump in */kdump/*|*/panic.*) AFTER_PANIC=1 ;; esac

	declare -A count=([exact]=0 [exact-with-note]=0 [tolerance]=0 [stub]=0 [mismatch]=0 [absent]=0)
	declare -A stubs=()
	judged=
	[ -n "${EXP_KEYS[$key]:-}" ] && judged=1
	regressed=0 improved=0
	verdicts=()
	mism=
	record=
	while IFS= read -r rel; do
		classify "$rel"
		count[$CLASS]=$((count[$CLASS] + 1))
		case $CLASS in
		mismatch) mism="$mism  mismatch $rel: $WHY"$'\n' ;;
		stub) stubs[$WHY]=$((${stubs[$WHY]:-0} + 1)) ;;
		esac
		[ "$CLASS" != exact ] && record="$record$key $CLASS $rel"$'\n'
		[ -n "$judged" ] || continue
		want=${EXP["$key $rel"]:-exact}
		[ "$want" = "$CLASS" ] && continue
		rc=$(rank "$CLASS") rw=$(rank "$want")
		if [ "$rc" -gt "$rw" ]; then
			regressed=$((regressed + 1))
			verdicts+=("fail|$name $rel: worse: $want -> $CLASS${WHY:+ ($WHY)}")
		elif [ "$rc" -lt "$rw" ]; then
			improved=$((improved + 1))
			verdicts+=("note|$name $rel: improved: $want -> $CLASS (tighten $(basename "$EXPECT"))")
		else
			verdicts+=("note|$name $rel: $want -> $CLASS (same rank)")
		fi
	done < <(cd "$TRUTH" && find proc sys -type f 2>/dev/null | LC_ALL=C sort)

	total=$((count[exact] + count[exact-with-note] + count[tolerance] + count[stub] + count[mismatch]))
	echo "$name: $((count[exact] + count[exact-with-note])) exact (${count[exact-with-note]} with note), ${count[tolerance]} within tolerance, ${count[stub]} stub, ${count[mismatch]} mismatch (of $total truth files the report has; ${count[absent]} absent) [$key, ${dump#"$fx"/}, report ${secs} s]"
	printf '%s' "$mism"
	for w in "${!stubs[@]}"; do
		echo "  stub (${stubs[$w]} files): $w"
	done
	for v in ${verdicts[@]+"${verdicts[@]}"}; do
		"${v%%|*}" "${v#*|}"
	done
	if [ -n "$RECORD" ]; then
		{
			echo "# $key: $(basename "$(fixture_cache)")/$name, ${dump#"$fx"/}"
			printf '%s' "$record" | LC_ALL=C sort -k2,2 -k3,3
			echo
		} >>"$RECORD"
	fi
	if [ -z "$judged" ]; then
		note "$name: no entry $key in $(basename "$EXPECT"): not judged ($(printf '%s' "$record" | grep -c .) files not exact; TRUTH_SUMMARY_RECORD=FILE writes their lines)"
	elif [ "$regressed" -eq 0 ]; then
		pass "$name: no file worse than $(basename "$EXPECT") says ($improved improved)"
	fi
	# Entries of the expect file for files the truth no longer has.
	for k in "${!EXP[@]}"; do
		case $k in "$key "*) [ -f "$TRUTH/${k#"$key "}" ] ||
			note "$name ${k#"$key "}: in $(basename "$EXPECT") but not in truth/" ;; esac
	done
	unset count stubs
	rm -rf "$out"
done

# Fixtures of the expect file that this cache does not have at all.
declare -A seen=()
for fx in $(fixture_list); do seen[$(basename "$fx")]=1; done
for k in "${!EXP_KEYS[@]}"; do
	[ -n "${seen[${k%@*}]:-}" ] || echo "skip ${k%@*}: no such fixture in $(fixture_cache)"
done | LC_ALL=C sort -u
if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): truth_summary SKIPPED ########"
fi
echo "time: $((SECONDS - start_all)) s"
summary
