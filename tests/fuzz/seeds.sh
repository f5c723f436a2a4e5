#!/usr/bin/env bash
# Seed corpora for the fuzzers, from the real fixtures when there are any:
# the first 64 KiB of each dump format (headers, notes, bitmaps), VMCOREINFO
# texts, pages compressed by each method; cuts of the vmlinux BTF and
# modules' split BTF, the kallsyms tables cut to a few sizes (made by
# build-fuzz/mkseeds, from make fuzz-build); patches for the whole report.
# OUT/<target>/...
set -eu
out=$1
cd "$(dirname "$0")/../.."
. tests/fixtures.sh
mkdir -p "$out/fuzz_dump" "$out/fuzz_vmcoreinfo" "$out/fuzz_decompress" \
	"$out/fuzz_btf" "$out/fuzz_kallsyms" "$out/fuzz_report" "$out/fuzz_dwarf"
mkseeds=build-fuzz/mkseeds
n=0
for fx in $(fixture_list); do
	for d in $(fixture_dumps "$fx"); do
		n=$((n + 1))
		head -c 65536 "$d" >"$out/fuzz_dump/$n"
		build/vmcore-report --info --vmcore "$d" 2>/dev/null |
			sed -n '/^VMCOREINFO:$/,$p' | tail -n +2 >"$out/fuzz_vmcoreinfo/$n" || true
	done
	# BTF and kallsyms: the little-endian 64-bit trixie kernels.
	name=$(basename "$fx")
	case $name in
	x86_64-trixie | arm64-trixie) ;;
	*) continue ;;
	esac
	[ -x "$mkseeds" ] || continue
	"$mkseeds" btf "$fx/vmlinux" "$out/fuzz_btf/$name" >/dev/null
	"$mkseeds" kallsyms "$fx/vmlinux" "$out/fuzz_kallsyms/$name" >/dev/null
	# Split BTF over fuzz_btf's base, the x86_64-trixie vmlinux.
	[ "$name" = x86_64-trixie ] || continue
	for ko in "$fx"/modules/*.ko; do
		[ -f "$ko" ] || continue
		"$mkseeds" module "$ko" "$out/fuzz_btf/module-$(basename "$ko" .ko)"
	done
done
# The DWARF index: names and member paths the emitters ask for
# (fuzz_dwarf.c: a mode byte, then NUL-separated strings).
seed() {
	local file=$1 mode=$2
	shift 2
	{ printf "\\$(printf %03o "$mode")"; printf '%s\0' "$@"; } >"$out/fuzz_dwarf/$file"
}
seed types 0 "struct task_struct" "struct page *" "char [16]" "union thread_union" \
	"enum zone_stat_item" "unsigned long" "long unsigned int" "pgd_t" "struct maple_tree"
seed vars 1 init_task init_uts_ns runqueues prb jiffies_64 nr_irqs slab_caches
seed consts 2 NR_FREE_PAGES IRQD_LEVEL MOD_TEXT PIDTYPE_TGID __NR_PAGEFLAGS
seed paths 3 "struct task_struct" "signal->thread_head" init_uts_ns name.release \
	"struct mm_struct" "mm_mt.ma_root" "struct kmem_cache" "oo.x" \
	"struct zone" "vm_stat[0].counter" init_task "tasks.next->prev"

# The whole report: a 64-byte patch at each target (fuzz_report.c).
for t in $(seq 0 47); do
	{ printf "\\$(printf %03o "$t")\000\000\100\000"; head -c 64 /dev/urandom; } \
		>"$out/fuzz_report/patch-$t"
done
# A zeroed page at the top page table (target 0).
{ printf '\000\000\000\000\020'; head -c 4096 /dev/zero; } >"$out/fuzz_report/zero-pgd"
# Inputs that once failed (tests/fuzz/regressions/<target>/; those of
# fuzz_report are patches of the x86_64-trixie dump).
for d in tests/fuzz/regressions/*/; do
	[ -d "$d" ] || continue
	t=$(basename "$d")
	mkdir -p "$out/$t"
	for f in "$d"*; do
		[ -f "$f" ] && cp "$f" "$out/$t/regression-$(basename "$f")"
	done
done
# Compressed pages: a page of text compressed by each method.
page=$(mktemp)
head -c 4096 /usr/share/common-licenses/GPL-2 >"$page" 2>/dev/null || head -c 4096 /dev/urandom >"$page"
{ printf '\000'; gzip -c "$page" | tail -c +11 | head -c -8; } >"$out/fuzz_decompress/zlib-ish"
{ printf '\003'; zstd -q -c "$page" 2>/dev/null || true; } >"$out/fuzz_decompress/zstd"
rm -f "$page"
echo "seeds: $n dumps"
