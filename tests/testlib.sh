# shellcheck shell=bash
# Helpers for the integration tests: counters and the closing line.
# Sourced as `. "$(dirname "$0")/../testlib.sh"` by a script called with
# the binary to test as $1: sets BIN, a scratch folder $tmp (removed on
# exit), and the fixture helpers of tests/fixtures.sh.
PASSED=0
FAILED=0
BIN=$(realpath "${1:-build/vmcore-report}")
here=$(dirname "$0")
. "$here/../fixtures.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { PASSED=$((PASSED + 1)); [ -n "${VERBOSE:-}" ] && echo "ok   $*"; return 0; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }
note() { echo "note $*"; }

# check NAME ACTUAL_FILE EXPECTED_FILE: byte-for-byte.
check_same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1: $2 differs from $3"
		diff <(head -c 2000 "$3") <(head -c 2000 "$2") | head -n 6 | sed 's/^/       /'
	fi
}

summary() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}

# run_report BIN VMCORE VMLINUX OUTDIR: the report as a .tar.xz, extracted
# into OUTDIR/x; sets REPORT_RC and REPORT_ERR; REPORT_DIR on success.
# VMCORE may be the space-separated parts of a split dump.
run_report() {
	local bin=$1 vmlinux=$3 out=$4 archive part
	local -a vmcores=()
	for part in $2; do vmcores+=(--vmcore "$part"); done
	mkdir -p "$out"
	REPORT_DIR=
	archive=$("$bin" "${vmcores[@]}" --vmlinux "$vmlinux" -o "$out" 2>"$out/stderr")
	REPORT_RC=$?
	REPORT_ERR=$(cat "$out/stderr")
	[ "$REPORT_RC" -eq 0 ] || return 1
	mkdir -p "$out/x"
	tar -xJf "$archive" -C "$out/x" || return 1
	REPORT_DIR=$(echo "$out"/x/sosvmcore-*)
	[ -d "$REPORT_DIR" ]
}
