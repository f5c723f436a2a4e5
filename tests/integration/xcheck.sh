#!/usr/bin/env bash
# Issue #4: our kernel address translation cross-checked against
# libkdumpfile (a test-only second backend) on every dump of every fixture:
# a few thousand kernel virtual addresses per dump (vmlinux data/bss, text,
# per-CPU, tasks, stacks, mm, modules, vmalloc, vmemmap) translated by both,
# physical addresses and bytes compared.  A dump libkdumpfile cannot read
# (flattened, QEMU's big-endian ELF, QEMU's arm64 kdump) is checked against
# libkdumpfile reading a sibling dump of the same memory image instead.
set -u
. "$(dirname "$0")/../testlib.sh"
XCHECK=$(dirname "$BIN")/tests/xcheck_libkdumpfile
# Under the sanitizer build: a leak inside libkdumpfile is not ours, and
# libkdumpfile asks for absurd sizes on QEMU's big-endian ELF dumps (whose
# section headers are garbage): let malloc fail there as it would without
# ASan, so libkdumpfile reports its error.
export LSAN_OPTIONS="suppressions=$(realpath "$here/../xcheck/lsan.supp")${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1"

if ! pkg-config --exists libkdumpfile 2>/dev/null; then
	echo "######## libkdumpfile is not installed (apt-get install libkdumpfile-dev): libkdumpfile cross-check SKIPPED ########"
	summary
	exit
fi
if [ ! -x "$XCHECK" ]; then
	echo "######## $XCHECK not built (make xcheck; make check builds it): libkdumpfile cross-check SKIPPED ########"
	summary
	exit
fi

# Dumps of one memory image: the idle guest, the panicked guest, and the
# capture kernel's dumps of one crash.
dump_group() {
	case $(basename "$1") in
	vmcore*) echo idle ;;
	panic*) echo panic ;;
	*) echo kdump ;;
	esac
}

# run LABEL OUT DUMP VMLINUX [-s SIBLING]: one xcheck run; sets RC.
run() {
	local label=$1 out=$2
	shift 2
	"$XCHECK" -q "$@" >"$out" 2>&1
	RC=$?
	case $RC in
	0) pass "$label"
	   echo "  $label: $(sed -n 's/^RESULT //p' "$out")" ;;
	77) ;;
	*) fail "$label (exit $RC)"
	   sed 's/^/       /' "$out" | head -n 60 ;;
	esac
}

# A dump of group $2 that libkdumpfile read (READ_DUMPS, READ_GROUPS):
# for X.flat, X itself (the same file, rearranged); else the first one.
sibling() {
	local dump=$1 g=$2 k
	for k in "${!READ_DUMPS[@]}"; do
		[ "${READ_DUMPS[$k]}" = "${dump%.flat}" ] && { echo "${dump%.flat}"; return; }
	done
	for k in "${!READ_DUMPS[@]}"; do
		[ "${READ_GROUPS[$k]}" = "$g" ] && { echo "${READ_DUMPS[$k]}"; return; }
	done
}

# The dumps libkdumpfile cannot read, against a sibling it reads.
check_unread() {	# FIXTURE
	local fx=$1 k dump label why sib
	for k in "${!UNREAD[@]}"; do
		dump=${UNREAD[$k]}
		label="$(basename "$fx")/${dump#"$fx"/}"
		why=$(sed -n 's/^RESULT libkdumpfile cannot translate this dump: //p' "${UNREAD_OUT[$k]}")
		sib=$(sibling "$dump" "$(dump_group "$dump")")
		if [ -z "$sib" ]; then
			note "$label: libkdumpfile cannot read it ($why), nor a sibling dump: not cross-checked"
			continue
		fi
		note "$label: libkdumpfile cannot read it ($why): against libkdumpfile on ${sib#"$fx"/}"
		i=$((i + 1))
		run "$label (libkdumpfile on ${sib#"$fx"/})" "$tmp/$i" -s "$sib" "$dump" "$fx/vmlinux"
		[ "$RC" -eq 77 ] && note "$label: libkdumpfile cannot read ${sib#"$fx"/} either"
	done
}

nfix=0
i=0
for fx in $(fixture_list); do
	nfix=$((nfix + 1))
	READ_DUMPS=() READ_GROUPS=() UNREAD=() UNREAD_OUT=()
	for dump in $(fixture_dumps "$fx"); do
		i=$((i + 1))
		run "$(basename "$fx")/${dump#"$fx"/}" "$tmp/$i" "$dump" "$fx/vmlinux"
		if [ "$RC" -eq 77 ]; then
			UNREAD+=("$dump")
			UNREAD_OUT+=("$tmp/$i")
		elif [ "$RC" -le 1 ]; then
			READ_DUMPS+=("$dump")
			READ_GROUPS+=("$(dump_group "$dump")")
		fi
	done
	check_unread "$fx"
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): libkdumpfile cross-check SKIPPED ########"
fi
summary
