#!/usr/bin/env bash
# Issue #8: backtraces on every dump of every fixture (all architectures).
#  - sos_commands/kernel/bt: a trace for each CPU, from its registers.
#  - sos_commands/kernel/bt_all: a trace for every task; none stops early.
#  - proc/<pid>/stack: the first function is the one the guest's own
#    /proc/<pid>/wchan named when the fixture was made (truth/), for the
#    tasks that stayed asleep since (all long `sleep`s must); it is also
#    the function our own proc/<pid>/wchan names, from the same dump.
#  - panic dumps: the panicking CPU's trace holds the sysrq handler chain;
#    sos_commands/kernel/panic names the panic, its CPU and task.
#  - sibling dumps of one memory image give the same traces.
#  - crash's `bt -a`, where crash can read the dump: the same functions,
#    frame by frame, but for the stale frames crash's stack search adds.
set -u
BIN=$(realpath "${1:-build/vmcore-report}")
here=$(dirname "$0")
. "$here/../testlib.sh"
. "$here/../fixtures.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ONLY='sos_commands/kernel/bt,sos_commands/kernel/bt_all,sos_commands/kernel/panic,proc/*/stack,proc/*/wchan'

# report DUMP VMLINUX OUT: our files for the dump in OUT; sets R.
report() {
	R=
	mkdir -p "$3"
	"$BIN" --vmcore "$1" --vmlinux "$2" -o "$3" --build --only "$ONLY" \
		>"$3/stdout" 2>"$3/stderr" || return 1
	R=$(echo "$3"/sosvmcore-*)
	[ -d "$R" ]
}

# Function names of a trace in crash's format, one per line; the
# exception frames' "[exception RIP: f+0x1/0x2]" as f.
bt_functions() {
	sed -n -E -e 's/^ *#[0-9]+ \[[0-9a-f]+\] (\? )?([^ +]+).* at [0-9a-f]+$/\2/p' \
		-e 's/^ *\[exception [A-Z]+: ([^ +]+).*/\1/p'
}

# The section of a bt file for one CPU ("CPU: n"), header to blank line.
bt_cpu() {	# FILE CPU
	awk -v cpu="$2" '/^PID: /{ on = ($0 ~ "CPU: " cpu " ") } on' "$1"
}

# The first function of a proc/<pid>/stack, past ppc64's __switch_to (the
# kernel's ___get_wchan() skips the frame of the switch, as we do not).
first_function() {
	sed -e 's/^\[<0>\] //' -e 's/[+ ].*//' "$1" | grep -v -x '__switch_to' | head -n 1
}

check_bt() {	# LABEL
	local label=$1 f=$R/sos_commands/kernel/bt n bad
	if grep -q '^# vmcore-report: stub' "$f"; then
		fail "$label bt: a stub: $(head -c 200 "$f")"
		return
	fi
	n=$(grep -c '^PID: ' "$f")
	# Every CPU section has frames (or user registers) and does not stop.
	bad=$(awk '/^PID: /{ if (h && !fr) b++; h = 1; fr = 0; next }
		   /^ *#[0-9]+ |^ +(RIP|PSW|R0|X0|X1):/{ fr = 1 }
		   END { if (h && !fr) b++; print b + 0 }' "$f")
	if [ "$n" -ge 2 ] && [ "$bad" -eq 0 ] && ! grep -q 'trace stopped' "$f"; then
		pass "$label bt: $n CPUs traced"
	else
		fail "$label bt: $n CPUs, $bad without frames, $(grep -c 'trace stopped' "$f") stopped"
		grep 'trace stopped' "$f" | head -n 3 | sed 's/^/       /'
	fi
}

check_bt_all() {	# LABEL
	local label=$1 f=$R/sos_commands/kernel/bt_all n np stops
	n=$(grep -c '^PID: ' "$f")
	np=$(find "$R/proc" -maxdepth 1 -name '[0-9]*' | wc -l)
	# A task that exited has no stack left: that one may stop.
	stops=$(grep 'trace stopped' "$f" | grep -v -c 'the task has no stack')
	if [ "$n" -gt "$np" ] && [ "$np" -ge 10 ] && [ "$stops" -eq 0 ]; then
		pass "$label bt_all: $n tasks traced"
	else
		fail "$label bt_all: $n tasks for $np processes, $stops traces stopped early"
		grep 'trace stopped' "$f" | grep -v 'no stack' | head -n 3 | sed 's/^/       /'
	fi
}

# proc/<pid>/stack against the guest's wchan and our own wchan.
check_stacks() {	# FIXTURE LABEL
	local fx=$1 label=$2 s pid tw ow first n=0 bad=0 own=0 ownbad=0
	local sleeps=0 sleepbad=0 comm msg=""
	for s in "$R"/proc/[0-9]*/stack; do
		pid=${s#"$R"/proc/}; pid=${pid%/stack}
		first=$(first_function "$s")
		ow=$(cat "$R/proc/$pid/wchan" 2>/dev/null)
		if [ -n "$ow" ] && [ "$ow" != 0 ]; then
			own=$((own + 1))
			if [ "$first" != "$ow" ]; then
				ownbad=$((ownbad + 1))
				msg="$msg pid $pid: stack $first, wchan $ow;"
			fi
		fi
		[ -f "$fx/truth/proc/$pid/wchan" ] || continue
		tw=$(cat "$fx/truth/proc/$pid/wchan")
		[ "$tw" = 0 ] && continue
		n=$((n + 1))
		comm=$(cat "$fx/truth/proc/$pid/comm" 2>/dev/null)
		case $comm:$tw in
		sleep:hrtimer_nanosleep|sleep:do_nanosleep)
			sleeps=$((sleeps + 1))
			# Asleep from the capture to the dump: the whole syscall.
			if [ "$first" != "$tw" ] || ! grep -q 'nanosleep' "$s"; then
				sleepbad=$((sleepbad + 1))
				echo "       $label pid $pid ($comm): $(head -n 3 "$s" | tr '\n' ' ')"
			fi
			;;
		esac
		if [ "$first" != "$tw" ]; then
			bad=$((bad + 1))
			[ -n "${VERBOSE:-}" ] && echo "       pid $pid ($comm): $first, truth $tw"
		fi
	done
	if [ "$sleeps" -ge 1 ] && [ "$sleepbad" -eq 0 ]; then
		pass "$label proc/<pid>/stack: $sleeps sleep tasks in nanosleep"
	else
		fail "$label proc/<pid>/stack: $sleepbad of $sleeps sleep tasks differ"
	fi
	# Other tasks may have moved on between the capture and the dump
	# (init, rcu_gp_kthread): at most 10% of them.
	if [ "$n" -ge 10 ] && [ $((bad * 10)) -le "$n" ]; then
		pass "$label proc/<pid>/stack: $((n - bad)) of $n as truth/ wchan"
	else
		fail "$label proc/<pid>/stack: $bad of $n differ from truth/ wchan"
	fi
	if [ "$own" -ge 10 ] && [ "$ownbad" -eq 0 ]; then
		pass "$label proc/<pid>/stack: $own as our proc/<pid>/wchan"
	else
		fail "$label proc/<pid>/stack vs our wchan ($own tasks):$msg"
	fi
}

# The sysrq-c chain: sysrq_handle_crash -> __handle_sysrq -> write_sysrq_trigger
# -> ... vfs_write -> ksys_write, under panic().
SYSRQ_CHAIN="panic sysrq_handle_crash __handle_sysrq write_sysrq_trigger vfs_write ksys_write"

check_panic() {	# LABEL
	local label=$1 p=$R/sos_commands/kernel/panic cpu fns f missing=""
	cpu=$(sed -n 's/^  PANIC_CPU: \([0-9]*\)$/\1/p' "$p")
	if grep -q '^      PANIC: "Kernel panic - not syncing: sysrq triggered crash"' "$p" &&
	   [ -n "$cpu" ] && grep -q "^       TASK: [0-9a-f]*  \[PID: [0-9]" "$p"; then
		pass "$label panic: message, CPU $cpu and task"
	else
		fail "$label panic: $(head -n 3 "$p" | tr '\n' ' ')"
		return
	fi
	for f in "$p" "$R/sos_commands/kernel/bt"; do
		if [ "$f" = "$p" ]; then
			fns=$(bt_functions <"$p")
		else
			fns=$(bt_cpu "$f" "$cpu" | bt_functions)
		fi
		missing=""
		for fn in $SYSRQ_CHAIN; do
			# __handle_sysrq is __handle_sysrq.cold when split by GCC.
			echo "$fns" | grep -q -x -E "$fn(\.cold|\.isra\.0|\.constprop\.0)?" ||
				missing="$missing $fn"
		done
		if [ -z "$missing" ]; then
			pass "$label $(basename "$f"): CPU $cpu in the sysrq-c chain"
		else
			fail "$label $(basename "$f"): CPU $cpu lacks$missing"
			echo "$fns" | head -n 12 | tr '\n' ' ' | sed 's/^/       /'
			echo
		fi
	done
}

check_no_panic() {	# LABEL
	if grep -q '^  PANIC_CPU: none' "$R/sos_commands/kernel/panic"; then
		pass "$1 panic: none"
	else
		fail "$1 panic: $(head -n 2 "$R/sos_commands/kernel/panic" | tr '\n' ' ')"
	fi
}

# Longest common subsequence of two lists of words (one per line).
lcs() {
	awk 'FNR == 1 { f++ }
	     f == 1 { a[++n] = $0 }
	     f == 2 { b[++m] = $0 }
	     END {
		for (i = 0; i <= n; i++) L[i, 0] = 0
		for (j = 0; j <= m; j++) L[0, j] = 0
		for (i = 1; i <= n; i++) {
			for (j = 1; j <= m; j++) {
				if (a[i] == b[j]) L[i, j] = L[i - 1, j - 1] + 1
				else if (L[i - 1, j] > L[i, j - 1]) L[i, j] = L[i - 1, j]
				else L[i, j] = L[i, j - 1]
			}
		}
		print L[n, m] + 0
	     }' "$1" "$2"
}

# crash's bt -a against ours, CPU by CPU: all but two frames of the shorter
# trace in common, in order (crash's stack search adds stale frames, and
# starts the panic task at panic() rather than at its registers).
check_crash() {	# FIXTURE DUMP LABEL
	local fx=$1 dump=$2 label=$3 out=$tmp/crash.txt cpu a b common na nb ok=0 bad=0
	if ! timeout 600 crash -s "$fx/vmlinux" "$dump" >"$out" 2>&1 <<-'EOF'
		bt -a
		quit
	EOF
	then
		note "$label: crash could not read the dump: $(grep -m1 -i -E 'crash:|error' "$out")"
		return
	fi
	if ! grep -q '^PID: ' "$out"; then
		note "$label: crash printed no trace: $(head -n 2 "$out" | tr '\n' ' ')"
		return
	fi
	for cpu in $(sed -n 's/.*CPU: \([0-9]*\) .*/\1/p' "$out" | sort -u); do
		bt_cpu "$out" "$cpu" | bt_functions >"$tmp/crash.$cpu"
		bt_cpu "$R/sos_commands/kernel/bt" "$cpu" | bt_functions >"$tmp/ours.$cpu"
		na=$(wc -l <"$tmp/crash.$cpu")
		nb=$(wc -l <"$tmp/ours.$cpu")
		common=$(lcs "$tmp/crash.$cpu" "$tmp/ours.$cpu")
		a=$((na < nb ? na : nb))
		if [ "$a" -ge 3 ] && [ "$common" -ge $((a - 2)) ]; then
			ok=$((ok + 1))
		else
			bad=$((bad + 1))
			echo "       CPU $cpu: crash: $(tr '\n' ' ' <"$tmp/crash.$cpu")"
			echo "       CPU $cpu: ours:  $(tr '\n' ' ' <"$tmp/ours.$cpu")"
		fi
	done
	if [ "$ok" -ge 1 ] && [ "$bad" -eq 0 ]; then
		pass "$label: crash bt -a agrees on $ok CPUs"
	else
		fail "$label: crash bt -a differs on $bad CPUs"
	fi
}

same_traces() {	# REPORT_A REPORT_B LABEL
	if diff -r -x 'manifest.json' -x 'vmcore-report.log' -x 'sos_reports' \
		-x 'sos_logs' "$1" "$2" >/dev/null; then
		pass "$3"
	else
		fail "$3"
		diff -r -x manifest.json -x vmcore-report.log "$1" "$2" | head -n 6 | sed 's/^/       /'
	fi
}

have_crash=
command -v crash >/dev/null 2>&1 && have_crash=1
nfix=0
i=0
declare -A archs=()
for fx in $(fixture_list); do
	name=$(basename "$fx")
	arch=$(fixture_arch "$fx")
	archs[$arch]=1
	nfix=$((nfix + 1))
	declare -A first=() first_label=()
	crash_done=
	for dump in $(fixture_dumps "$fx"); do
		i=$((i + 1))
		label="$name/${dump#"$fx"/}"
		if ! report "$dump" "$fx/vmlinux" "$tmp/$i"; then
			# A dump that does not open is skeleton.sh's to report.
			note "$label: no report: $(head -c 300 "$tmp/$i/stderr")"
			continue
		fi
		check_bt "$label"
		check_bt_all "$label"
		case $dump in
		*/panic.*|*/kdump/*)
			check_panic "$label"
			g=panic ;;
		*)
			# The idle guest: its proc/<pid>/stack against truth/.
			check_stacks "$fx" "$label"
			check_no_panic "$label"
			g=idle ;;
		esac
		if [ -z "${first[$g]:-}" ]; then
			first[$g]=$R
			first_label[$g]=${dump#"$fx"/}
		else
			same_traces "${first[$g]}" "$R" \
				"$label: same traces as ${first_label[$g]}"
		fi
		# crash: one kdump-compressed dump per fixture and memory image
		# (it takes ~15 s a dump).
		case $arch:$dump in
		x86_64:*.kdump-zlib|x86_64:*/dump.zlib-d31)
			if [ -n "$have_crash" ] && [ "${CRASH_ORACLE:-1}" != 0 ]; then
				check_crash "$fx" "$dump" "$label"
				crash_done=1
			fi ;;
		esac
	done
	[ -z "$crash_done" ] && [ -n "$have_crash" ] && [ "${CRASH_ORACLE:-1}" != 0 ] &&
		[ "$arch" = x86_64 ] &&
		note "$name: no kdump-compressed dump for crash"
	unset first first_label
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
else
	note "not checked: the fixtures' truth/ has no proc/<pid>/stack, only wchan:" \
	     "proc/<pid>/stack is checked by its first function"
	note "not checked: panic dumps exist for x86_64 only (sysrq-c under QEMU, kdump)"
	[ -z "$have_crash" ] &&
		note "not checked: crash is not installed (apt-get install crash)"
	[ -n "$have_crash" ] &&
		note "not checked with crash: other architectures (Debian's crash reads" \
		     "its host's only) and kernels newer than crash $(crash -v 2>/dev/null |
		     sed -n 's/^crash \([0-9.]*\).*/\1/p' | head -n 1) knows (6.12)"
	command -v drgn >/dev/null 2>&1 ||
		note "not checked: drgn is not installed (stack_trace comparison)"
	note "not checked: no fixture task sleeps in module code (module ORC," \
	     "[module] names) or has a kernel exception frame but x86_64's panic dumps"
fi
summary
