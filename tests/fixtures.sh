# shellcheck shell=bash
# Where the fixtures are, for the test scripts.  A fixture is a directory
# ARCH-SUITE[-variant] in the cache made by fixtures/mkvmcore or
# ../shared/fixtures/mkvmcore.sh, with vmlinux, truth/ and the dumps.

fixture_cache() {
	echo "${VMCORE_FIXTURES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmcore-fixtures}"
}

# Complete fixtures, one directory per line.
fixture_list() {
	local d
	for d in "$(fixture_cache)"/*/; do
		d=${d%/}
		case $d in *.partial-*) continue ;; esac
		[ -f "$d/vmlinux" ] && [ -d "$d/truth" ] && echo "$d"
	done
}

# The ELF machine of a fixture's vmlinux: x86_64, aarch64, ppc64, s390x.
fixture_arch() {
	case "$(od -An -tx1 -j18 -N2 "$1/vmlinux" | tr -d ' \n')" in
	3e00) echo x86_64 ;;
	b700) echo aarch64 ;;
	1500|0015) echo ppc64 ;;
	0016) echo s390x ;;
	*) echo unknown ;;
	esac
}

# Every dump file of a fixture, one per line (parts of split dumps, which
# are not whole dumps, are in fixture_split_dumps).
fixture_dumps() {
	local f
	for f in "$1"/vmcore.elf "$1"/vmcore-paging.elf "$1"/vmcore.kdump-* \
		 "$1"/panic.kdump-* "$1"/kdump/dump.* "$1"/kdump/proc-vmcore.elf; do
		case $f in *.log|*'*'*|*/dump.split-*) continue ;; esac
		[ -f "$f" ] && echo "$f"
	done
}

# The split dumps of a fixture (makedumpfile --split), one per line: the
# paths of its parts, in order, separated by spaces.
fixture_split_dumps() {
	local first
	for first in "$1"/kdump/dump.split-*.1; do
		[ -f "$first" ] || continue
		ls "${first%.1}".[0-9]* | grep -v '\.log$' | sort -t. -k2 -n | tr '\n' ' '
		echo
	done
}

# The dump a test reads when one per fixture is enough: QEMU's zlib kdump
# dump, else makedumpfile's -d 31 one, else the first there is.
primary_dump() {
	local f
	for f in "$1/vmcore.kdump-zlib" "$1/kdump/dump.zlib-d31"; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	fixture_dumps "$1" | head -n 1
}
