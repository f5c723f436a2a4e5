#!/usr/bin/env bash
# `make report`: a real report on the default dump, the x86_64 trixie
# fixture (Debian's 6.12 kernel), made first if the cache lacks it.
set -eu
cd "$(dirname "$0")/.."
. tests/fixtures.sh
fx=$(fixture_cache)/x86_64-trixie
if [ ! -f "$fx/vmlinux" ]; then
	echo "no $fx yet: making it (a QEMU guest without KVM: 5-10 minutes)"
	if [ -x fixtures/mkvmcore ]; then
		fixtures/mkvmcore x86_64 trixie "$fx"
	else
		../shared/fixtures/mkvmcore.sh x86_64 trixie "$fx"
	fi
fi
out=${REPORT_DIR:-.}
# No --vmlinux: symbols and types come from the dump (kallsyms, BTF).
archive=$(build/vmcore-report --vmcore "$fx/vmcore.kdump-zlib" -o "$out")
echo "report: $archive"
tar -tJf "$archive" | head -n 20
echo "..."
