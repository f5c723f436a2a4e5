#!/usr/bin/env bash
# Seed corpora for the fuzzers, from the real fixtures when there are any:
# the first 64 KiB of each dump format (headers, notes, bitmaps), VMCOREINFO
# texts, and pages compressed by each method.  OUT/<target>/...
set -eu
out=$1
cd "$(dirname "$0")/../.."
. tests/fixtures.sh
mkdir -p "$out/fuzz_dump" "$out/fuzz_vmcoreinfo" "$out/fuzz_decompress"
n=0
for fx in $(fixture_list); do
	for d in $(fixture_dumps "$fx"); do
		n=$((n + 1))
		head -c 65536 "$d" >"$out/fuzz_dump/$n"
		build/vmcore-report --info --vmcore "$d" 2>/dev/null |
			sed -n '/^VMCOREINFO:$/,$p' | tail -n +2 >"$out/fuzz_vmcoreinfo/$n" || true
	done
done
# Compressed pages: a page of text compressed by each method.
page=$(mktemp)
head -c 4096 /usr/share/common-licenses/GPL-2 >"$page" 2>/dev/null || head -c 4096 /dev/urandom >"$page"
{ printf '\000'; gzip -c "$page" | tail -c +11 | head -c -8; } >"$out/fuzz_decompress/zlib-ish"
{ printf '\003'; zstd -q -c "$page" 2>/dev/null || true; } >"$out/fuzz_decompress/zstd"
rm -f "$page"
echo "seeds: $n dumps"
