#!/usr/bin/env bash
# Issue #6: /proc/slabinfo, vmallocinfo, iomem, ioports and cpuinfo on
# every fixture against the guest's own files (truth/).
#
# The guest records truth/ over 8-80 s and is dumped 1-3 s after the last
# file (shared/fixtures/README.md "Facts"); the capture itself forks
# readers and reads /proc/<pid>/* of every task.  So:
#  - iomem, ioports: the resource trees do not change after boot: exact.
#    A truth read without CAP_SYS_ADMIN shows zeros for the ranges; ours
#    is then compared with its ranges zeroed (truth/proc/sys/kernel/
#    kptr_restrict does not matter: r_show() tests the capability).
#  - cpuinfo: exact.  Every value is fixed at boot (cpu_data, the hwcaps,
#    loops_per_jiffy for BogoMIPS, cpu_khz, the PVR, the facilities)
#    except two: x86 "cpu MHz" when the CPU has APERF/MPERF (the last
#    per-tick sample, else cpufreq, else the fixed cpu_khz) and s390
#    "cpu MHz dynamic"; those lines are masked when they can move.  The
#    x86 panic dumps are checked too: panic() takes the other CPUs
#    offline, the file must still show them.
#  - slabinfo: the header, the caches (names, order), objsize,
#    objperslab, pagesperslab, the tunables and sharedavail (0 on SLUB)
#    exactly; per dump active_slabs == num_slabs, active_objs <= num_objs
#    <= num_slabs * objperslab.  The counts move with the capture's
#    activity (proc_inode_cache grows with every /proc inode it reads):
#    per cache the slab memory (num_slabs * pagesperslab pages) and the
#    active objects' memory within 1% of the guest's memory, summed over
#    the caches within 2% (the page-count tolerance of mm_stats.sh).
#    Measured at most 528 KiB for one cache (0.11%, proc_inode_cache,
#    x86_64-trixie) and 1.1 MiB summed (0.23%).
#  - vmallocinfo: addresses are %pK, which the guests (kptr_restrict 0)
#    hash with their own key; we hash with the key read from the dump, so
#    the same areas give the same lines.  Every busy area but the task
#    stacks (caller kernel_clone) is the same line in the same order; the
#    stacks follow the tasks, whose number moves by the capture's
#    readers: within 10% + 5 (measured 2).  A lazily freed area stays
#    "unpurged" until the lazy pages exceed lazy_max_pages() (32 MiB per
#    bit of the CPU count: 64 MiB here), far above what the capture frees
#    (measured 14 MiB), so the truth's unpurged lines are all in ours, in
#    the same order (the lazy lists are sorted by address).
# shellcheck disable=SC2016  # the awk programs are single-quoted on purpose
set -u
BIN=$(realpath "${1:-build/vmcore-report}")
here=$(dirname "$0")
. "$here/../testlib.sh"
. "$here/../fixtures.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

FILES="slabinfo vmallocinfo iomem ioports cpuinfo"

# The dump a fixture's truth is compared with: QEMU's kdump-zlib dump of
# the idle guest, else the capture kernel's zlib dump (x86_64 --kdump).
# report DUMP VMLINUX OUT: the report's folder on stdout, "" on failure.
report() {
	local only
	only=$(for f in $FILES; do printf 'proc/%s,' "$f"; done)
	if ! "$BIN" --vmcore "$1" --vmlinux "$2" -o "$3" --build \
		--only "${only%,}" >/dev/null 2>"$3.err"; then
		echo "report failed: $(head -c 300 "$3.err")" >&2
		return 1
	fi
	echo "$3"/sosvmcore-*
}

not_stub() {	# LABEL FILE
	if grep -q '^# vmcore-report: \(stub\|partial\)' "$2"; then
		fail "$1: $(grep -m 1 '^# vmcore-report' "$2")"
		return 1
	fi
	return 0
}

# iomem, ioports: exact; ranges zeroed when the truth's reader could not
# see them.
check_resources() {	# LABEL OURS TRUTH
	local ours=$2
	if ! grep -qv '^ *0*-0* : ' "$3" && grep -qv '^ *0*-0* : ' "$2"; then
		sed -E 's/^( *)[0-9a-f]+-[0-9a-f]+ : /\1X-X : /' "$2" >"$tmp/res.ours"
		sed -E 's/^( *)[0-9a-f]+-[0-9a-f]+ : /\1X-X : /' "$3" >"$tmp/res.truth"
		check_same "$1 (ranges hidden in truth)" "$tmp/res.ours" "$tmp/res.truth"
		return
	fi
	check_same "$1" "$ours" "$3"
}

# cpuinfo: exact but for the frequency lines that move.
mask_cpuinfo() {	# FILE
	if grep -q '^flags.* aperfmperf' "$1"; then
		sed -E 's/^(cpu MHz\t\t: ).*/\1(moves)/' "$1"
	else
		sed -E 's/^(cpu MHz dynamic : ).*/\1(moves)/' "$1"
	fi
}

check_cpuinfo() {	# LABEL OURS TRUTH
	mask_cpuinfo "$2" >"$tmp/cpu.ours"
	mask_cpuinfo "$3" >"$tmp/cpu.truth"
	check_same "$1" "$tmp/cpu.ours" "$tmp/cpu.truth"
}

# slabinfo: see the header.  Fields: name active num objsize objperslab
# pagesperslab : tunables l b s : slabdata active_slabs num_slabs avail.
AWK_SLABINFO='
function abs(x) { return x < 0 ? -x : x }
function bad(s) { print s; nbad++ }
FNR <= 2 { hdr[FNR == NR, FNR] = $0; next }
FNR == NR { tn[++nt] = $1; ta[$1] = $2; tsl[$1] = $15; tf[$1] = $4 " " $5 " " $6; next }
{
	on[++no] = $1
	if ($7 != ":" || $8 != "tunables" || $9 != 0 || $10 != 0 || $11 != 0 ||
	    $12 != ":" || $13 != "slabdata" || $16 != 0)
		bad($1 ": tunables/sharedavail not 0: " $0)
	if ($14 != $15) bad($1 ": active_slabs " $14 " != num_slabs " $15)
	if ($2 > $3 || $3 > $15 * $5) bad($1 ": not active " $2 " <= num " $3 " <= slabs " $15 " * " $5)
	if (!($1 in tf)) next
	if ($4 " " $5 " " $6 != tf[$1]) bad($1 ": objsize objperslab pagesperslab " $4 " " $5 " " $6 ", truth " tf[$1])
	dslab = abs($15 - tsl[$1]) * $6 * page
	dobj = abs($2 - ta[$1]) * $4
	sum += dslab
	if (dslab > mem / 100) bad($1 ": slab memory moved " dslab " bytes, > 1% of " mem)
	if (dobj > mem / 100) bad($1 ": active objects moved " dobj " bytes, > 1% of " mem)
	checked++
}
END {
	if (hdr[1, 1] != hdr[0, 1] || hdr[1, 2] != hdr[0, 2]) bad("header differs")
	if (nt != no) bad("caches: " no " ours, " nt " truth")
	for (i = 1; i <= nt && i <= no; i++)
		if (tn[i] != on[i]) { bad("cache " i ": " on[i] ", truth " tn[i]); break }
	if (sum > mem / 50) bad("slab memory moved " sum " bytes in all, > 2% of " mem)
	printf "checked %d caches, slab memory moved %d KiB\n", checked, sum / 1024
}'

check_slabinfo() {	# LABEL OURS TRUTH PAGE_SIZE MEM_BYTES
	local out
	out=$(awk -v page="$4" -v mem="$5" "$AWK_SLABINFO" "$3" "$2")
	if [ "$(echo "$out" | grep -vc '^checked ')" -eq 0 ]; then
		pass "$1 (${out#checked })"
	else
		fail "$1"
		echo "$out" | grep -v '^checked ' | head -n 8 | sed 's/^/       /'
	fi
}

# vmallocinfo: see the header.
check_vmallocinfo() {	# LABEL OURS TRUTH
	local label=$1 ours=$2 truth=$3 n_o n_t
	grep -v -e ' unpurged vm_area$' -e ' kernel_clone+' "$ours" >"$tmp/v.ours"
	grep -v -e ' unpurged vm_area$' -e ' kernel_clone+' "$truth" >"$tmp/v.truth"
	check_same "$label: areas but the task stacks ($(wc -l <"$tmp/v.truth"))" \
		"$tmp/v.ours" "$tmp/v.truth"
	n_o=$(grep -c ' kernel_clone+' "$ours")
	n_t=$(grep -c ' kernel_clone+' "$truth")
	if [ $((n_o > n_t ? n_o - n_t : n_t - n_o)) -le $((n_t / 10 + 5)) ]; then
		pass "$label: task stacks ($n_o, truth $n_t)"
	else
		fail "$label: task stacks: $n_o, truth $n_t (more than 10% + 5 apart)"
	fi
	# The truth's unpurged lines are a subsequence of ours.
	if awk 'FNR == NR { if (/ unpurged vm_area$/) t[++nt] = $0; next }
		/ unpurged vm_area$/ && i < nt && $0 == t[i + 1] { i++ }
		END { exit i != nt }' "$truth" "$ours"; then
		pass "$label: unpurged areas ($(grep -c unpurged "$truth") of truth in our $(grep -c unpurged "$ours"), in order)"
	else
		fail "$label: the truth's unpurged areas are not all in ours, in order"
	fi
}

nfix=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	[ -f "$fx/truth/proc/slabinfo" ] || continue
	nfix=$((nfix + 1))
	dump=$(primary_dump "$fx")
	label="$name/${dump#"$fx"/}"
	if ! r=$(report "$dump" "$fx/vmlinux" "$tmp/$name"); then
		fail "$label: report failed"
		continue
	fi
	page=$(sed -n 's/.*"page_size": \([0-9]*\).*/\1/p' "$r/sos_reports/manifest.json")
	mem=$(($(awk '/^MemTotal:/ { print $2 }' "$fx/truth/proc/meminfo") * 1024))
	for f in $FILES; do
		if [ ! -f "$fx/truth/proc/$f" ]; then
			note "$label: no truth/proc/$f"
			continue
		fi
		not_stub "$label $f" "$r/proc/$f" || continue
		case $f in
		iomem|ioports) check_resources "$label $f" "$r/proc/$f" "$fx/truth/proc/$f" ;;
		cpuinfo) check_cpuinfo "$label $f" "$r/proc/$f" "$fx/truth/proc/$f" ;;
		slabinfo) check_slabinfo "$label $f" "$r/proc/$f" "$fx/truth/proc/$f" "$page" "$mem" ;;
		vmallocinfo) check_vmallocinfo "$label $f" "$r/proc/$f" "$fx/truth/proc/$f" ;;
		esac
	done
	# After panic() stopped the other CPUs.
	if [ -f "$fx/panic.kdump-zlib" ] && [ -f "$fx/truth/proc/cpuinfo" ]; then
		if r=$(report "$fx/panic.kdump-zlib" "$fx/vmlinux" "$tmp/$name-panic"); then
			check_cpuinfo "$name/panic.kdump-zlib cpuinfo" "$r/proc/cpuinfo" \
				"$fx/truth/proc/cpuinfo"
		else
			fail "$name/panic.kdump-zlib: report failed"
		fi
	fi
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): slab_res tests SKIPPED ########"
fi
summary
