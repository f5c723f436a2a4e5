#!/bin/sh
# Install what building and testing vmcore-report needs (Debian 12+);
# libkdumpfile-dev is for the translation cross-check test only, clang
# and its runtime (libFuzzer) for make fuzz only, without the packages
# they merely recommend (python3 among them).
# Idempotent; uses sudo when not root.
set -e
PKGS="build-essential pkg-config libelf-dev libdw-dev libarchive-dev
zlib1g-dev liblzo2-dev libsnappy-dev libzstd-dev xz-utils
libkdumpfile-dev"
FUZZ_PKGS="clang libclang-rt-dev"
missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed' || printf ' %s' "$p"
	done
}
# shellcheck disable=SC2086
need=$(missing $PKGS)
# shellcheck disable=SC2086
need_fuzz=$(missing $FUZZ_PKGS)
[ -z "$need$need_fuzz" ] && exit 0
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "installing:$need$need_fuzz"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
[ -z "$need" ] ||
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
# shellcheck disable=SC2086
[ -z "$need_fuzz" ] ||
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends $need_fuzz
