# Tolerance rules shared by the integration tests that compare a report
# with the guest's own files (mm_stats.sh, pid_files.sh, irq_stat.sh) and
# by truth_summary.sh, which classifies every file with them.  Sourced.

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

# AWK_COMMON: what every rule program shares; -v pages (pages of RAM),
# pages4k, and in truth_summary.sh slack (the free-page drift allowed on
# top of the 2%: 0, the default, in the per-file tests).
AWK_COMMON='
function abs(x) { return x < 0 ? -x : x }
function bad(key, o, t, rule) { printf "%s: ours %s, truth %s (%s)\n", key, o, t, rule }
function exact(key, o, t) { n++; if (o != t) bad(key, o, t, "exact") }
function near(key, o, t, tol) { n++; if (abs(o - t) > tol) bad(key, o, t, "+-" tol) }
function nearfree(key, o, t, tol) { near(key, o, t, tol + slack) }
function grows(key, o, t) { n++; if (o < t || o - t > 4 * pages4k) bad(key, o, t, "truth <= ours <= truth + " 4 * pages4k) }
'

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
key ~ /^(MemFree|MemAvailable)$/ { slack *= page_kb; nearfree(key, v, t[key], int(pages * page_kb * 0.02)); slack /= page_kb; next }
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
$1 == "nr_free_pages" { nearfree($1, $2, t[$1], int(pages * 0.02)); next }
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
key ~ /\/(free|nr_free_pages)$/ { nearfree(key, v, t[key], int(pages * 0.02)); next }
key ~ /\/(nr_[a-z_]*|boost|workingset_nodes)$/ { near(key, v, t[key], int(pages * 0.02)); next }
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
{ nearfree(key "/free", free, t[key], int(pages * 0.02)) }
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
	for (k in tf) nearfree(k, of[k], tf[k], int(pages * 0.02))
	for (k in tb) {
		exact(k "/blocks", ob[k], tb[k])
		for (i = 5; i <= last; i++)
			near(k "/blocks[" i - 5 "]", blocks[0, k, i], blocks[1, k, i], int(tb[k] * 0.05) + 1)
	}
}
'

# Split a row "LABEL: counts rest" into its shape and its counts.  In the
# shape each count becomes "<W>", W the width it is padded to with the
# blanks before it (11 for " %10u", 10 for the first count of an IPI row,
# which has no blank before it); the shapes of truth and dump must be
# equal, so every column sits where the kernel puts it.
# Used by the interrupts and softirqs checks.
SHAPE_AWK='
function shape(line, ncpu, counts,    p, out, rest, n, f, digits) {
	counts[0] = 0
	p = index(line, ":")
	if (p == 0) return line
	out = substr(line, 1, p)
	rest = substr(line, p + 1)
	n = 0
	while (n < ncpu && match(rest, /^ *[0-9]+/)) {
		f = substr(rest, 1, RLENGTH)
		counts[++n] = f + 0
		# a number of more than 10 digits widens its field
		digits = length(f + 0)
		out = out "<" (digits > 10 ? RLENGTH - digits + 10 : RLENGTH) ">"
		rest = substr(rest, RLENGTH + 1)
	}
	counts[0] = n
	return out "|" rest
}'

# Is a pid (in truth) a kernel thread?  stat field 9 has PF_KTHREAD.
is_kthread() {		# TRUTH_STAT: PF_KTHREAD in field 9
	local flags
	flags=$(sed 's/.*) //' "$1" | awk '{print $7}')
	[ -n "$flags" ] && [ $((flags & 0x200000)) -ne 0 ]
}

# proc/<pid>/stat of one process in the report and in truth: one line
# per field that differs beyond what moves between capture and dump.
pid_stat_diff() {	# OURS TRUTH PID KTHREAD
	awk -v pid="$3" -v kthread="$4" '
	function field_list(line, f,   head, rest, n, i, a) {
		# pid (comm) rest: comm may hold spaces and parentheses
		head = substr(line, 1, index(line, " (") - 1)
		rest = substr(line, index(line, " (") + 2)
		f[1] = head
		f[2] = substr(rest, 1, match(rest, /\) [^)]*$/) - 1)
		n = split(substr(rest, RSTART + 2), a, " ")
		for (i = 1; i <= n; i++)
			f[i + 2] = a[i]
		return n + 2
	}
	function kworker_base(s) {
		if (s !~ /^kworker\//)
			return s
		sub(/[-+].*/, "", s)
		return s
	}
	NR == 1 { na = field_list($0, a) }
	NR == 2 { nb = field_list($0, b) }
	END {
		if (na != nb) { print "field count " na " != " nb; exit }
		for (i = 1; i <= na; i++) {
			x = a[i]; y = b[i]
			if (x == y) continue
			if (i == 2 && kworker_base(x) == kworker_base(y)) continue
			# State, and the wchan flag (field 35: blocked or
			# not) that goes with it, of pid 1 and kernel threads.
			if ((i == 3 || i == 35) && (pid == 1 || kthread)) continue
			if (i >= 10 && i <= 13 && x + 0 >= y + 0 &&
			    (pid == 1 || x - y <= 1000)) continue
			if (((i >= 14 && i <= 17) || i == 42 || i == 43 || i == 44) &&
			    x + 0 >= y + 0 && x - y <= 8000) continue
			if (i == 24 && pid == 1 && x - y <= 64 && y - x <= 64) continue
			if (i == 39) continue
			print "field " i ": " x ", truth " y
		}
	}' <(head -n 1 "$1") <(head -n 1 "$2")
}

# proc/stat of the report against truth: the same keys in the same order,
# the same field counts, decimal fields; counters that only grow, by at
# most IRQ_RATE, TICK_RATE, CTXT_RATE per second of T; btime exact.
IRQ_RATE=20000
TICK_RATE=100
CTXT_RATE=1000000
stat_diff() {		# OURS TRUTH T NPOSSIBLE
	awk -v t="$3" -v np="$4" -v irq_rate=$IRQ_RATE \
	    -v tick_rate=$TICK_RATE -v ctxt_rate=$CTXT_RATE '
		FNR == 1 { f++ }
		f == 1 { key[FNR] = $1; nf[FNR] = NF; for (i = 2; i <= NF; i++) v[FNR, i] = $i; n = FNR; next }
		f == 2 {
			if (FNR > n) { print "extra line: " substr($0, 1, 60); next }
			if ($1 != key[FNR] || NF != nf[FNR]) { print "line " FNR ": " substr($0, 1, 60) " (truth: " key[FNR] ", " nf[FNR] " fields)"; next }
			for (i = 2; i <= NF; i++) if ($i !~ /^[0-9]+$/) print $1 " field " i ": " $i
			if ($1 == "btime") { if ($2 != v[FNR, 2]) print "btime " $2 " != " v[FNR, 2]; next }
			if ($1 == "procs_running" || $1 == "procs_blocked") { if ($2 > 100000) print $0; next }
			if ($1 == "cpu") bound = tick_rate * t * np + np
			else if ($1 ~ /^cpu[0-9]/) bound = tick_rate * t + 1
			else if ($1 == "ctxt" || $1 == "processes") bound = ctxt_rate * t
			else bound = irq_rate * t * np
			for (i = 2; i <= NF; i++) {
				d = $i - v[FNR, i]
				if (d < 0) print $1 " field " i ": " $i " < truth " v[FNR, i]
				else if (d > bound) print $1 " field " i ": +" d " > " bound
			}
			m = FNR
		}
		END { if (m < n) print "missing lines after " m }' "$2" "$1"
}
