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
. "$(dirname "$0")/../rules.sh"

FILES="meminfo vmstat zoneinfo buddyinfo pagetypeinfo"

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

# After the file's own END: the count of values checked.
AWK_END='END { print "checked " n + 0 }'

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
