#!/usr/bin/env bash
# Issue #10: a 1 TiB sparse kdump dump made from a fixture's (max_mapnr and
# both bitmaps widened, the pages unchanged: tests/bench/mksparse.c) gives
# the same report as the dump it was made from, file for file and byte for
# byte (sos_logs/ and the manifest's timings aside).  The sparse dumps are
# made once into $VMCORE_SPARSE_CACHE (~/.cache/vmcore-fixtures-sparse) and
# remade when the source dump or the generator is newer.
#   tests/integration/sparse.sh [BIN]
set -u
. "$(dirname "$0")/../testlib.sh"
. "$here/../bench/sparse_lib.sh"

# QEMU's dump (no page filtered), makedumpfile's -d 31 one (excluded
# pages) and a big-endian one (s390x headers), where the fixtures have them.
dumps() {
	local c
	c=$(fixture_cache)
	for f in "$c/x86_64-bookworm/vmcore.kdump-zlib" \
		 "$c/x86_64-trixie-kdump/kdump/dump.zlib-d31" \
		 "$c/s390x-bookworm/vmcore.kdump-zlib"; do
		[ -f "$f" ] && echo "$f"
	done
}

if [ -z "$(dumps)" ]; then
	echo "SKIP sparse: no kdump fixture in $(fixture_cache)"
	summary
	exit
fi
if ! mksparse=$(sparse_tool "$BIN" "$tmp"); then
	fail "mksparse does not build"
	summary
	exit
fi

for dump in $(dumps); do
	fx=$(dirname "$dump")
	[ -f "$fx/vmlinux" ] || fx=$(dirname "$fx")
	label="$(basename "$fx")/$(basename "$dump")"
	if ! sparse=$(sparse_dump "$mksparse" "$dump" "$fx"); then
		fail "$label: sparse dump not made"
		continue
	fi
	info=$("$BIN" --info --vmcore "$sparse" | sed -n 's/^page size: \([0-9]*\), max pfn: \([0-9]*\),.*/\1 \2/p')
	if [ -n "$info" ] && [ $((${info% *} * ${info#* })) = "$SPARSE_BYTES" ]; then
		pass "$label: sparse dump covers $SPARSE_BYTES bytes"
	else
		fail "$label: sparse dump: page size, max pfn '$info'"
	fi
	# An independent reader of the format (libkdumpfile, where built)
	# translates the same addresses to the same bytes.
	xcheck=$(dirname "$BIN")/tests/xcheck_libkdumpfile
	if [ -x "$xcheck" ] && [ "$(fixture_arch "$fx")" = x86_64 ]; then
		if "$xcheck" -q "$sparse" "$fx/vmlinux" >"$tmp/xcheck" 2>&1; then
			pass "$label: libkdumpfile reads the sparse dump alike"
		else
			fail "$label: libkdumpfile cross-check on the sparse dump"
			tail -n 3 "$tmp/xcheck" | sed 's/^/       /'
		fi
	fi
	for which in orig sparse; do
		src=$dump
		[ $which = sparse ] && src=$sparse
		mkdir -p "$tmp/$which"
		"$BIN" --vmcore "$src" --vmlinux "$fx/vmlinux" --build \
			-o "$tmp/$which" >/dev/null 2>"$tmp/$which.err" ||
			{ fail "$label $which: report failed: $(head -n 1 "$tmp/$which.err")"; continue 2; }
	done
	a=$(echo "$tmp"/orig/sosvmcore-*) b=$(echo "$tmp"/sparse/sosvmcore-*)
	# The manifest's timings differ from run to run.
	for m in "$a" "$b"; do
		sed -i 's/"time_ms": [0-9.]*/"time_ms": 0/' "$m/sos_reports/manifest.json"
	done
	if [ "$(basename "$a")" = "$(basename "$b")" ] &&
	   diff -r -x sos_logs "$a" "$b" >"$tmp/diff"; then
		pass "$label: 1 TiB sparse dump, same report ($(find "$a" -type f | wc -l) files)"
	else
		fail "$label: the sparse dump's report differs"
		head -n 8 "$tmp/diff" | sed 's/^/       /'
	fi
	rm -rf "$tmp/orig" "$tmp/sparse"
done
summary
