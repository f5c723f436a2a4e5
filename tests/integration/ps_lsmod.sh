#!/usr/bin/env bash
# Issue #7: sos_commands/kernel/lsmod, sos_commands/process/ps_auxwww and
# sos_commands/kernel/ps on every fixture, against what the guest printed
# (truth/cmd/lsmod.txt, ps-o.txt; truth/proc/modules) shortly before the
# dump.
#
#  - lsmod: kmod's header; the lines equal busybox's lsmod.txt but for its
#    header ("Used by    Not tainted") and the space it leaves after the
#    count; without lsmod.txt, name, size and count equal /proc/modules'.
#  - ps_auxwww: procps' header, pid column as wide as pid_max; one line per
#    process; every process of ps-o.txt is there but the capture's own
#    (the `ps` and the shell and cat of its pipe, gone at the dump); for
#    each: numeric uid (root is 0), state letter, '<'/'N' as nice says,
#    VSZ exactly, RSS within 64 kB of the guest's VmRSS (or of ps-o's
#    RSS, stat's count, without it: it moves while the capture runs),
#    the command line (busybox's "{comm} " prefix removed; a kernel
#    thread's [name] is busybox's 15 bytes truncated, ours whole).  On a
#    dump without user pages the partial line says so.
#  - kernel/ps: crash's header and line layout; one idle task per CPU and
#    one '>' per CPU; every process of ps_auxwww listed, with ps-o's PPID
#    and comm, ps_auxwww's VSZ, and an RSS no smaller than VmRSS (crash
#    adds the threads' unsynced counts before v6.2).
# shellcheck disable=SC2016  # the awk programs are single-quoted on purpose
set -u
. "$(dirname "$0")/../testlib.sh"

# check_awk LABEL PROGRAM FILES...: the program prints "bad ..." lines and
# "checked N"; pass if none is bad and N > 0.
check_awk() {
	local label=$1 prog=$2
	shift 2
	awk "$prog" "$@" >"$tmp/awk.out" 2>&1
	local n bad
	n=$(sed -n 's/^checked //p' "$tmp/awk.out" | tail -n 1)
	bad=$(grep -c '^bad' "$tmp/awk.out")
	if [ "$bad" -eq 0 ] && [ "${n:-0}" -gt 0 ]; then
		pass "$label ($n checked)"
	else
		fail "$label: $bad bad of ${n:-0}"
		grep '^bad' "$tmp/awk.out" | head -n 6 | sed 's/^/       /'
	fi
}

check_lsmod() {	# LABEL REPORT FIXTURE
	local label=$1 f=$2/sos_commands/kernel/lsmod fx=$3
	if [ "$(head -n 1 "$f")" = "Module                  Size  Used by" ]; then
		pass "$label lsmod: kmod header"
	else
		fail "$label lsmod: header '$(head -n 1 "$f")'"
	fi
	if [ -f "$fx/truth/cmd/lsmod.txt" ]; then
		if diff <(sed '1d; s/ *$//' "$fx/truth/cmd/lsmod.txt") \
			<(sed 1d "$f") >"$tmp/lsmod.diff"; then
			pass "$label lsmod: = busybox lsmod ($(($(wc -l <"$f") - 1)) modules)"
		else
			fail "$label lsmod differs from truth/cmd/lsmod.txt (< truth)"
			head -n 6 "$tmp/lsmod.diff" | sed 's/^/       /'
		fi
	elif [ -f "$fx/truth/proc/modules" ]; then
		if diff <(awk '{ printf "%-19s %8d  %d\n", $1, $2, $3 }' \
				"$fx/truth/proc/modules") \
			<(sed 1d "$f" | cut -c1-32 | sed 's/ *$//') \
			>"$tmp/lsmod.diff"; then
			pass "$label lsmod: = /proc/modules ($(wc -l <"$fx/truth/proc/modules") modules)"
		else
			fail "$label lsmod differs from truth/proc/modules (< truth)"
			head -n 6 "$tmp/lsmod.diff" | sed 's/^/       /'
		fi
	else
		note "$label: no truth for lsmod"
	fi
}

# ps-o.txt columns by name (their set differs between fixtures); the
# second COMMAND is args.
AWK_PSO='
function pso_header(   i) {
	for (i = 1; i <= NF; i++)
		if (!($i in col)) col[$i] = i
	ncol = NF
}
function pso_line(   i, a) {
	pid = $col["PID"]; P_ppid[pid] = $col["PPID"]
	P_user[pid] = $col["USER"]; P_stat[pid] = $col["STAT"]
	P_vsz[pid] = $col["VSZ"]; P_rss[pid] = $col["RSS"]
	P_comm[pid] = $(ncol - 1)
	a = $0
	for (i = 1; i < ncol; i++) sub(/^ *[^ ]+/, "", a)
	sub(/^ +/, "", a); sub(/^\{[^}]*\} /, "", a)
	P_args[pid] = a
	if (a ~ /^ps -o/ || a ~ /^sh -c ps -o/ || P_comm[pid] == "ps")
		capture[pid] = 1
}'

check_ps_auxwww() {	# LABEL REPORT FIXTURE
	local label=$1 f=$2/sos_commands/process/ps_auxwww fx=$3 pid_max
	pid_max=$(cat "$fx/truth/proc/sys/kernel/pid_max" 2>/dev/null || echo 32768)
	check_awk "$label ps_auxwww: header and layout" '
	NR == 1 {
		w = length(pidmax); if (w < 3) w = 3
		want = sprintf("USER     %*s %%CPU %%MEM    VSZ   RSS TTY      STAT START   TIME COMMAND", w, "PID")
		if ($0 != want) print "bad header: " $0
		next
	}
	/^# vmcore-report: partial/ { next }
	{
		n++
		head = substr($0, 1, 9 + w + 55)
		if (head !~ /^[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ [^ ]+ +[RSDTtXZIP][<NLsl+]* +[A-Za-z0-9:]+ +[0-9]+:[0-9][0-9] /)
			print "bad line: " $0
		if ($2 <= prev) print "bad order: " $2 " after " prev
		prev = $2
	}
	END { print "checked " n }' pidmax="$pid_max" "$f"
	[ -f "$fx/truth/cmd/ps-o.txt" ] || { note "$label: no ps-o.txt"; return; }
	# busybox ps shows stat's rss (the counters' global count since
	# v6.2), procps status' VmRSS (their sum): the guest's VmRSS if any.
	for st in "$fx"/truth/proc/[0-9]*/status; do
		[ -f "$st" ] || continue
		awk -v pid="$(basename "$(dirname "$st")")" \
			'/^VmRSS:/ { print pid, $2 }' "$st"
	done >"$tmp/vmrss"
	check_awk "$label ps_auxwww: the processes of ps-o.txt" "$AWK_PSO"'
	!loaded { loaded = 1; while ((getline l < vmrssf) > 0) { split(l, v); vmrss[v[1]] = v[2] } }
	FNR == 1 && NR == 1 { pso_header(); next }
	NR == FNR { pso_line(); next }
	FNR == 1 || /^# vmcore-report/ { next }
	{
		pid = $2; ours[pid] = 1
		if (!(pid in P_vsz)) next
		n++
		uid = P_user[pid]; if (uid == "root") uid = 0
		if ($1 != uid) print "bad uid " pid ": " $1 " vs " uid
		# a task may run at the dump; kernel threads change state often
		if (substr($8, 1, 1) != substr(P_stat[pid], 1, 1) &&
		    substr($8, 1, 1) != "R" && P_vsz[pid] > 0)
			print "bad state " pid ": " $8 " vs " P_stat[pid]
		if (($8 ~ /</) != (P_stat[pid] ~ /</) || ($8 ~ /N/) != (P_stat[pid] ~ /N/))
			print "bad nice flags " pid ": " $8 " vs " P_stat[pid]
		# busybox shows large sizes as "293m"
		if (P_vsz[pid] ~ /m$/) {
			d = $5 - P_vsz[pid] * 1024; if (d < 0) d = -d
			if (d >= 1024) print "bad vsz " pid ": " $5 " vs " P_vsz[pid]
		} else if ($5 != P_vsz[pid])
			print "bad vsz " pid ": " $5 " vs " P_vsz[pid]
		r = P_rss[pid]
		if ((pid in vmrss)) r = vmrss[pid]
		d = $6 - r; if (d < 0) d = -d
		if (d > 64) print "bad rss " pid ": " $6 " vs " r
		args = $0; for (i = 1; i <= 10; i++) sub(/^ *[^ ]+/, "", args)
		sub(/^ /, "", args)
		t = P_args[pid]
		if (t ~ /^\[.*\]$/) {
			# a kworker name "-desc" moves as it works: compare before it
			t = substr(t, 1, length(t) - 1); a = args
			if (t ~ /^\[kworker\//) { sub(/-.*/, "", t); sub(/-.*/, "", a) }
			if (substr(a, 1, length(t)) != t) print "bad kthread " pid ": " args " vs " P_args[pid]
		} else if (!partial && substr(args, 1, length(t)) != t)
			# busybox cuts args at 2048 columns
			print "bad args " pid ": " substr(args, 1, 80) " vs " substr(t, 1, 80)
	}
	END {
		for (pid in P_vsz)
			if (!(pid in ours) && !(pid in capture) && !(P_ppid[pid] in capture))
				print "bad: pid " pid " (" P_comm[pid] ") missing"
		print "checked " n
	}' partial="$(grep -c '^# vmcore-report: partial' "$f")" vmrssf="$tmp/vmrss" \
		"$fx/truth/cmd/ps-o.txt" "$f"
}

check_crash_ps() {	# LABEL REPORT FIXTURE
	local label=$1 f=$2/sos_commands/kernel/ps aux=$2/sos_commands/process/ps_auxwww
	local fx=$3 ncpu
	ncpu=$(grep -c '^cpu[0-9]' "$fx/truth/proc/stat" 2>/dev/null || echo 0)
	check_awk "$label kernel/ps: layout, idle tasks, running tasks" '
	NR == 1 {
		if ($0 != "      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM")
			print "bad header: " $0
		next
	}
	{
		n++
		# fixed columns (mawk has no {n} intervals)
		if (substr($0, 1, 2) !~ /^[> ] $/ ||
		    substr($0, 3, 16) !~ /^ *-?[0-9]+ +-?[0-9]+ $/ ||
		    substr($0, 19, 5) !~ /^ *[0-9]+  $/ ||
		    substr($0, 24, 16) !~ /^ *[0-9a-f]+ *$/ ||
		    substr($0, 40, 6) !~ /^  ?[A-Z?][A-Z?]  $/ ||
		    substr($0, 46, 5) !~ /^ *[0-9]+\.[0-9] $/ ||
		    substr($0, 51, 19) !~ /^ *[0-9]+ +[0-9]+  $/ ||
		    substr($0, 70) !~ /^[^ ]/)
			print "bad line: " $0
		if (substr($0, 1, 1) == ">") run++
		pid = substr($0, 3, 7) + 0
		if (pid == 0) idle++
		if (pid < prev) print "bad order: " pid " after " prev
		prev = pid
	}
	END {
		if (ncpu && idle != ncpu) print "bad: " idle " idle tasks for " ncpu " CPUs"
		if (ncpu && run != ncpu) print "bad: " run " running tasks for " ncpu " CPUs"
		print "checked " n
	}' ncpu="$ncpu" "$f"
	check_awk "$label kernel/ps: processes vs ps_auxwww" '
	NR == FNR { if (FNR > 1 && $2 ~ /^[0-9]+$/) { vsz[$2] = $5; rss[$2] = $6 } next }
	FNR > 1 {
		pid = substr($0, 3, 7) + 0
		if (!(pid in vsz)) next
		n++; seen[pid] = 1
		if ($(NF - 2) != vsz[pid]) print "bad vsz " pid ": " $(NF - 2) " vs " vsz[pid]
		if ($(NF - 1) + 0 < rss[pid] + 0) print "bad rss " pid ": " $(NF - 1) " < " rss[pid]
	}
	END {
		for (pid in vsz) if (!(pid in seen)) print "bad: process " pid " not listed"
		print "checked " n
	}' "$aux" "$f"
	[ -f "$fx/truth/cmd/ps-o.txt" ] || return
	check_awk "$label kernel/ps: ppid and comm vs ps-o.txt" "$AWK_PSO"'
	FNR == 1 && NR == 1 { pso_header(); next }
	NR == FNR { pso_line(); next }
	FNR > 1 {
		pid = substr($0, 3, 7) + 0
		if (!pid || !(pid in P_ppid)) next
		n++
		ppid = substr($0, 11, 7) + 0
		if (ppid != P_ppid[pid]) print "bad ppid " pid ": " ppid " vs " P_ppid[pid]
		comm = substr($0, 70)
		if (comm ~ /^\[.*\]$/) comm = substr(comm, 2, length(comm) - 2)
		if (substr(comm, 1, 15) != substr(P_comm[pid], 1, 15) && P_vsz[pid] > 0)
			print "bad comm " pid ": " comm " vs " P_comm[pid]
	}
	END { print "checked " n }' "$fx/truth/cmd/ps-o.txt" "$f"
}

nfix=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	[ -d "$fx/truth" ] || continue
	nfix=$((nfix + 1))
	dump=$(primary_dump "$fx")
	label="$name/${dump#"$fx"/}"
	out="$tmp/$name"
	if ! "$BIN" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$out" --build \
		--only 'sos_commands/kernel/lsmod,sos_commands/kernel/ps,sos_commands/process/ps_auxwww' \
		>/dev/null 2>"$tmp/err"; then
		fail "$label: report failed: $(head -c 300 "$tmp/err")"
		continue
	fi
	r=$(echo "$out"/sosvmcore-*)
	stubbed=0
	for f in kernel/lsmod kernel/ps process/ps_auxwww; do
		if grep -q '^# vmcore-report: stub' "$r/sos_commands/$f"; then
			fail "$label $f: $(head -n 1 "$r/sos_commands/$f")"
			stubbed=1
		fi
	done
	[ "$stubbed" -eq 0 ] || continue
	check_lsmod "$label" "$r" "$fx"
	check_ps_auxwww "$label" "$r" "$fx"
	check_crash_ps "$label" "$r" "$fx"
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): ps_lsmod tests SKIPPED ########"
fi
summary
