#!/usr/bin/env bash
# The whole test suite: every unit-test binary, then the integration tests
# on the real fixtures.  Prints one closing line "N passed, N failed".
set -u
build=${1:-build}
cd "$(dirname "$0")/.." || exit 2
passed=0 failed=0

count() {	# add the "N passed, N failed" line of a test's output
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "  (no result line: counted as one failure)"
		failed=$((failed + 1))
		return
	fi
	passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
	failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	case $t in *.o|*.d) continue ;; esac
	echo "== $(basename "$t")"
	"$t" >"$out" 2>&1
	rc=$?
	grep -v '^ok  ' "$out"
	[ $rc -ge 128 ] && { echo "  crashed (signal $((rc - 128)))"; failed=$((failed + 1)); }
	count "$out"
done
for t in tests/integration/*.sh; do
	echo "== $(basename "$t")"
	bash "$t" "$build/vmcore-report" >"$out" 2>&1
	cat "$out"
	count "$out"
done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
