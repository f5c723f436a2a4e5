#!/usr/bin/env bash
# `make bench`: the full report on every fixture dump, several times;
# prints per dump the median wall time, CPU, peak RSS, reads from the dump
# and the five slowest emitters.  Then the scale section: the same dump
# widened to 1 TiB of sparse address space (tests/bench/mksparse.c), its
# open time and peak RSS against the original's; and the comparison with
# crash where it is installed (drgn: said and skipped).  It measures; it
# asserts nothing.
#   tests/bench.sh [--json] [--runs N] [BIN]
# BENCH_CRASH=0 skips crash (tens of seconds per dump).
set -u
cd "$(dirname "$0")/.." || exit 2
. tests/fixtures.sh
. tests/bench/sparse_lib.sh
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

declare -A full_wall sparse_wall
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
		full_wall[$dump]=$wall
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

# ---- scale: 1 TiB sparse copies of kdump dumps ----------------------------

# stats_runs OUT DUMP VMLINUX [ARGS...]: $runs runs with --stats into
# OUT.N.json; false if none ran.
stats_runs() {
	local out=$1 dump=$2 vmlinux=$3 i
	shift 3
	rm -f "$out".*.json
	for i in $(seq "$runs"); do
		rm -rf "$tmp/out"; mkdir -p "$tmp/out"
		"$bin" --vmcore "$dump" --vmlinux "$vmlinux" -o "$tmp/out" \
			--stats "$out.$i.json" "$@" >/dev/null 2>&1 || return 1
	done
}
med() {		# med PREFIX FIELD: median of FIELD over PREFIX.*.json
	for f in "$1".*.json; do field "$f" "$2"; done | median
}
# Opening the dump alone (--info): median wall ms and peak RSS KiB.
open_only() {
	local i t0 ms=() rss=0
	for i in $(seq "$runs"); do
		t0=$(date +%s%N)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f %M -o "$tmp/time" "$bin" --info --vmcore "$1" >/dev/null 2>&1
			rss=$(tail -n 1 "$tmp/time")
		else
			"$bin" --info --vmcore "$1" >/dev/null 2>&1
		fi
		ms+=($((($(date +%s%N) - t0) / 1000)))
	done
	printf '%s\n' "${ms[@]}" | median | awk -v r="$rss" '{ printf "%.1f %s", $1 / 1000, r }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a ? b / a : 0 }'; }

sparse_sources() {
	local c
	c=$(fixture_cache)
	for f in "$c/x86_64-bookworm/vmcore.kdump-zlib" "$c/x86_64-trixie-kdump/kdump/dump.zlib-d31"; do
		[ -f "$f" ] && echo "$f"
	done
}

sparse_json=()
if ! mksparse=$(sparse_tool "$bin" "$tmp"); then
	$json || echo "sparse: mksparse does not build: skipped"
else
	$json || { echo; echo "1 TiB sparse copies (tests/bench/mksparse.c; open = dump + vmlinux, --only proc/version):"; }
	for dump in $(sparse_sources); do
		fx=$(dirname "$dump"); [ -f "$fx/vmlinux" ] || fx=$(dirname "$fx")
		label="$(basename "$fx")/${dump#"$fx"/}"
		if ! sparse=$(sparse_dump "$mksparse" "$dump" "$fx" 2>/dev/null); then
			$json || echo "$label: sparse copy not made"
			continue
		fi
		gen=${SPARSE_GEN_MS:+made in $SPARSE_GEN_MS ms}
		stats_runs "$tmp/o" "$dump" "$fx/vmlinux" --only proc/version &&
		stats_runs "$tmp/s" "$sparse" "$fx/vmlinux" --only proc/version &&
		stats_runs "$tmp/f" "$sparse" "$fx/vmlinux" || { echo "$label: sparse runs failed"; continue; }
		o_open=$(med "$tmp/o" open_ms) s_open=$(med "$tmp/s" open_ms)
		o_rss=$(med "$tmp/o" peak_rss_kb) s_rss=$(med "$tmp/s" peak_rss_kb)
		read -r o_dopen o_drss <<<"$(open_only "$dump")"
		read -r s_dopen s_drss <<<"$(open_only "$sparse")"
		f_wall=$(med "$tmp/f" total_ms) f_rss=$(med "$tmp/f" peak_rss_kb)
		sparse_wall[$sparse]=$f_wall
		size=$(stat -c %s "$sparse")
		if $json; then
			sparse_json+=("$(printf '{"sparse_of": "%s", "bytes": %s, "file_bytes": %s, "open_ms": [%s, %s], "peak_rss_kb": [%s, %s], "dump_open_ms": [%s, %s], "dump_rss_kb": [%s, %s], "full_wall_ms": [%s, %s]}' \
				"$label" "$SPARSE_BYTES" "$size" "$o_open" "$s_open" "$o_rss" "$s_rss" \
				"$o_dopen" "$s_dopen" "$o_drss" "$s_drss" "${full_wall[$dump]:-0}" "$f_wall")")
			continue
		fi
		printf '%s -> %s (%d MB file%s)\n' "$label" "${sparse##*/}" $((size / 1000000)) "${gen:+, $gen}"
		printf '    open + proc/version   %7.1f -> %7.1f ms (x%s)   peak rss %7d -> %7d KiB (x%s)\n' \
			"$o_open" "$s_open" "$(ratio "$o_open" "$s_open")" "$o_rss" "$s_rss" "$(ratio "$o_rss" "$s_rss")"
		printf '    dump alone (--info)   %7.1f -> %7.1f ms (x%s)   peak rss %7d -> %7d KiB (x%s)\n' \
			"$o_dopen" "$s_dopen" "$(ratio "$o_dopen" "$s_dopen")" "$o_drss" "$s_drss" "$(ratio "$o_drss" "$s_drss")"
		printf '    full report           %7.1f -> %7.1f ms (x%s)   peak rss            %7d KiB\n' \
			"${full_wall[$dump]:-0}" "$f_wall" "$(ratio "${full_wall[$dump]:-0}" "$f_wall")" "$f_rss"
	done
fi

# ---- other tools on the same dumps ----------------------------------------

# crash: the commands closest to the report's main files (sos_commands/
# kernel/sys, ps, bt, dmesg, lsmod, proc/meminfo).  crash 8.0.2 spins on
# `kmem -s` and `mount` with Debian's 6.1.  One run each, bounded.
CRASH_CMDS='sys
ps
bt -a
log
mod
kmem -i
exit'
crash_json=()
crash_one() {	# LABEL DUMP VMLINUX OURS_MS
	local t w u s ms
	printf '%s\n' "$CRASH_CMDS" >"$tmp/crash.cmd"
	TIMEFORMAT='%R %U %S'
	t=$( { time timeout -s KILL 300 crash -s "$3" "$2" -i "$tmp/crash.cmd" \
		>"$tmp/crash.out" 2>&1 </dev/null; echo $? >"$tmp/crash.rc"; } 2>&1 )
	read -r w u s <<<"$t"
	if ! grep -q '^ *RELEASE:' "$tmp/crash.out"; then
		$json || printf '  %-42s crash cannot read it (exit %s%s)\n' "$1" \
			"$(cat "$tmp/crash.rc")" \
			"$(grep -m1 -v '^ *$' "$tmp/crash.out" | cut -c1-60 | sed 's/^/: /')"
		return
	fi
	ms=$(awk -v w="$w" 'BEGIN { printf "%.1f", 1000 * w }')
	if $json; then
		crash_json+=("$(printf '{"crash": "%s", "crash_wall_ms": %s, "crash_cpu_s": %s, "ours_wall_ms": %s}' \
			"$1" "$ms" "$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')" "$4")")
	else
		printf '  %-42s crash %8.1f ms (cpu %6.3f s)   report %7.1f ms   crash/report x%s\n' \
			"$1" "$ms" "$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')" "$4" "$(ratio "$4" "$ms")"
	fi
}
if [ "${BENCH_CRASH:-1}" = 0 ]; then
	$json || { echo; echo "crash: skipped (BENCH_CRASH=0)"; }
elif ! command -v crash >/dev/null; then
	$json || { echo; echo "crash: not installed, skipped"; }
else
	$json || { echo; echo "$(crash --version 2>/dev/null | grep -m1 crash) on the same dumps ($(echo "$CRASH_CMDS" | grep -v exit | paste -sd, | sed 's/,/, /g'); one run):"; }
	for fx in $(fixture_list); do
		[ "$(fixture_arch "$fx")" = x86_64 ] || continue
		dump=$(primary_dump "$fx")
		[ -n "${full_wall[$dump]:-}" ] || continue
		crash_one "$(basename "$fx")/${dump#"$fx"/}" "$dump" "$fx/vmlinux" "${full_wall[$dump]}"
		sp=$(sparse_cache)/$(basename "$fx")-$(basename "$dump").1T
		[ -n "${sparse_wall[$sp]:-}" ] &&
			crash_one "  its 1 TiB sparse copy" "$sp" "$fx/vmlinux" "${sparse_wall[$sp]}"
	done
fi
if ! command -v drgn >/dev/null; then
	$json || echo "drgn: not installed, skipped"
fi

if $json; then
	for o in "${sparse_json[@]}" "${crash_json[@]}"; do
		$first || echo ","
		printf '  %s' "$o"
		first=false
	done
	printf '\n]\n'
fi
exit 0
