#!/usr/bin/env bash
# Issue #7: sos_commands/kernel/sys (crash's `sys`) and sos_commands/kernel/taint
# on every dump of every fixture.
#  - taint: the raw value is the guest's truth/proc/sys/kernel/tainted; the
#    first line (print_tainted()) is the string of the kernel's own
#    "CPU: n PID: p Comm: c ... Not tainted|Tainted: ... <release>" line
#    wherever the dump's log has one (panic dumps); the reasons and the
#    letters agree with the value.
#  - sys against truth/: NODENAME, RELEASE, VERSION, MACHINE; CPUS (the
#    present CPUs) as truth/proc/cpuinfo; TASKS as the threads of truth's
#    processes plus one idle task per CPU, within max(5, 10%) (the capture
#    ran a little before the dump: its own processes and the crasher come
#    and go), and exactly the tasks of our sos_commands/kernel/ps; MEMORY
#    from truth/proc/iomem's System RAM rounded as crash rounds it (else
#    between MemTotal and MemTotal + 25%); LOAD AVERAGE as our proc/loadavg;
#    UPTIME (jiffies) up to 5 s short of our proc/uptime (the boot clock);
#    PANIC: the "Kernel panic" line of
#    the dump's log on panic dumps, "" on dumps of a running guest.
#  - sys against Debian's crash where it reads the dump (x86_64 6.1):
#    field by field; DATE within 5 s (crash takes a QEMU dump's time from
#    its header, written after the guest stopped; we take the kernel's
#    clock); KERNEL and DUMPFILE are paths in crash's and not compared;
#    TASKS only where crash's task table is whole.
set -u
here=$(dirname "$0")
. "$here/../testlib.sh"

ONLY='sos_commands/kernel/sys,sos_commands/kernel/taint,sos_commands/kernel/dmesg,sos_commands/kernel/ps,proc/loadavg,proc/uptime'

report() {	# DUMP VMLINUX OUT: sets R
	R=
	mkdir -p "$3"
	"$BIN" --vmcore "$1" --vmlinux "$2" -o "$3" --build --only "$ONLY" \
		>"$3/stdout" 2>"$3/stderr" || return 1
	R=$(echo "$3"/sosvmcore-*)
	[ -d "$R" ]
}

field() {	# FILE NAME: the value of "NAME: value" in a sys listing
	sed -n "s/^ *$2: //p" "$1" | head -n 1
}

uname_machine() {	# ARCH (fixture_arch)
	case $1 in ppc64) echo ppc64le ;; *) echo "$1" ;; esac
}

# crash's rounding of a size in bytes (memory.c get_memory_size()).
crash_size() {
	awk -v t="$1" 'BEGIN {
		gb = 1073741824; mb = 1048576
		n = (int(t / gb) + (t % gb ? 1 : 0)) * gb
		if (n - t <= 64 * mb) t = n
		if (t >= gb) s = sprintf("%.1f GB", t / gb)
		else if (t >= mb) s = sprintf("%.1f MB", t / mb)
		else s = sprintf("%d KB", t / 1024)
		sub(/\.0 /, " ", s); print s }'
}

# The RAM of truth/proc/iomem's top-level "System RAM", whole pages only
# (memblock's present pages), in bytes; empty if the guest hid addresses.
iomem_ram() {	# IOMEM PAGE_SIZE
	local ps=$2 range s e t=0
	while read -r range _; do
		s=$((16#${range%-*})); e=$((16#${range#*-} + 1))
		s=$(((s + ps - 1) / ps * ps)); e=$((e / ps * ps))
		[ "$e" -gt "$s" ] && t=$((t + e - s))
	done < <(grep -E '^[0-9a-f]+-[0-9a-f]+ : System RAM$' "$1")
	[ "$t" -gt 0 ] && echo "$t"
}

check_taint() {	# FIXTURE LABEL
	local fx=$1 label=$2 f=$R/sos_commands/kernel/taint truth line1 raw letters
	local rel cpu_line oracle nset nreasons
	truth=$(cat "$fx/truth/proc/sys/kernel/tainted" 2>/dev/null)
	line1=$(head -n 1 "$f")
	raw=$(sed -n "s|^Raw taint value as int/string: \([0-9]*\)/'.*'$|\1|p" "$f")
	letters=$(sed -n "s|^Raw taint value as int/string: [0-9]*/'\(.*\)'$|\1|p" "$f")
	if grep -q '^# vmcore-report: stub' "$f" || [ -z "$raw" ]; then
		fail "$label taint: $(head -c 200 "$f")"
		return
	fi
	if [ "$raw" = "$truth" ]; then
		pass "$label taint: $raw as truth"
	else
		fail "$label taint: $raw, truth/proc/sys/kernel/tainted $truth"
	fi
	# The letters: the kernel's table (P or G first), and line 1 from them.
	nset=$(awk -v m="$raw" 'BEGIN { n = 0; while (m > 0) { n += m % 2; m = int(m / 2) } print n }')
	nreasons=$(grep -c '^ \* .* (#[0-9]*)$' "$f")
	if [[ $letters == [GP]* ]] && [ "${#letters}" -ge 16 ] &&
	   { { [ "$raw" = 0 ] && [ "$line1" = "Not tainted" ]; } ||
	     [ "$line1" = "Tainted: $letters" ]; } && [ "$nset" = "$nreasons" ]; then
		pass "$label taint: ${#letters} flags in the kernel's table, $nreasons reasons"
	else
		fail "$label taint: line 1 '$line1', letters '$letters', $nreasons reasons for $nset bits"
	fi
	# The kernel's own string, in the panic or oops message of the dump's log.
	rel=$(sed -n 's/^ *RELEASE: //p' "$R/sos_commands/kernel/sys")
	cpu_line=$(grep -E '\] CPU: [0-9]+ .*PID: [0-9]+ Comm: ' "$R/sos_commands/kernel/dmesg" |
		grep -F " $rel " | tail -n 1)
	[ -n "$cpu_line" ] || return 0
	oracle=$(echo "$cpu_line" | sed -n -E "s/.* (Not tainted|Tainted: [A-Z ]*) $(echo "$rel" |
		sed 's/[.+]/\\&/g') .*/\1/p")
	if [ -n "$oracle" ] && [ "$line1" = "$oracle" ]; then
		pass "$label taint: '$line1' as the kernel's panic message"
	else
		fail "$label taint: '$line1', the kernel printed '$oracle'"
		echo "       $cpu_line"
	fi
}

check_sys_truth() {	# FIXTURE ARCH DUMP LABEL
	local fx=$1 arch=$2 dump=$3 label=$4 s=$R/sos_commands/kernel/sys t=$1/truth/proc
	local v want cpus tasks threads exp tol ps_tasks ram mem memtotal
	local up pup tup panic
	if grep -q '^# vmcore-report: stub' "$s" || ! grep -q '^       PANIC: ' "$s"; then
		fail "$label sys: $(head -c 300 "$s")"
		return
	fi
	if grep -q '^# vmcore-report: partial' "$s"; then
		fail "$label sys: partial: $(grep '^# vmcore-report: partial' "$s" | head -n 3 | tr '\n' ' ')"
	fi
	# truth/proc/sys/kernel/* where the fixture has them, else proc/version.
	for v in NODENAME:hostname RELEASE:osrelease VERSION:version; do
		if [ -f "$t/sys/kernel/${v#*:}" ]; then
			want=$(cat "$t/sys/kernel/${v#*:}")
		elif [ "${v%%:*}" = RELEASE ]; then
			want=$(awk '{ print $3 }' "$t/version")
		else
			want=$(sed -n 's/.*) \(#[0-9].*\)$/\1/p' "$t/version")
		fi
		if [ "$(field "$s" "${v%%:*}")" = "$want" ]; then
			pass "$label sys ${v%%:*}"
		else
			fail "$label sys ${v%%:*}: '$(field "$s" "${v%%:*}")', truth '$want'"
		fi
	done
	v=$(field "$s" MACHINE)
	if [[ $v == "$(uname_machine "$arch")  ("*" Mhz)" ]]; then
		pass "$label sys MACHINE: $v"
	else
		fail "$label sys MACHINE: '$v' for $arch"
	fi
	cpus=$(grep -c '^processor' "$t/cpuinfo")
	v=$(field "$s" CPUS)
	if [ "${v%% *}" = "$cpus" ]; then
		pass "$label sys CPUS: $v"
	else
		fail "$label sys CPUS: '$v', truth/proc/cpuinfo has $cpus"
	fi
	tasks=$(field "$s" TASKS)
	threads=$(cat "$t"/[0-9]*/status 2>/dev/null | awk '/^Threads:/ { n += $2 } END { print n + 0 }')
	exp=$((threads + cpus))
	tol=$((exp / 10 > 5 ? exp / 10 : 5))
	ps_tasks=$(($(wc -l <"$R/sos_commands/kernel/ps") - 1))
	if [ -n "$tasks" ] && [ "$tasks" -ge $((exp - tol)) ] && [ "$tasks" -le $((exp + tol)) ] &&
	   [ "$tasks" = "$ps_tasks" ]; then
		pass "$label sys TASKS: $tasks ($threads threads in truth + $cpus idle, ps $ps_tasks)"
	else
		fail "$label sys TASKS: '$tasks', truth $threads threads + $cpus idle (±$tol), ps $ps_tasks"
	fi
	mem=$(field "$s" MEMORY)
	# The fixtures' RAM is in whole 64 KiB blocks: 4 KiB pages cut the same.
	ram=$(iomem_ram "$t/iomem" 4096)
	memtotal=$(awk '/^MemTotal:/ { print $2 * 1024 }' "$t/meminfo")
	if [ -n "$ram" ]; then
		want=$(crash_size "$ram")
		if [ "$mem" = "$want" ]; then
			pass "$label sys MEMORY: $mem (truth/proc/iomem)"
		else
			fail "$label sys MEMORY: '$mem', truth/proc/iomem's System RAM is $want"
		fi
	else
		# MEMORY in bytes, from crash's "511.5 MB" / "2 GB".
		v=$(echo "$mem" | awk '{ m = $2 == "GB" ? 1073741824 : $2 == "MB" ? 1048576 : 1024; printf "%.0f\n", $1 * m }')
		if [ "${v:-0}" -ge "$memtotal" ] && [ "$v" -le $((memtotal + memtotal / 4 + 67108864)) ]; then
			pass "$label sys MEMORY: $mem (MemTotal $((memtotal >> 20)) MB)"
		else
			fail "$label sys MEMORY: '$mem', MemTotal $((memtotal >> 20)) MB"
		fi
	fi
	v=$(field "$s" 'LOAD AVERAGE')
	want=$(awk '{ print $1 ", " $2 ", " $3 }' "$R/proc/loadavg")
	if [ "$v" = "$want" ]; then
		pass "$label sys LOAD AVERAGE: $v"
	else
		fail "$label sys LOAD AVERAGE: '$v', proc/loadavg '$want'"
	fi
	# jiffies since boot, as crash counts: at most the boot clock of our
	# proc/uptime (itself checked against truth/ by mm_stats.sh), a few
	# seconds less where jiffies start late (s390x: the TOD clock runs from
	# the IPL), and not before truth/proc/uptime was read, but for that lag.
	up=$(field "$s" UPTIME | awk -F'[:, ]+' '{ if (NF == 5) print $1 * 86400 + $3 * 3600 + $4 * 60 + $5; else print $1 * 3600 + $2 * 60 + $3 }')
	pup=$(cut -d. -f1 "$R/proc/uptime")
	tup=$(cut -d. -f1 "$t/uptime")
	if [ -n "$up" ] && [ "$up" -le "$pup" ] && [ "$up" -ge $((pup - 5)) ] &&
	   [ "$up" -ge $((tup - 5)) ]; then
		pass "$label sys UPTIME: ${up}s, proc/uptime ${pup}s, truth ${tup}s before the dump"
	else
		fail "$label sys UPTIME: '$(field "$s" UPTIME)', proc/uptime $pup s, truth/proc/uptime $tup s"
	fi
	if ! [[ $(field "$s" DATE) =~ ^[A-Z][a-z]{2}\ [A-Z][a-z]{2}\ [\ 0-9][0-9]\ [0-9]{2}:[0-9]{2}:[0-9]{2}\ UTC\ [0-9]{4}$ ]]; then
		fail "$label sys DATE: '$(field "$s" DATE)'"
	fi
	panic=$(field "$s" PANIC)
	case $dump in
	*/panic.*|*/kdump/*)
		# The line is one of the dump's log, and it is the panic().
		if [[ $panic == '"Kernel panic - not syncing: '*'"' ]] &&
		   sed 's/^\[[ 0-9.]*\] //' "$R/sos_commands/kernel/dmesg" | grep -q -x -F "${panic:1:-1}"; then
			pass "$label sys PANIC: $panic"
		else
			fail "$label sys PANIC: $panic"
		fi ;;
	*)
		if [ "$panic" = '""' ]; then
			pass "$label sys PANIC: none"
		else
			fail "$label sys PANIC: $panic on a running guest"
		fi ;;
	esac
}

# crash's sys for the dump, field by field.
check_crash() {	# FIXTURE DUMP LABEL
	local fx=$1 dump=$2 label=$3 out=$tmp/crash.txt s=$R/sos_commands/kernel/sys
	local f a b n bad=0 ok=0 ta tb crash_tasks
	if ! TZ=UTC timeout 600 crash -s "$fx/vmlinux" "$dump" >"$out" 2>&1 <<-'EOF'
		sys
		ps
		quit
	EOF
	then
		echo "skip $label: crash could not read the dump: $(grep -m1 -i -E 'crash:|error' "$out" ||
			tail -n 1 "$out")"
		return
	fi
	if ! grep -q '^     RELEASE: ' "$out"; then
		echo "skip $label: crash printed no sys: $(head -n 2 "$out" | tr '\n' ' ')"
		return
	fi
	for f in CPUS UPTIME 'LOAD AVERAGE' NODENAME RELEASE VERSION MACHINE MEMORY PANIC; do
		a=$(field "$out" "$f")
		b=$(field "$s" "$f")
		if [ "$a" = "$b" ]; then
			ok=$((ok + 1))
		else
			bad=$((bad + 1))
			echo "       $f: crash '$a', ours '$b'"
		fi
	done
	ta=$(date -u -d "$(field "$out" DATE)" +%s 2>/dev/null)
	tb=$(date -u -d "$(field "$s" DATE | sed 's/ UTC / /')" +%s 2>/dev/null)
	if [ -n "$ta" ] && [ -n "$tb" ] && [ $((ta - tb)) -le 5 ] && [ $((tb - ta)) -le 5 ]; then
		ok=$((ok + 1))
	else
		bad=$((bad + 1))
		echo "       DATE: crash '$(field "$out" DATE)', ours '$(field "$s" DATE)'"
	fi
	# crash 8.0.2 loses tasks on some kernels ("active task ... not
	# found in PID hash"): its TASKS is compared only when its ps is whole.
	crash_tasks=$(grep -c -E '^[ >] +[0-9]+ +[0-9]+ +[0-9]+ +[0-9a-f]{16} ' "$out")
	n=$(field "$s" TASKS)
	if [ "$crash_tasks" -ge $((n / 2)) ]; then
		if [ "$(field "$out" TASKS)" = "$n" ]; then
			ok=$((ok + 1))
		else
			bad=$((bad + 1))
			echo "       TASKS: crash '$(field "$out" TASKS)', ours '$n'"
		fi
	else
		note "$label: crash's task table has $crash_tasks of our $n tasks: TASKS not compared"
	fi
	if [ "$bad" -eq 0 ]; then
		pass "$label: crash sys agrees on $ok fields"
	else
		fail "$label: crash sys differs on $bad fields"
	fi
}

have_crash=
command -v crash >/dev/null 2>&1 && have_crash=1
nfix=0
i=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	arch=$(fixture_arch "$fx")
	nfix=$((nfix + 1))
	crash_done=
	for dump in $(fixture_dumps "$fx"); do
		i=$((i + 1))
		label="$name/${dump#"$fx"/}"
		if ! report "$dump" "$fx/vmlinux" "$tmp/$i"; then
			note "$label: no report: $(head -c 300 "$tmp/$i/stderr")"
			continue
		fi
		check_taint "$fx" "$label"
		check_sys_truth "$fx" "$arch" "$dump" "$label"
		# crash: the kdump-compressed dumps of each memory image (~15 s each).
		case $arch:$dump in
		x86_64:*.kdump-zlib|x86_64:*/dump.zlib-d31)
			if [ -n "$have_crash" ] && [ "${CRASH_ORACLE:-1}" != 0 ]; then
				check_crash "$fx" "$dump" "$label"
				crash_done=1
			fi ;;
		esac
		rm -rf "$tmp/$i"
	done
	if [ -z "$crash_done" ] && [ -n "$have_crash" ]; then
		echo "skip $name: no dump crash reads here (Debian's crash reads x86_64 dumps only)"
	fi
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
else
	[ -z "$have_crash" ] &&
		echo "skip crash's sys: crash is not installed (apt-get install crash)"
	note "not checked: a tainted kernel (every fixture's tainted is 0): the letters" \
	     "and reasons of set bits are checked for consistency only"
	note "not compared with crash: KERNEL and DUMPFILE (crash prints the paths it" \
	     "was given; ours are the same for every dump of a memory image)"
fi
summary
