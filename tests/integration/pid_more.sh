#!/usr/bin/env bash
# Issue #7: proc/<pid>/{cgroup,cpuset,mountinfo,oom_score,io} and
# sos_commands/kernel/sysctl_-a against the guest's own files (truth/),
# on one dump of every fixture (both dumps of a real-kdump fixture: the
# makedumpfile -d 31 one has no user pages, which none of these files
# needs).  A fixture whose truth lacks a file is skipped for that file,
# and says so.
#
# Only processes present in both dump and truth (same pid, same start
# time) are compared.  Everything must be equal byte for byte, but:
# - io of pid 1: busybox init runs the whole truth capture (it forks the
#   capture's commands, reads and writes their files), so its counters
#   only grow between capture and dump: each ours >= truth, and the
#   7 names in the kernel's order.  Every other process is idle (sleeps,
#   a stopped task, a zombie, kernel threads whose counters were read
#   after their last I/O), so its io is compared exactly.
# - oom_score: exact for every process, pid 1 included (always 0:
#   is_global_init()); fixture-memhog holds its 4 MiB from before the
#   capture, so its score does not move either.
# - cpuset: truth has none (the capture does not read it).  Every
#   fixture's processes are in the root cgroup of the v2 hierarchy
#   (truth cgroup "0::/"), so the cgroup of any css of theirs, the
#   cpuset one included, is the root: ours must be "/".
# - mountinfo: truth has pid 1's only; compared exactly.
# - sysctl_-a: every "name = value" line whose file the truth has
#   (truth/proc/sys/...) must be that file's text, line for line, and
#   the names must be in sysctl's readdir order (component by
#   component, a shorter name first).
set -u
. "$(dirname "$0")/../testlib.sh"

ONLY='proc/*/stat,proc/*/cgroup,proc/*/cpuset,proc/*/mountinfo'
ONLY="$ONLY,proc/*/oom_score,proc/*/io,sos_commands/kernel/sysctl_-a"

# run_more_report DUMP VMLINUX OUTDIR: the files as a folder; REPORT_DIR.
run_more_report() {
	local out=$3
	mkdir -p "$out"
	REPORT_DIR=
	timeout 300 "$BIN" --vmcore "$1" --vmlinux "$2" -o "$out" --build \
		--only "$ONLY" >/dev/null 2>"$out/stderr" || return 1
	REPORT_DIR=$(echo "$out"/sosvmcore-*)
	[ -d "$REPORT_DIR" ]
}

# Same process in dump and truth: same start time (stat field 22).
same_process() {	# OURS_STAT TRUTH_STAT
	[ "$(sed 's/.*) //' "$1" | awk '{print $20}')" = \
	  "$(sed 's/.*) //' "$2" | awk '{print $20}')" ]
}

# io_grown OURS TRUTH: same names in the same order, ours >= truth.
io_grown() {
	awk 'NR == FNR { k[FNR] = $1; v[FNR] = $2; n = FNR; next }
	     { if ($1 != k[FNR] || $2 + 0 < v[FNR] + 0) bad = 1; m = FNR }
	     END { exit bad || m != n || n != 7 }' "$2" "$1"
}

# check_sysctl REPORT FIXTURE LABEL PANICKED
check_sysctl() {
	local r=$1 fx=$2 label=$3 panicked=$4 f=$1/sos_commands/kernel/sysctl_-a
	local n=0 bad=0 key path want got
	if [ ! -s "$f" ] || grep -q '^# vmcore-report: stub' "$f"; then
		fail "$label: sysctl_-a missing or a stub"
		return
	fi
	if [ ! -d "$fx/truth/proc/sys" ]; then
		note "$label: skip sysctl_-a values (no truth/proc/sys)"
	else
		for key in $(grep -v '^#' "$f" | sed 's/ = .*//' | sort -u); do
			path=$fx/truth/proc/sys/${key//.//}
			[ -f "$path" ] || continue
			n=$((n + 1))
			want=$(sed "s|^|$key = |" "$path")
			if [ -n "$panicked" ]; then
				case $key in
				kernel.sysrq) want="$key = 1" ;;
				kernel.printk) want=$(echo "$want" |
					sed "s/= [0-9]*/= 15/") ;;
				esac
			fi
			got=$(grep -F "$key = " "$f" | grep "^$key = ")
			if [ "$want" != "$got" ]; then
				bad=$((bad + 1))
				echo "       $key: '$got' != '$want'"
			fi
		done
		[ "$n" -ge 5 ] && [ "$bad" -eq 0 ] &&
			pass "$label: sysctl_-a ($n values as in truth)" ||
			fail "$label: sysctl_-a: $bad of $n values differ"
	fi
	# readdir order of /proc/sys: component by component.
	if grep -v '^#' "$f" | sed 's/ = .*//' | uniq | awk -F. '
		function before(a, b,   x, y, i, n) {
			n = split(a, x, "."); split(b, y, ".")
			for (i = 1; i <= n; i++) {
				if (!(i in y)) return 0
				if (x[i] == y[i]) continue
				if (index(y[i], x[i]) == 1) return 1
				if (index(x[i], y[i]) == 1) return 0
				return x[i] < y[i]
			}
			return 1
		}
		NR > 1 && !before(prev, $0) { print prev " before " $0; bad = 1 }
		{ prev = $0 } END { exit bad }' LC_ALL=C; then
		pass "$label: sysctl_-a in sysctl's order"
	else
		fail "$label: sysctl_-a not in sysctl's order"
	fi
}

# check_fixture FIXTURE REPORT LABEL PANICKED
check_fixture() {
	local fx=$1 r=$2 label=$3 panicked=$4 t p o f n=0
	local -A cmp_n=() cmp_bad=()
	for f in cgroup cpuset mountinfo oom_score io; do
		cmp_n[$f]=0
		cmp_bad[$f]=0
	done
	for t in "$fx"/truth/proc/[0-9]*; do
		p=${t##*/}
		o=$r/proc/$p
		[ -f "$o/stat" ] && [ -f "$t/stat" ] || continue
		same_process "$o/stat" "$t/stat" || continue
		n=$((n + 1))
		for f in cgroup mountinfo oom_score io; do
			[ -f "$t/$f" ] || continue
			cmp_n[$f]=$((cmp_n[$f] + 1))
			if [ "$f" = io ] && [ "$p" -eq 1 ]; then
				io_grown "$o/io" "$t/io" && continue
			elif cmp -s "$o/$f" "$t/$f"; then
				continue
			fi
			cmp_bad[$f]=$((cmp_bad[$f] + 1))
			echo "       pid $p $f differs:"
			diff "$t/$f" "$o/$f" | head -n 4 | sed 's/^/         /'
		done
		if [ "$(cat "$t/cgroup" 2>/dev/null)" = "0::/" ]; then
			cmp_n[cpuset]=$((cmp_n[cpuset] + 1))
			if [ "$(cat "$o/cpuset")" != "/" ]; then
				cmp_bad[cpuset]=$((cmp_bad[cpuset] + 1))
				echo "       pid $p cpuset: $(head -c 100 "$o/cpuset") != /"
			fi
		fi
	done
	if [ "$n" -lt 40 ]; then
		fail "$label: only $n processes in both dump and truth"
		return
	fi
	for f in cgroup cpuset mountinfo oom_score io; do
		if [ "${cmp_n[$f]}" -eq 0 ]; then
			note "$label: skip $f (not in truth)"
			continue
		fi
		[ "${cmp_bad[$f]}" -eq 0 ] &&
			pass "$label: $f (${cmp_n[$f]} pids)" ||
			fail "$label: $f of ${cmp_bad[$f]} of ${cmp_n[$f]} pids differ"
	done
	check_sysctl "$r" "$fx" "$label" "$panicked"
}

nfix=0
i=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	nfix=$((nfix + 1))
	dumps=$fx/vmcore.kdump-zlib
	panicked=
	if [ ! -f "$dumps" ]; then
		# A real kdump fixture (taken after a panic): one -d 31 dump
		# and one -d 0 dump.
		dumps="$(ls "$fx"/kdump/dump.*-d31 2>/dev/null | head -n 1)
$(ls "$fx"/kdump/dump.*-d0 2>/dev/null | head -n 1)"
		panicked=1
	fi
	for dump in $dumps; do
		[ -f "$dump" ] || continue
		i=$((i + 1))
		label="$name/${dump#"$fx"/}"
		if ! run_more_report "$dump" "$fx/vmlinux" "$tmp/$i"; then
			fail "$label: report failed: $(head -c 300 "$tmp/$i/stderr")"
			continue
		fi
		check_fixture "$fx" "$REPORT_DIR" "$label" "$panicked"
		rm -rf "$tmp/$i"
	done
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
fi
summary
