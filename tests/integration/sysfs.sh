#!/usr/bin/env bash
# Issue #6: the /sys files of sys/kernel/ (kexec_loaded, kexec_crash_loaded,
# kexec_crash_size, vmcoreinfo), sys/devices/system/cpu/ (offline,
# kernel_max) and sys/module/<name>/ (refcnt, taint, coresize, initsize,
# initstate, sections/<section>) on every fixture, byte for byte against
# the guest's own files (truth/sys/) where the guest recorded them.
#
# Where it did not:
#  - kernel_max is NR_CPUS - 1: checked against CONFIG_NR_CPUS of the
#    fixture's config;
#  - offline is possible & ~online: when truth's possible and online are
#    the same list it is "\n" alone;
#  - each module of truth/proc/modules has its sys/module/<name>/ files,
#    refcnt equal to /proc/modules' use count and coresize + initsize to
#    its size (module_total_size() sums the same sizes on 64-bit kernels).
# refcnt could legitimately move between the capture and the dump (a
# module getting used); the fixtures' guests are idle then and none does,
# so it is compared exactly.
set -u
. "$(dirname "$0")/../testlib.sh"

# The dump a fixture's truth is compared with (as in mm_stats.sh): QEMU's
# kdump-zlib dump of the idle guest, else the capture kernel's zlib dump.
# check_truth LABEL REPORT_DIR FIXTURE: every truth file we make.
check_truth() {
	local label=$1 r=$2 fx=$3 t rel n=0 bad=0
	while IFS= read -r t; do
		rel=${t#"$fx/truth/"}
		n=$((n + 1))
		if [ ! -f "$r/$rel" ]; then
			fail "$label $rel: not in the report"
			bad=$((bad + 1))
		elif ! cmp -s "$r/$rel" "$t"; then
			check_same "$label $rel" "$r/$rel" "$t"
			bad=$((bad + 1))
		fi
	done < <(find "$fx/truth/sys/kernel" "$fx/truth/sys/module" -type f \
		\( -path '*/sys/kernel/kexec_*' -o -path '*/sys/kernel/vmcoreinfo' \
		-o -path '*/sys/module/*/sections/*' \
		-o -regex '.*/sys/module/[^/]*/\(refcnt\|taint\|coresize\|initsize\|initstate\)' \) \
		2>/dev/null | sort)
	[ "$n" -gt 0 ] && [ "$bad" -eq 0 ] && pass "$label: $n truth files of sys/ identical"
	[ "$n" -eq 0 ] && note "$label: no sys/kernel or sys/module truth files"
	return 0
}

check_cpu() {
	local label=$1 r=$2 fx=$3 nr
	nr=$(sed -n 's/^CONFIG_NR_CPUS=//p' "$fx/config" 2>/dev/null)
	if [ -n "$nr" ]; then
		check_same "$label kernel_max" "$r/sys/devices/system/cpu/kernel_max" \
			<(echo $((nr - 1)))
	else
		note "$label: no CONFIG_NR_CPUS in config"
	fi
	if cmp -s "$fx/truth/sys/devices/system/cpu/possible" \
		"$fx/truth/sys/devices/system/cpu/online"; then
		check_same "$label offline" "$r/sys/devices/system/cpu/offline" <(echo)
	else
		note "$label: CPUs offline in the guest, offline not checked"
	fi
}

# Against truth/proc/modules: "name size refcount ...".
check_modules() {
	local label=$1 r=$2 fx=$3 name size refs d n=0 bad=0 core init
	[ -f "$fx/truth/proc/modules" ] || return 0
	while read -r name size refs _; do
		n=$((n + 1))
		d=$r/sys/module/$name
		core=$(cat "$d/coresize" 2>/dev/null)
		init=$(cat "$d/initsize" 2>/dev/null)
		if [ "$(cat "$d/refcnt" 2>/dev/null)" != "$refs" ] ||
		   [ "$(cat "$d/initstate" 2>/dev/null)" != live ] ||
		   [ ! -f "$d/taint" ] || [ ! -f "$d/sections/.text" ] ||
		   [ $((core + init)) -ne "$size" ]; then
			fail "$label sys/module/$name: refcnt $(cat "$d/refcnt" 2>/dev/null) (/proc/modules $refs), coresize $core + initsize $init (/proc/modules $size)"
			bad=$((bad + 1))
		fi
	done <"$fx/truth/proc/modules"
	[ "$bad" -eq 0 ] && pass "$label: sys/module/ of $n modules agrees with /proc/modules"
	n=$(find "$r/sys/module" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l)
	if [ "$n" -ne "$(wc -l <"$fx/truth/proc/modules")" ]; then
		fail "$label: $n sys/module/ directories, $(wc -l <"$fx/truth/proc/modules") modules"
	fi
	return 0
}

nfix=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	[ -d "$fx/truth/sys" ] || continue
	nfix=$((nfix + 1))
	dump=$(primary_dump "$fx")
	label="$name/${dump#"$fx"/}"
	out="$tmp/$name"
	if ! "$BIN" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$out" --build \
		--only 'sys/*' >/dev/null 2>"$tmp/err"; then
		fail "$label: report failed: $(head -c 300 "$tmp/err")"
		continue
	fi
	r=$(echo "$out"/sosvmcore-*)
	check_truth "$label" "$r" "$fx"
	check_cpu "$label" "$r" "$fx"
	check_modules "$label" "$r" "$fx"
	# Stubs other than the files planned but not written yet (planned.c)
	# and those of a feature the kernel was built without, whose file the
	# guest did not have either (s390x 6.12: no CONFIG_KEXEC).
	stubs=$(grep -rl '^# vmcore-report: stub' "$r/sys" | while read -r f; do
		grep -q 'not implemented yet' "$f" && continue
		if grep -q 'kernel without' "$f" &&
		   [ -d "$fx/truth/sys/kernel" ] &&
		   [ ! -e "$fx/truth/${f#"$r"/}" ]; then
			continue
		fi
		echo "$f"
	done)
	if [ -n "$stubs" ]; then
		fail "$label: stubs in sys/: $(echo "$stubs" | sed "s|^$r/||" | head -n 5 | tr '\n' ' ')"
	fi
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): sysfs tests SKIPPED ########"
fi
summary
