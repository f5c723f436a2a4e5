#!/usr/bin/env bash
# Issue #6: /proc/meminfo, vmstat, zoneinfo, buddyinfo and pagetypeinfo on
# every fixture against the guest's own files (truth/).
#
# Per file: the same lines in the same order with the same labels and the
# same layout (the lines compared with their numbers masked); values that
# do not change after boot exactly equal; values that move with the
# guest's activity within a tolerance.  The guest records truth/ over
# 8-80 s and is dumped 1-3 s after the last file (shared/fixtures/README.md
# "Facts"); in that time the capture itself forks readers and reads large
# files (kallsyms), so pages get allocated, freed, cached, and counters
# grow.  The tolerances:
#  - a page count (meminfo kB, vmstat and zoneinfo nr_*, free pages of
#    buddyinfo and pagetypeinfo): within 2% of the guest's memory
#    (MemTotal).  What a few seconds of such activity moves is bounded by
#    the memory it uses; the largest drift measured is 1.75% (arm64-trixie
#    MemAvailable);
#  - an event counter (vm events, numa_*, workingset_* ...): it only grows,
#    so truth <= dump, and by at most 4 times the guest's memory counted in
#    4 KiB pages: each event touches a page at least, and a TCG guest does
#    not turn its memory over faster in those seconds (measured at most
#    0.5 times: pgfault on x86_64; 0.14 on ppc64el);
#  - a pageblock's migrate type changes when the allocator steals a block
#    for a fallback: per type within 5% of the zone's blocks (measured 8 of
#    256 on ppc64el), the zone's total exactly;
#  - pcp->high is retuned at run time since v6.7 (high_min..high_max), so
#    it is exact on older kernels only; count is checked against it.
# shellcheck disable=SC2016  # the awk programs are single-quoted on purpose
set -u
. "$(dirname "$0")/../testlib.sh"

FILES="meminfo vmstat zoneinfo buddyinfo pagetypeinfo"

# The dump a fixture's truth is compared with: QEMU's kdump-zlib dump of
# the idle guest, else the capture kernel's zlib dump (x86_64 --kdump).
# Layout masks.  Right-aligned numbers (%8lu, %6lu, %12lu): the padding
# and the digits become as many '#', so the width is compared.  Left-
# aligned numbers (vmstat, zoneinfo: "%s %lu"): the digits become one N.
mask_right() {
	awk 'function hashes(n, s) { s = ""; while (n-- > 0) s = s "#"; return s }
	{
		out = ""
		while (match($0, / *[0-9]+/)) {
			out = out substr($0, 1, RSTART - 1) hashes(RLENGTH)
			$0 = substr($0, RSTART + RLENGTH)
		}
		print out $0
	}' "$1"
}

mask_left() {
	sed -E 's/[0-9]+/N/g' "$1"
}

check_layout() {	# LABEL FILE OURS TRUTH
	local label=$1 f=$2 mask=mask_left
	case $f in meminfo|buddyinfo|pagetypeinfo) mask=mask_right ;; esac
	if diff <($mask "$3") <($mask "$4") >"$tmp/layout.diff"; then
		pass "$label $f: layout ($(wc -l <"$4") lines)"
	else
		fail "$label $f: layout differs (< ours, > truth, digits masked)"
		head -n 8 "$tmp/layout.diff" | sed 's/^/       /'
	fi
}

# The checks of values, one awk program per file.  Each reads the truth
# (first file) then ours, and prints one line per value out of bounds,
# then "checked N".  Variables: pages = the guest's memory in pages
# (MemTotal), pages4k = the same in 4 KiB units, page_kb, dyn_high = 1
# when pcp->high is dynamic.
AWK_COMMON='
function abs(x) { return x < 0 ? -x : x }
function bad(key, o, t, rule) { printf "%s: ours %s, truth %s (%s)\n", key, o, t, rule }
function exact(key, o, t) { n++; if (o != t) bad(key, o, t, "exact") }
function near(key, o, t, tol) { n++; if (abs(o - t) > tol) bad(key, o, t, "+-" tol) }
function grows(key, o, t) { n++; if (o < t || o - t > 4 * pages4k) bad(key, o, t, "truth <= ours <= truth + " 4 * pages4k) }
'
# After the file's own END: the count of values checked.
AWK_END='END { print "checked " n + 0 }'

# meminfo: sizes and settings fixed at boot are exact, and so is the use
# of swap when there is none (the fixtures have none); the rest are page
# counts in kB.
AWK_MEMINFO='
{ key = $1; sub(/:$/, "", key); v = $2 }
FNR == NR { t[key] = v; next }
!(key in t) { next }
key ~ /^(MemTotal|SwapTotal|VmallocTotal|VmallocChunk|NFS_Unstable|HardwareCorrupted|CmaTotal|HugePages_Total|Hugepagesize|EarlyMemtestBad)$/ || key ~ /^DirectMap/ {
	exact(key, v, t[key]); next
}
t["SwapTotal"] == 0 && key ~ /^(SwapFree|SwapCached|Zswap|Zswapped|CommitLimit)$/ {
	exact(key, v, t[key]); next
}
{ near(key, v, t[key], int(pages * page_kb * 0.02)) }
'

# vmstat: the gauges (nr_*, but the counters among them) are page
# counts; everything else counts events.
AWK_VMSTAT='
function counter(k) {
	if (k ~ /^nr_(dirtied|written|throttled_written|vmscan_write|vmscan_immediate_reclaim|foll_pin_acquired|foll_pin_released)$/) return 1
	if (k == "workingset_nodes") return 0
	return k !~ /^nr_/
}
FNR == NR { t[$1] = $2; next }
!($1 in t) { next }
$1 ~ /^(nr_unstable|nr_memmap_boot_pages|nr_memmap_pages)$/ { exact($1, $2, t[$1]); next }
counter($1) { grows($1, $2, t[$1]); next }
{ near($1, $2, t[$1], int(pages * 0.02)) }
'

# zoneinfo: keyed by node, zone and (for pagesets) CPU.
AWK_ZONEINFO='
/^Node/ { zone = $2 $4; cpu = ""; next }
/^  (pagesets|per-node stats)$/ { next }
/^  (node_unreclaimable|start_pfn):/ { cpu = "" }
/^    cpu:/ { cpu = "/cpu" $2; next }
{
	line = $0; sub(/^ +/, "", line)
	if (line ~ /^protection:/) { key = zone "/protection"; v = line }
	else if (line ~ /^pages free/) { key = zone "/free"; v = $3 }
	else if (line ~ /^vm stats threshold:/) { key = zone cpu "/threshold"; v = $4 }
	else { k = $1; sub(/:$/, "", k); key = zone cpu "/" k; v = $2 }
}
FNR == NR { t[key] = v; next }
!(key in t) { next }
key ~ /\/(protection|spanned|present|managed|cma|min|low|high|promo|start_pfn|node_unreclaimable|batch|threshold)$/ && key !~ /cpu/ { exact(key, v, t[key]); next }
key ~ /cpu.*\/batch$/ { batch[zone cpu] = v }
key ~ /cpu.*\/(batch|threshold)$/ { exact(key, v, t[key]); next }
key ~ /cpu.*\/high$/ {
	high[zone cpu] = v
	if (!dyn_high) exact(key, v, t[key])
	next
}
key ~ /cpu.*\/count$/ { count[zone cpu] = v; next }
key ~ /\/(nr_dirtied|nr_written|nr_throttled_written|nr_vmscan_write|nr_vmscan_immediate_reclaim|nr_foll_pin_acquired|nr_foll_pin_released)$/ { grows(key, v, t[key]); next }
key ~ /\/(nr_[a-z_]*|free|boost|workingset_nodes)$/ { near(key, v, t[key], int(pages * 0.02)); next }
{ grows(key, v, t[key]) }
# A free to the pcp lists drains them once count reaches high, so count
# stays below high plus the largest block freed there (a THP, 512 pages).
END {
	for (c in count) {
		n++
		if (count[c] < 0 || count[c] > high[c] + batch[c] + 512)
			bad(c "/count", count[c], "-", "0 <= count <= high + batch + 512")
	}
}
'

# buddyinfo: per zone, the free pages (sum of nr_free << order).
AWK_BUDDYINFO='
{
	key = $2 $4; free = 0
	for (i = 5; i <= NF; i++) free += $i * 2 ^ (i - 5)
}
FNR == NR { t[key] = free; next }
!(key in t) { bad(key, free, "-", "zone missing"); next }
{ near(key "/free", free, t[key], int(pages * 0.02)) }
'

# pagetypeinfo: the pageblock size exactly; per zone the free pages
# (over types and orders) and the pageblocks (in total exactly, per type
# within 5%).
AWK_PAGETYPEINFO='
/^Page block order:/ || /^Pages per block:/ { key = $1 $2 $3; if (FNR == NR) t[key] = $NF; else exact(key, $NF, t[key]); next }
/^Node .*type/ {
	key = $2 $4 "/free"; f = 0
	for (i = 7; i <= NF; i++) { x = $i; sub(/^>/, "", x); f += x * 2 ^ (i - 7) }
	if (FNR == NR) tf[key] += f; else of[key] += f
	next
}
/^Node [0-9]+, zone/ {
	key = $2 $4; s = 0
	for (i = 5; i <= NF; i++) { s += $i; blocks[FNR == NR, key, i] = $i }
	if (FNR == NR) tb[key] = s; else ob[key] = s
	last = NF
	next
}
END {
	for (k in tf) near(k, of[k], tf[k], int(pages * 0.02))
	for (k in tb) {
		exact(k "/blocks", ob[k], tb[k])
		for (i = 5; i <= last; i++)
			near(k "/blocks[" i - 5 "]", blocks[0, k, i], blocks[1, k, i], int(tb[k] * 0.05) + 1)
	}
}
'

check_values() {	# LABEL FILE OURS TRUTH PAGES PAGE_KB DYN_HIGH
	local label=$1 f=$2 prog out
	case $f in
	meminfo) prog=$AWK_MEMINFO ;;
	vmstat) prog=$AWK_VMSTAT ;;
	zoneinfo) prog=$AWK_ZONEINFO ;;
	buddyinfo) prog=$AWK_BUDDYINFO ;;
	pagetypeinfo) prog=$AWK_PAGETYPEINFO ;;
	esac
	out=$(awk -v pages="$5" -v page_kb="$6" -v dyn_high="$7" \
		-v pages4k=$(($5 * $6 / 4)) \
		"$AWK_COMMON$prog$AWK_END" "$4" "$3")
	if [ "$(echo "$out" | grep -vc '^checked ')" -eq 0 ]; then
		pass "$label $f: values (${out#checked })"
	else
		fail "$label $f: values out of bounds"
		echo "$out" | grep -v '^checked ' | head -n 8 | sed 's/^/       /'
	fi
}

# Relations the kernel keeps between the files of one dump, exactly:
# pagetypeinfo's free lists hold the blocks buddyinfo counts, and
# meminfo's sums are of the same counters.
check_own() {	# LABEL REPORT_DIR
	local label=$1 r=$2 out
	out=$(awk '
		FILENAME ~ /buddyinfo/ { for (i = 5; i <= NF; i++) b[$2 $4, i - 5] = $i; next }
		/^Node .*type/ {
			z = $4; sub(/,$/, "", z)
			for (i = 7; i <= NF; i++) { x = $i; sub(/^>/, "", x); p[$2 z, i - 7] += x; if ($i ~ /^>/) over = 1 }
		}
		END { for (k in b) if (!over && b[k] != p[k]) { split(k, a, SUBSEP); print a[1] " order " a[2] ": buddyinfo " b[k] ", pagetypeinfo " p[k] } }
	' "$r/proc/buddyinfo" "$r/proc/pagetypeinfo")
	out=$out$'\n'$(awk '{ v[$1] = $2 }
		END {
			if (v["Active:"] != v["Active(anon):"] + v["Active(file):"]) print "Active != anon + file"
			if (v["Inactive:"] != v["Inactive(anon):"] + v["Inactive(file):"]) print "Inactive != anon + file"
			if (v["Slab:"] != v["SReclaimable:"] + v["SUnreclaim:"]) print "Slab != SReclaimable + SUnreclaim"
			if (v["MemFree:"] > v["MemTotal:"]) print "MemFree > MemTotal"
		}' "$r/proc/meminfo")
	out=$(echo "$out" | sed '/^$/d')
	if [ -z "$out" ]; then
		pass "$label: buddyinfo, pagetypeinfo and meminfo agree"
	else
		fail "$label: files of one dump disagree"
		echo "$out" | head -n 5 | sed 's/^/       /'
	fi
}

# pcp->high follows high_min..high_max since v6.7.
dynamic_pcp_high() {
	awk '{ split($3, v, "[.+-]"); exit !(v[1] > 6 || v[1] == 6 && v[2] >= 7) }' "$1/truth/proc/version"
}

nfix=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	[ -f "$fx/truth/proc/meminfo" ] || continue
	nfix=$((nfix + 1))
	dump=$(primary_dump "$fx")
	label="$name/${dump#"$fx"/}"
	out="$tmp/$name"
	only=$(for f in $FILES; do printf 'proc/%s,' "$f"; done)
	if ! "$BIN" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$out" --build \
		--only "${only%,}" >/dev/null 2>"$tmp/err"; then
		fail "$label: report failed: $(head -c 300 "$tmp/err")"
		continue
	fi
	r=$(echo "$out"/sosvmcore-*)
	page=$(sed -n 's/.*"page_size": \([0-9]*\).*/\1/p' "$r/sos_reports/manifest.json")
	page_kb=$((page / 1024))
	pages=$(($(awk '/^MemTotal:/ { print $2 }' "$fx/truth/proc/meminfo") / page_kb))
	dyn=0
	dynamic_pcp_high "$fx" && dyn=1
	for f in $FILES; do
		if [ ! -f "$fx/truth/proc/$f" ]; then
			note "$label: no truth/proc/$f"
			continue
		fi
		if grep -q '^# vmcore-report: stub' "$r/proc/$f"; then
			fail "$label $f: $(head -n 1 "$r/proc/$f")"
			continue
		fi
		check_layout "$label" "$f" "$r/proc/$f" "$fx/truth/proc/$f"
		check_values "$label" "$f" "$r/proc/$f" "$fx/truth/proc/$f" \
			"$pages" "$page_kb" "$dyn"
	done
	check_own "$label" "$r"
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): mm_stats tests SKIPPED ########"
fi
summary
