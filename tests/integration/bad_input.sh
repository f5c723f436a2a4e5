#!/usr/bin/env bash
# Bad input: a vmlinux of another kernel, damaged and truncated dumps.
# Each must end in one clear error line (exit 1) or an archive; never a
# crash, a hang, or a partial archive left behind.
set -u
. "$(dirname "$0")/../testlib.sh"

# expect_refusal LABEL PATTERN -- ARGS...: exit 1, one stderr line matching.
expect_refusal() {
	local label=$1 pattern=$2 rc err
	shift 3
	mkdir -p "$tmp/out"
	err=$(timeout 120 "$BIN" "$@" -o "$tmp/out" 2>&1 >/dev/null)
	rc=$?
	if [ $rc -eq 1 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] &&
	   printf '%s' "$err" | grep -qE "$pattern"; then
		pass "$label"
	else
		fail "$label: rc $rc, stderr: $err"
	fi
	no_leftovers "$label"
}

# Nothing but finished archives in the output folder.
no_leftovers() {
	if ls -A "$tmp/out" | grep -q '^\.'; then
		fail "$1: partial output left: $(ls -A "$tmp/out")"
	fi
	rm -rf "$tmp/out"
}

# expect_no_crash LABEL -- ARGS...: exit 0 with a readable archive, or 1
# with one error line.
expect_no_crash() {
	local label=$1 rc err archive
	shift 2
	mkdir -p "$tmp/out"
	archive=$(timeout 300 "$BIN" "$@" -o "$tmp/out" 2>"$tmp/err")
	rc=$?
	err=$(cat "$tmp/err")
	if [ $rc -eq 0 ] && tar -tJf "$archive" >/dev/null 2>&1; then
		pass "$label (archive written)"
	elif [ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
		pass "$label (refused: $err)"
	else
		fail "$label: rc $rc, stderr: $(head -c 300 "$tmp/err")"
	fi
	no_leftovers "$label"
}

fx=
other=
for f in $(fixture_list); do
	[ "$(fixture_arch "$f")" = x86_64 ] || continue
	if [ -z "$fx" ]; then
		fx=$f
	elif ! cmp -s "$f/truth/proc/version" "$fx/truth/proc/version"; then
		other=$f
	fi
done
if [ -z "$fx" ]; then
	echo "######## NO x86_64 FIXTURE in $(fixture_cache): bad-input tests SKIPPED ########"
	summary
	exit
fi
echo "using $(basename "$fx")${other:+, other kernel from $(basename "$other")}"

expect_refusal "missing dump" "No such file" -- \
	--vmcore "$tmp/none" --vmlinux "$fx/vmlinux"
expect_refusal "not a dump" "not a|format|unknown|recogni" -- \
	--vmcore "$fx/config" --vmlinux "$fx/vmlinux"
expect_refusal "not a vmlinux" "not an ELF|ELF" -- \
	--vmcore "$fx/vmcore.kdump-zlib" --vmlinux "$fx/config"
if [ -n "$other" ]; then
	expect_no_crash "--force with another kernel's vmlinux" -- \
		--vmcore "$fx/vmcore.kdump-zlib" --vmlinux "$other/vmlinux" --force
fi
# A vmlinux of another kernel of the same architecture, on every one the
# cache has two kernels of; and one of another architecture.
for a in x86_64 aarch64 ppc64 s390x; do
	first= second=
	for f in $(fixture_list); do
		[ "$(fixture_arch "$f")" = "$a" ] && [ -f "$f/vmcore.kdump-zlib" ] || continue
		if [ -z "$first" ]; then
			first=$f
		elif [ -z "$second" ] &&
		     ! cmp -s "$f/truth/proc/version" "$first/truth/proc/version"; then
			second=$f
		fi
	done
	if [ -z "$second" ]; then
		note "one $a kernel in the cache: its wrong-vmlinux test skipped"
		continue
	fi
	expect_refusal "$a: vmlinux of $(basename "$second") for $(basename "$first")" \
		"does not match" -- \
		--vmcore "$first/vmcore.kdump-zlib" --vmlinux "$second/vmlinux"
	[ "$a" = x86_64 ] && continue
	expect_refusal "$a dump with the x86_64 vmlinux of $(basename "$fx")" \
		"does not match|machine|architecture" -- \
		--vmcore "$first/vmcore.kdump-zlib" --vmlinux "$fx/vmlinux"
done

# The per-file time limit: with a limit of a microsecond, files that need
# more than a few dozen reads stop and say why; the others are whole.
mkdir -p "$tmp/out"
if "$BIN" --vmcore "$fx/vmcore.kdump-zlib" --vmlinux "$fx/vmlinux" --build \
	--emitter-timeout 0.000001 -o "$tmp/out" >/dev/null 2>"$tmp/err"; then
	d=$(ls -d "$tmp"/out/*/)
	stopped=$(grep -c '"reason": "stopped after [^"]*: time limit of 1e-06 s per file (--emitter-timeout)"' \
		"$d/sos_reports/manifest.json")
	if [ "$stopped" -gt 5 ] &&
	   grep -q '^# vmcore-report: stub .*time limit of 1e-06 s' "$d/sos_commands/kernel/ps"; then
		pass "--emitter-timeout: $stopped files stopped, ps among them"
	else
		fail "--emitter-timeout: $stopped files stopped; ps: $(head -c 200 "$d/sos_commands/kernel/ps")"
	fi
	check_same "--emitter-timeout: proc/version whole" "$d/proc/version" "$fx/truth/proc/version"
else
	fail "--emitter-timeout 0.000001: $(cat "$tmp/err")"
fi
rm -rf "$tmp/out"
err=$("$BIN" --vmcore "$fx/vmcore.kdump-zlib" --emitter-timeout -1 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 2 ] && [ "$err" = "vmcore-report: --emitter-timeout takes seconds (0 for none)" ]; then
	pass "--emitter-timeout -1: bad usage"
else
	fail "--emitter-timeout -1: rc $rc, $err"
fi

# Truncations of the kdump-compressed dump: in the main header, the
# sub-header, the bitmaps, the page descriptors and the page data.
kd=$fx/vmcore.kdump-zlib
size=$(stat -c %s "$kd")
for cut in 100 4200 9000 40000 200000 1000000 $((size / 2)) $((size - 4096)); do
	head -c "$cut" "$kd" >"$tmp/cut"
	expect_no_crash "kdump cut at $cut of $size" -- \
		--vmcore "$tmp/cut" --vmlinux "$fx/vmlinux"
done
head -c 100 "$kd" >"$tmp/cut"
expect_refusal "kdump cut in its header" "trunc|short|small|header" -- \
	--vmcore "$tmp/cut" --vmlinux "$fx/vmlinux"

# The flattened file cut short.
fl=$fx/vmcore.kdump-zlib.flat
for cut in 2000 5000 $(($(stat -c %s "$fl") / 3)); do
	head -c "$cut" "$fl" >"$tmp/cut"
	expect_no_crash "flattened cut at $cut" -- \
		--vmcore "$tmp/cut" --vmlinux "$fx/vmlinux"
done

# The ELF dump cut in its headers and in its memory.
for cut in 40 1000 $((64 << 20)); do
	head -c "$cut" "$fx/vmcore.elf" >"$tmp/cut"
	expect_no_crash "ELF cut at $cut" -- \
		--vmcore "$tmp/cut" --vmlinux "$fx/vmlinux"
done
rm -f "$tmp/cut"

# Compressed pages with flipped bits: every 64th byte after the headers.
cp "$kd" "$tmp/flip"
dd if=/dev/urandom of="$tmp/flip" bs=1 seek=$((size / 2)) count=4096 conv=notrunc status=none
expect_no_crash "kdump with 4 KiB of garbage in its page data" -- \
	--vmcore "$tmp/flip" --vmlinux "$fx/vmlinux"
rm -f "$tmp/flip"

summary
