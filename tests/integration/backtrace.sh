#!/usr/bin/env bash
# Issue #8: backtraces on every dump of every fixture (all architectures).
#  - sos_commands/kernel/bt: a trace for each CPU, from its registers.
#  - sos_commands/kernel/bt_all: a trace for every task; none stops early.
#  - proc/<pid>/stack: the first function is the one the guest's own
#    /proc/<pid>/wchan named when the fixture was made (truth/), for the
#    tasks that stayed asleep since (all long `sleep`s must); it is also
#    the function our own proc/<pid>/wchan names, from the same dump.
#  - proc/<pid>/stack against the guest's own /proc/<pid>/stack (truth/,
#    where the fixture has it), line for line, for the tasks that were not
#    scheduled between the capture and the dump.
#  - panic dumps: the panicking CPU's trace holds the sysrq handler chain;
#    sos_commands/kernel/panic names the panic, its CPU and task; the
#    frames from panic() down are the ones the kernel itself printed in
#    its "Call Trace:" before the dump (read back from the dump's log),
#    function+offset/size, in order.
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

ONLY='sos_commands/kernel/bt,sos_commands/kernel/bt_all,sos_commands/kernel/panic,sos_commands/kernel/dmesg,proc/*/stack,proc/*/wchan,proc/*/status'

skip() { echo "skip $*"; }

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
# kernel's ___get_wchan() skips the frame of the switch) and, before it,
# the stale LR slot of _switch's frame that ppc64's arch_stack_walk()
# prints first for a task that is not running (see proc/pid/stack.c).
first_function() {
	sed -e 's/^\[<0>\] //' -e 's/[+ ].*//' "$1" |
		awk 'NR == 1 { l1 = $0; next }
		     NR == 2 && $0 != "__switch_to" { print l1 }
		     { print }
		     END { if (NR == 1) print l1 }' |
		grep -v -x '__switch_to' | head -n 1
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

# proc/<pid>/stack against the guest's own /proc/<pid>/stack (truth/),
# "[<0>] func+0x1c/0x60" line for line.  The capture and the dump are
# seconds apart: a task whose context switch counts (voluntary and
# nonvoluntary, truth/proc/<pid>/status against the dump's) did not
# change was not scheduled in between, so its stack memory is the same
# and the file must be identical, offsets and the ppc64 stale first slot
# included: all of them must match (100%: any difference is ours; 52-63
# such tasks per fixture, and at least half of the captured stacks, so a
# broken selector cannot hide a failure).  The tasks that ran in between
# (init driving the fixture, rcu_gp_kthread, ksoftirqd, kworkers,
# migration, kcompactd) are counted, not required: they are asleep
# elsewhere, or in the same place with other stale words.  A task running
# at the capture (State R) has no stable stack to compare.
check_truth_stacks() {	# FIXTURE LABEL
	local fx=$1 label=$2 t pid st a b nt=0 n=0 m=0 moved=0 mm=0 msg=""
	for t in "$fx"/truth/proc/[0-9]*/stack; do
		pid=${t#"$fx"/truth/proc/}; pid=${pid%/stack}
		# Empty: a kernel without stack traces for it (exited, running).
		[ -s "$t" ] && [ -f "$R/proc/$pid/stack" ] || continue
		nt=$((nt + 1))
		st=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "$fx/truth/proc/$pid/status" 2>/dev/null)
		a=$(ctxt_switches "$fx/truth/proc/$pid/status")
		b=$(ctxt_switches "$R/proc/$pid/status")
		if [ "$st" != R ] && [ -n "$a" ] && [ "$a" = "$b" ]; then
			n=$((n + 1))
			if cmp -s "$t" "$R/proc/$pid/stack"; then
				m=$((m + 1))
			else
				msg="$msg pid $pid ($(cat "$fx/truth/proc/$pid/comm" 2>/dev/null)): $(diff "$t" "$R/proc/$pid/stack" | grep '^[<>]' | head -n 2 | tr '\n' ' ');"
			fi
		else
			moved=$((moved + 1))
			cmp -s "$t" "$R/proc/$pid/stack" && mm=$((mm + 1))
		fi
	done
	if [ "$n" -ge 20 ] && [ $((n * 2)) -ge "$nt" ] && [ "$m" -eq "$n" ]; then
		pass "$label proc/<pid>/stack: $m of $n unchanged tasks as truth/ (ran since: $mm of $moved)"
	else
		fail "$label proc/<pid>/stack: $m of $n unchanged tasks as truth/ ($nt captured):$msg"
	fi
	note "$label proc/<pid>/stack = truth/: $m of $n unchanged tasks, $mm of $moved that ran since"
}

# "voluntary nonvoluntary" context switches of a status file.
ctxt_switches() {
	sed -n 's/^\(non\)\{0,1\}voluntary_ctxt_switches:[[:space:]]*//p' "$1" 2>/dev/null |
		tr '\n' ' '
}

# The sysrq-c chain under panic(), as drivers/tty/sysrq.c has it in v6.1
# and v6.12: write_sysrq_trigger() -> __handle_sysrq() (split by GCC into
# __handle_sysrq.cold on x86_64) -> sysrq_handle_crash() -> panic("sysrq
# triggered crash"), from a write(2) to /proc/sysrq-trigger (proc_reg_write,
# vfs_write, ksys_write), then each architecture's system call entry, as
# the kernels of the fixtures print it in their own panic trace.
SYSRQ_CHAIN="panic sysrq_handle_crash __handle_sysrq write_sysrq_trigger proc_reg_write vfs_write ksys_write"

sysrq_chain() {	# ARCH
	case $1 in
	x86_64) echo "$SYSRQ_CHAIN do_syscall_64 entry_SYSCALL_64_after_hwframe" ;;
	aarch64) echo "$SYSRQ_CHAIN __arm64_sys_write invoke_syscall el0_svc el0t_64_sync" ;;
	ppc64) echo "$SYSRQ_CHAIN system_call_exception" ;;
	s390x) echo "$SYSRQ_CHAIN __do_syscall system_call" ;;
	*) echo "$SYSRQ_CHAIN" ;;
	esac
}

# The call trace the kernel printed after "Kernel panic - not syncing:
# sysrq triggered crash" (dump_stack() in panic()), one func+0xoff/0xsize
# a line, from a kernel log: x86_64 "  func+0x16/0x20" between <TASK> and
# </TASK>, "? func" for the unreliable words it skips too; arm64
# "  func+0x20/0x28"; ppc64 "[sp] [ip] func+0x28/0x30", "(unreliable)" for
# the first; s390x "  [<ip>] func+0x28/0x28".  It ends at the first line
# without a function: the user registers ("RIP: 0033:", "--- interrupt:
# 3000"), "SMP: stopping secondary CPUs", "Kernel Offset".
kernel_panic_trace() {	# DMESG
	awk '
	!p && /Kernel panic - not syncing: sysrq triggered crash/ { p = 1; next }
	p && !on { if (/Call [Tt]race:/) on = 1; next }
	on {
		sub(/^\[[ 0-9.]*\] */, "")
		sub(/^ +/, "")
		if ($0 ~ /^<\/?[A-Z]+>$/ || $0 ~ /^\? / || $0 ~ /\(unreliable\)/)
			next
		tok = ""
		for (i = 1; i <= NF; i++)
			if ($i ~ /^[A-Za-z_][A-Za-z0-9_.$]*\+0x[0-9a-f]+\/0x[0-9a-f]+$/) {
				tok = $i
				break
			}
		if (tok == "")
			exit
		print tok
	}' "$1"
}

# The reliable frames of a trace in crash's format, func+0xoff/0xsize a
# line (the "? " guesses left out, as the kernel's trace leaves them).
bt_frames() {
	sed -n -E 's/^ *#[0-9]+ \[[0-9a-f]+\] ([^ ?][^ ]*\+0x[0-9a-f]+\/0x[0-9a-f]+)( \[[^]]+\])? at [0-9a-f]+$/\1/p'
}

# Is SYM+0x0 (the kernel's %pS) the same return address as OURS, the end
# of a noreturn function ("sysrq_handle_crash+0x20/0x20": %pB, as the
# x86_64 kernel and /proc/<pid>/stack print it)?  arm64's dump_backtrace()
# (v6.1) and s390's show_stack() print %pS, which names the function after
# it: "sysrq_reset_seq_param_set+0x0/0xa0".  True when System.map puts SYM
# at OURS' function + its size.
same_return_address() {	# KERNEL_FRAME OUR_FRAME SYSTEM_MAP
	local k=$1 o=$2 map=$3 kf of off size a b
	[[ $k =~ ^([^+]+)\+0x0/0x[0-9a-f]+$ ]] || return 1
	kf=${BASH_REMATCH[1]}
	[[ $o =~ ^([^+]+)\+0x([0-9a-f]+)/0x([0-9a-f]+)$ ]] || return 1
	of=${BASH_REMATCH[1]} off=${BASH_REMATCH[2]} size=${BASH_REMATCH[3]}
	[ "$off" = "$size" ] && [ -f "$map" ] || return 1
	for a in $(awk -v f="$of" '$3 == f { print $1 }' "$map"); do
		for b in $(awk -v f="$kf" '$3 == f { print $1 }' "$map"); do
			[ $((16#$a + 16#$off)) -eq $((16#$b)) ] && return 0
		done
	done
	return 1
}

# Our trace of the panicking CPU against the kernel's own: from panic()
# down, frame for frame, function+offset/size equal (the return addresses
# on the stack did not change between dump_stack() and the dump), but:
#  - panic's own offset: the kernel printed it at its dump_stack() call,
#    we see where panic() was when the dump was taken (__crash_kexec with
#    kdump, the delay loop or the platform's panic notifier under QEMU);
#  - %pS against %pB after a noreturn call (same_return_address);
#  - above panic(): ours starts where the CPU stopped, deeper (delay_tsc,
#    __crash_kexec, rtas_os_term, stop_run...), the kernel's at
#    dump_backtrace/dump_stack_lvl: not compared.
check_panic_oracle() {	# FIXTURE DUMP LABEL CPU ARCH
	local fx=$1 dump=$2 label=$3 cpu=$4 arch=$5 dm=$R/sos_commands/kernel/dmesg
	local -a k o
	local i bad="" above
	if [ ! -s "$dm" ] || grep -q '^# vmcore-report: stub' "$dm"; then
		skip "$label bt vs the kernel's panic trace: no dmesg"
		return
	fi
	mapfile -t k < <(kernel_panic_trace "$dm" | awk 'f || /^panic\+/ { f = 1; print }')
	if [ "${#k[@]}" -lt 2 ]; then
		skip "$label bt vs the kernel's panic trace: the log has no Call Trace after the panic"
		return
	fi
	mapfile -t o < <(bt_cpu "$R/sos_commands/kernel/bt" "$cpu" | bt_frames |
		awk 'f || /^panic\+/ { f = 1; print }')
	above=$(bt_cpu "$R/sos_commands/kernel/bt" "$cpu" | bt_frames |
		awk '/^panic\+/ { exit } { sub(/\+.*/, ""); printf "%s ", $0 }')
	if [ "${#o[@]}" -ne "${#k[@]}" ]; then
		bad="$bad ${#o[@]} frames from panic, the kernel printed ${#k[@]};"
	fi
	for ((i = 0; i < ${#k[@]} && i < ${#o[@]}; i++)); do
		if [ "$i" -eq 0 ]; then
			[ "${o[0]%%+*}" = panic ] || bad="$bad #0 ${o[0]};"
		elif [ "${o[i]}" != "${k[i]}" ] &&
		     ! same_return_address "${k[i]}" "${o[i]}" "$fx/System.map"; then
			bad="$bad ${o[i]} for ${k[i]};"
		fi
	done
	# With kdump, panic() calls __crash_kexec(), which saves the
	# registers (crash_setup_regs(), kernel/kexec_core.c) the dump has.
	case $dump in
	*/kdump/*)
		echo " $above" | grep -q -E ' _?_?crash_kexec ' ||
			bad="$bad no __crash_kexec above panic (${above:-none});" ;;
	esac
	if [ -z "$bad" ]; then
		pass "$label bt: CPU $cpu as the kernel's panic trace, ${#k[@]} frames from panic (above it: ${above:-none})"
	else
		fail "$label bt: CPU $cpu differs from the kernel's panic trace:$bad"
		echo "       kernel: ${k[*]}"
		echo "       ours:   ${o[*]}"
	fi
}

# The other CPUs of a panic dump: panic() stopped them (smp_send_stop():
# x86_64 the REBOOT_VECTOR IPI, stop_this_cpu(); arm64 IPI_CPU_STOP,
# local_cpu_stop(); ppc64 an NMI IPI through the system reset exception,
# nmi_stop_this_cpu(); s390 SIGP STOP, which leaves no frame: the s390
# fixture's other CPU was in an external call interrupt,
# smp_handle_ext_call()), mostly while they idled.
# An idle CPU's trace must go through that interrupt's frame ("[exception
# ...]", pt_regs on the stack; under kdump the registers saved by the NMI
# handler are already the interrupted ones) down to the bottom of the
# idle task's stack: do_idle <- cpu_startup_entry.  The kernel printed no
# trace of these CPUs: this checks that the walk crosses the frame and
# does not stop, not each frame.
check_stopped_cpus() {	# DUMP LABEL PANIC_CPU
	local dump=$1 label=$2 pcpu=$3 f=$R/sos_commands/kernel/bt cpu fns n=0 x=0 bad=""
	for cpu in $(sed -n 's/^PID: 0 .* CPU: \([0-9]*\) .*COMMAND: "swapper.*/\1/p' "$f"); do
		[ "$cpu" = "$pcpu" ] && continue
		n=$((n + 1))
		bt_cpu "$f" "$cpu" | grep -q '^    \[exception ' && x=$((x + 1))
		fns=$(bt_cpu "$f" "$cpu" | bt_functions | tr '\n' ' ')
		case " $fns" in
		*" do_idle "*"cpu_startup_entry "*) ;;
		*) bad="$bad CPU $cpu: $fns;" ;;
		esac
	done
	if [ "$n" -eq 0 ]; then
		skip "$label bt: no other CPU idled at the panic"
	elif [ -n "$bad" ]; then
		fail "$label bt: idle CPUs not traced to cpu_startup_entry:$bad"
	else
		case $dump in
		*/kdump/*) pass "$label bt: $n idle CPUs down to cpu_startup_entry" ;;
		*)
			if [ "$x" -eq "$n" ]; then
				pass "$label bt: $n idle CPUs through the stop IPI's exception frame to cpu_startup_entry"
			else
				fail "$label bt: $((n - x)) of $n idle CPUs without the stop IPI's exception frame"
			fi ;;
		esac
	fi
}

check_panic() {	# FIXTURE DUMP LABEL ARCH
	local fx=$1 dump=$2 label=$3 arch=$4 p=$R/sos_commands/kernel/panic
	local cpu fns f missing=""
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
		for fn in $(sysrq_chain "$arch"); do
			# __handle_sysrq is __handle_sysrq.cold when split by GCC.
			echo "$fns" | grep -q -x -E "$fn(\.cold|\.isra\.0|\.constprop\.0)?" ||
				missing="$missing $fn"
		done
		if [ -z "$missing" ]; then
			pass "$label $(basename "$f"): CPU $cpu in the sysrq-c chain"
		else
			fail "$label $(basename "$f"): CPU $cpu lacks$missing"
			echo "$fns" | head -n 20 | tr '\n' ' ' | sed 's/^/       /'
			echo
		fi
	done
	check_panic_oracle "$fx" "$dump" "$label" "$cpu" "$arch"
	check_stopped_cpus "$dump" "$label" "$cpu"
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
truth_stacks=0
declare -A archs=() panic_archs=()
for fx in $(fixture_list); do
	name=$(basename "$fx")
	arch=$(fixture_arch "$fx")
	archs[$arch]=1
	nfix=$((nfix + 1))
	has_truth_stack=
	if ls "$fx"/truth/proc/[0-9]*/stack >/dev/null 2>&1; then
		has_truth_stack=1
		truth_stacks=$((truth_stacks + 1))
	else
		skip "$name proc/<pid>/stack vs truth/: no truth/proc/<pid>/stack (first function against truth/ wchan only)"
	fi
	fixture_dumps "$fx" | grep -q -E '/panic\.|/kdump/' ||
		skip "$name panic chain: no panic dump"
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
			check_panic "$fx" "$dump" "$label" "$arch"
			panic_archs[$arch]=1
			g=panic ;;
		*)
			# The idle guest: its proc/<pid>/stack against truth/.
			check_stacks "$fx" "$label"
			check_no_panic "$label"
			g=idle ;;
		esac
		[ -n "$has_truth_stack" ] && check_truth_stacks "$fx" "$label"
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
	[ "$truth_stacks" -eq 0 ] &&
		note "not checked: no fixture's truth/ has proc/<pid>/stack, only wchan:" \
		     "proc/<pid>/stack is checked by its first function"
	for a in "${!archs[@]}"; do
		[ -z "${panic_archs[$a]:-}" ] &&
			note "not checked: the panic chain on $a (no panic dump in $(fixture_cache))"
	done
	[ -z "$have_crash" ] &&
		note "not checked: crash is not installed (apt-get install crash)"
	[ -n "$have_crash" ] &&
		note "not checked with crash: other architectures (Debian's crash reads" \
		     "its host's only) and kernels newer than crash $(crash -v 2>/dev/null |
		     sed -n 's/^crash \([0-9.]*\).*/\1/p' | head -n 1) knows (6.12)"
	command -v drgn >/dev/null 2>&1 ||
		note "not checked: drgn is not installed (stack_trace comparison)"
	note "not checked: no fixture task sleeps in module code (module ORC," \
	     "[module] names); kernel exception frames only on the CPUs panic() stopped" \
	     "(to the end of the stack, frames not checked one by one)"
fi
summary
