#!/usr/bin/env bash
# `make bench`: the full report on every fixture dump, several times;
# prints per dump the median wall time, CPU, peak RSS, reads from the dump
# and the five slowest emitters.  It measures; it asserts nothing.
#   tests/bench.sh [--json] [--runs N] [BIN]
set -u
cd "$(dirname "$0")/.." || exit 2
. tests/fixtures.sh
json=false runs=3 bin=build/vmcore-report
while [ $# -gt 0 ]; do
	case $1 in
	--json) json=true ;;
	--runs) runs=$2; shift ;;
	*) bin=$1 ;;
	esac
	shift
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

field() { sed -n "s/^  \"$2\": \\([0-9.]*\\),*$/\\1/p" "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

$json && echo "["
first=true
for fx in $(fixture_list); do
	for dump in "$fx/vmcore.kdump-zlib" "$fx/vmcore.elf" "$fx/kdump/dump.zlib-d31"; do
		[ -f "$dump" ] || continue
		for i in $(seq "$runs"); do
			rm -rf "$tmp/out"; mkdir -p "$tmp/out"
			"$bin" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$tmp/out" \
				--stats "$tmp/s$i.json" >/dev/null 2>&1 || continue
		done
		[ -f "$tmp/s1.json" ] || continue
		s=$tmp/s1.json
		wall=$(for i in $(seq "$runs"); do field "$tmp/s$i.json" total_ms; done | median)
		open=$(for i in $(seq "$runs"); do field "$tmp/s$i.json" open_ms; done | median)
		cpu=$(awk -v u="$(field "$s" user_s)" -v s="$(field "$s" sys_s)" 'BEGIN { printf "%.3f", u + s }')
		rss=$(field "$s" peak_rss_kb)
		hits=$(field "$s" cache_hits) misses=$(field "$s" cache_misses)
		rate=$(awk -v h="$hits" -v m="$misses" 'BEGIN { printf "%.1f", (h + m) ? 100 * h / (h + m) : 0 }')
		slow=$(sed -n '/"emitters"/,/}/s/^    "\(.*\)": \([0-9.]*\),*$/\2 \1/p' "$s" |
		       sort -rn | head -n 5 | awk '{ printf "%s%s %.1fms", (NR > 1 ? ", " : ""), $2, $1 }')
		label="$(basename "$fx")/${dump#"$fx"/}"
		if $json; then
			$first || echo ","
			printf '  {"dump": "%s", "wall_ms": %s, "open_ms": %s, "cpu_s": %s, "peak_rss_kb": %s, "pages_read": %s, "pages_decompressed": %s, "cache_hit_pct": %s}' \
				"$label" "$wall" "$open" "$cpu" "$rss" "$(field "$s" pages_read)" \
				"$(field "$s" pages_decompressed)" "$rate"
		else
			printf '%-42s wall %8.1f ms (open %7.1f)  cpu %6.3f s  rss %7d KiB  pages %6s read %6s decompressed  hits %5s%%\n' \
				"$label" "$wall" "$open" "$cpu" "$rss" "$(field "$s" pages_read)" \
				"$(field "$s" pages_decompressed)" "$rate"
			echo "    slowest: $slow"
		fi
		first=false
		rm -f "$tmp"/s*.json
	done
done
$json && printf '\n]\n'
exit 0
