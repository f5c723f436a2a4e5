#!/bin/sh
# Install what building and testing vmcore-report needs (Debian 12+);
# libkdumpfile-dev is for the translation cross-check test only.
# Idempotent; uses sudo when not root.
set -e
PKGS="build-essential pkg-config libelf-dev libdw-dev libarchive-dev
zlib1g-dev liblzo2-dev libsnappy-dev libzstd-dev xz-utils
libkdumpfile-dev"
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "installing:$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
