#!/usr/bin/env bash
# Issue #7: the per-process files proc/<pid>/{status,stat,statm,cmdline,
# environ,maps,wchan,limits,oom_adj,oom_score_adj} and the per-thread
# proc/<pid>/task/<tid>/{status,stat}, against the guest's own /proc
# (truth/proc/<pid>/) on one dump of every fixture.
#
# The truth was read 1-80 s before the dump (fixtures/README.md "Facts"),
# so only the processes present in both are compared, and a value that
# moves with time is compared within a tolerance:
# - pid 1 (busybox init) runs the whole capture: it forks the capture's
#   commands and reaps them, so its faults, times, children's times, RSS
#   and the place it waits in change; its files are checked for format,
#   its values within wide bounds.
# - CPU times (utime, stime, cutime, cstime, gtime, cgtime, blkio delay)
#   only grow: ours >= truth and at most 80 s (8000 ticks at USER_HZ 100)
#   more, the longest capture-to-dump gap.
# - Page faults and context switches only grow: ours >= truth (and at most
#   1000 more faults for a process other than pid 1).
# - The CPU a task last ran on (stat field 39) is any CPU: tasks migrate.
# - Kernel threads wake on their own (workers, RCU, watchdogs): their state
#   and wait channel may differ; at most 3 wait channels per fixture.
# - A kworker's name ends with its last work item, which changes: compared
#   up to the first '-' or '+' (as skeleton.sh does for comm).
# - RSS of pid 1 within 64 pages (VmRSS and friends within 1 MiB).
# Everything else must be equal: cmdline, environ and maps byte for byte
# (the sleeps, the fixture shells, the zombie, the stopped task, kernel
# threads), status and stat line for line with the same fields in the same
# format.  On x86_64-bookworm-kdump the makedumpfile -d 31 dump has no user
# pages: cmdline and environ of every process with memory are the precise
# stub; its unfiltered -d 0 dump of the same crash gives them in full.
set -u
. "$(dirname "$0")/../testlib.sh"
. "$(dirname "$0")/../rules.sh"

ONLY='proc/*/status,proc/*/stat,proc/*/statm,proc/*/cmdline,proc/*/environ'
ONLY="$ONLY,proc/*/maps,proc/*/wchan,proc/*/limits,proc/*/oom_adj"
ONLY="$ONLY,proc/*/oom_score_adj,proc/*/comm"
STUB='# vmcore-report: stub (not reconstructable from vmcore) - '
EXCLUDED="${STUB}user pages excluded from dump"

# run_pid_report DUMP VMLINUX OUTDIR: the files as a folder; REPORT_DIR.
run_pid_report() {
	local out=$3
	mkdir -p "$out"
	REPORT_DIR=
	timeout 300 "$BIN" --vmcore "$1" --vmlinux "$2" -o "$out" --build \
		--only "$ONLY" >/dev/null 2>"$out/stderr" || return 1
	REPORT_DIR=$(echo "$out"/sosvmcore-*)
	[ -d "$REPORT_DIR" ]
}

# The kworker rule: names equal up to the first '-' or '+' after "kworker/".
same_name() {
	[ "$1" = "$2" ] && return 0
	case $1 in kworker/*) [ "${1%%[-+]*}" = "${2%%[-+]*}" ] ;; *) return 1 ;; esac
}

# Same process in dump and truth: same start time (stat field 22).
same_process() {	# OURS_STAT TRUTH_STAT
	[ "$(sed 's/.*) //' "$1" | awk '{print $20}')" = \
	  "$(sed 's/.*) //' "$2" | awk '{print $20}')" ]
}

# cmp_stat OURS TRUTH PID KTHREAD: prints what differs beyond tolerance.
cmp_stat() {
	pid_stat_diff "$@" 2>&1 | head -n 3
}

# cmp_status OURS TRUTH PID KTHREAD
cmp_status() {
	awk -v pid="$3" -v kthread="$4" -F '\t' '
	FNR == NR { ka[++na] = $1; va[na] = substr($0, length($1) + 2); next }
	{ kb[++nb] = $1; vb[nb] = substr($0, length($1) + 2) }
	function kb_(s) { if (s ~ /^kworker\//) sub(/[-+].*/, "", s); return s }
	function kb_num(s) { return s + 0 }
	END {
		if (na != nb) print "line count " na " != " nb
		for (i = 1; i <= na && i <= nb; i++) {
			if (ka[i] != kb[i]) { print "line " i ": " ka[i] " != " kb[i]; exit }
			x = va[i]; y = vb[i]
			if (x == y) continue
			k = ka[i]
			if (k == "Name:" && kb_(x) == kb_(y)) continue
			if (k == "State:" && (pid == 1 || kthread)) continue
			if (k ~ /ctxt_switches:$/ && x + 0 >= y + 0) continue
			if (pid == 1 && k ~ /^(Vm|Rss)/ &&
			    kb_num(x) - kb_num(y) <= 1024 &&
			    kb_num(y) - kb_num(x) <= 1024) continue
			print k " " x " != " y
		}
	}' "$1" "$2" 2>&1 | head -n 3
}

# cmp_statm OURS TRUTH PID: pid 1 within 64 pages per field.
cmp_statm() {
	[ "$(cat "$1")" = "$(cat "$2")" ] && return
	[ "$3" -eq 1 ] && awk 'NR == 1 { split($0, a) } NR == 2 {
		for (i = 1; i <= NF; i++) if (a[i] - $i > 64 || $i - a[i] > 64) bad = 1
		exit bad }' "$1" "$2" && return
	echo "$(cat "$1") != $(cat "$2")"
}

# check_fixture FIXTURE REPORT LABEL [USER_STUB]
check_fixture() {
	local fx=$1 r=$2 label=$3 user_stub=${4:-} p t o kt f msg
	local n=0 bytes=0 bytes_bad=0 stat_bad=0 wchan_n=0 wchan_kbad=0
	local wchan_bad=0 stub_n=0 stub_bad=0 lim_bad=0 tid_bad=0
	for t in "$fx"/truth/proc/[0-9]*; do
		p=${t##*/}
		o=$r/proc/$p
		[ -f "$o/stat" ] && [ -f "$t/stat" ] || continue
		same_process "$o/stat" "$t/stat" || continue
		n=$((n + 1))
		kt=0
		is_kthread "$t/stat" && kt=1
		for f in cmdline environ maps; do
			[ -f "$t/$f" ] || continue
			if [ -n "$user_stub" ] && [ "$f" != maps ] && [ -s "$t/$f" ]; then
				stub_n=$((stub_n + 1))
				if [ "$(cat "$o/$f")" != "$EXCLUDED" ]; then
					stub_bad=$((stub_bad + 1))
					echo "       pid $p $f: not the excluded-pages stub"
				fi
				continue
			fi
			bytes=$((bytes + 1))
			if ! cmp -s "$o/$f" "$t/$f"; then
				bytes_bad=$((bytes_bad + 1))
				echo "       pid $p $f differs:"
				diff <(head -c 600 "$t/$f" | tr '\0' ' ') \
				     <(head -c 600 "$o/$f" | tr '\0' ' ') |
					head -n 4 | sed 's/^/         /'
			fi
		done
		msg=$(cmp_stat "$o/stat" "$t/stat" "$p" "$kt")
		[ -f "$t/status" ] && msg="$msg$(cmp_status "$o/status" "$t/status" "$p" "$kt")"
		[ -f "$t/statm" ] && msg="$msg$(cmp_statm "$o/statm" "$t/statm" "$p")"
		if [ -n "$msg" ]; then
			stat_bad=$((stat_bad + 1))
			echo "       pid $p: $msg" | head -n 4
		fi
		if [ -f "$t/wchan" ] && [ "$p" -ne 1 ]; then
			wchan_n=$((wchan_n + 1))
			if [ "$(cat "$o/wchan")" != "$(cat "$t/wchan")" ]; then
				if [ $kt -eq 1 ]; then
					wchan_kbad=$((wchan_kbad + 1))
				else
					wchan_bad=$((wchan_bad + 1))
					echo "       pid $p wchan: $(cat "$o/wchan") != $(cat "$t/wchan")"
				fi
			fi
		fi
		# No limits or oom files in truth: the kernel's format.
		if [ "$(head -n 1 "$o/limits")" != "Limit                     Soft Limit           Hard Limit           Units     " ] ||
		   [ "$(wc -l <"$o/limits")" -ne 17 ] ||
		   ! grep -qE '^-?[0-9]+$' "$o/oom_score_adj" ||
		   ! grep -qE '^-?[0-9]+$' "$o/oom_adj"; then
			lim_bad=$((lim_bad + 1))
			echo "       pid $p: limits or oom files malformed"
		fi
		# A single-threaded process: task/<pid>/ has its own status.
		if ! cmp -s "$o/task/$p/status" "$o/status" ||
		   [ "$(wc -w <"$o/task/$p/stat")" -ne "$(wc -w <"$o/stat")" ]; then
			tid_bad=$((tid_bad + 1))
			echo "       pid $p: task/$p/status or stat differ from the process's"
		fi
	done
	if [ "$n" -lt 40 ]; then
		fail "$label: only $n processes in both dump and truth"
		return
	fi
	[ "$bytes_bad" -eq 0 ] && pass "$label: cmdline/environ/maps ($bytes files)" ||
		fail "$label: $bytes_bad of $bytes cmdline/environ/maps files differ"
	[ "$stat_bad" -eq 0 ] && pass "$label: status/stat/statm ($n pids)" ||
		fail "$label: status/stat/statm of $stat_bad of $n pids differ"
	if [ "$wchan_n" -gt 0 ]; then
		[ "$wchan_bad" -eq 0 ] && [ "$wchan_kbad" -le 3 ] &&
			pass "$label: wchan ($wchan_n pids, $wchan_kbad kernel threads moved)" ||
			fail "$label: wchan of $wchan_bad processes and $wchan_kbad kernel threads differ"
	fi
	[ "$lim_bad" -eq 0 ] && pass "$label: limits, oom_adj, oom_score_adj" ||
		fail "$label: limits/oom files of $lim_bad pids malformed"
	[ "$tid_bad" -eq 0 ] && pass "$label: task/<tid>/status and stat" ||
		fail "$label: task/<tid>/ files of $tid_bad pids differ"
	if [ -n "$user_stub" ]; then
		[ "$stub_n" -ge 10 ] && [ "$stub_bad" -eq 0 ] &&
			pass "$label: cmdline/environ stubbed precisely ($stub_n files)" ||
			fail "$label: $stub_bad of $stub_n cmdline/environ not the excluded-pages stub"
		grep -qF '"reason": "user pages excluded from dump"' \
			"$r/sos_reports/manifest.json" &&
			pass "$label: manifest names the excluded user pages" ||
			fail "$label: manifest lacks the excluded-pages reason"
	fi
}

nfix=0
i=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	nfix=$((nfix + 1))
	dumps=$fx/vmcore.kdump-zlib
	stubbed=
	if [ ! -f "$dumps" ]; then
		# The real kdump fixture: -d 31 drops user pages, -d 0 keeps them.
		dumps="$fx/kdump/dump.zlib-d31 $fx/kdump/dump.lzo-d0"
	fi
	for dump in $dumps; do
		[ -f "$dump" ] || continue
		i=$((i + 1))
		label="$name/${dump#"$fx"/}"
		case $dump in *-d31) stubbed=1 ;; *) stubbed= ;; esac
		if ! run_pid_report "$dump" "$fx/vmlinux" "$tmp/$i"; then
			fail "$label: report failed: $(head -c 300 "$tmp/$i/stderr")"
			continue
		fi
		check_fixture "$fx" "$REPORT_DIR" "$label" "$stubbed"
		rm -rf "$tmp/$i"
	done
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
fi
summary
