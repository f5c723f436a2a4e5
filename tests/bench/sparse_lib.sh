# shellcheck shell=bash
# The sparse dumps of issue #10, for tests/integration/sparse.sh and
# tests/bench.sh: a fixture's kdump dump widened to SPARSE_BYTES of
# physical address space by tests/bench/mksparse.c, kept in a cache
# outside the clone.

SPARSE_BYTES=$((1 << 40))
sparse_src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/mksparse.c

sparse_cache() {
	echo "${VMCORE_SPARSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmcore-fixtures-sparse}"
}

# sparse_tool BIN TMPDIR: the path of mksparse, built next to BIN by
# `make bench`, else compiled into TMPDIR.
sparse_tool() {
	local built
	built=$(dirname "$1")/tests/mksparse
	if [ -x "$built" ] && ! [ "$sparse_src" -nt "$built" ]; then
		echo "$built"
		return
	fi
	"${CC:-cc}" -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 \
		-o "$2/mksparse" "$sparse_src" >&2 || return 1
	echo "$2/mksparse"
}

# sparse_dump TOOL DUMP FIXTURE: the path of DUMP's sparse copy, made when
# missing or older than DUMP or the generator.  SPARSE_GEN_MS: the time it
# took to make, or empty when it was there.
sparse_dump() {
	local dir out t0
	dir=$(sparse_cache)
	out=$dir/$(basename "$3")-$(basename "$2").1T
	SPARSE_GEN_MS=
	if ! [ -f "$out" ] || [ "$2" -nt "$out" ] || [ "$sparse_src" -nt "$out" ]; then
		mkdir -p "$dir" || return 1
		t0=$(date +%s%N)
		"$1" -s "$SPARSE_BYTES" "$2" "$out" >/dev/null || return 1
		SPARSE_GEN_MS=$((($(date +%s%N) - t0) / 1000000))
		echo "made $out in ${SPARSE_GEN_MS} ms" >&2
	fi
	echo "$out"
}
