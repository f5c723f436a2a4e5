#!/usr/bin/env bash
# Issue #6: /proc/mounts, filesystems, devices, partitions, diskstats,
# swaps, cgroups, misc, consoles, execdomains, locks, key-users and the
# /proc/sys/kernel and /proc/sys/vm variables, on every fixture.
#
# Every file the guest recorded in truth/ must match byte for byte; these
# files do not change in an idle guest.  The exceptions, each because the
# guest itself changed the value between the capture and the dump:
#  - proc/diskstats: the x86_64 guests run `df` after reading diskstats,
#    and statfs() on the vfat mount reads its FAT (fat_count_free_clusters())
#    from loop0: one more read of ~125 merged sectors.  The lines must be
#    the same devices in the same order with the same in-flight count, and
#    every counter at least the truth's, at most 64 MiB (131072 sectors,
#    1000 requests, 10 s of time counters) more;
#  - proc/sys/kernel/printk and sysrq in dumps made after a panic (the
#    capture kernel's dumps, x86_64 --kdump): the crasher enables sysrq
#    ("echo 1 > /proc/sys/kernel/sysrq") before "echo c", and panic()
#    raises the console log level (console_verbose(): 15).
# Files without a truth (vm/*, most of kernel/*, execdomains, locks and
# key-users on the non-x86_64 guests) are checked for their format, and
# execdomains for its one fixed line.
set -u
BIN=$(realpath "${1:-build/vmcore-report}")
here=$(dirname "$0")
. "$here/../testlib.sh"
. "$here/../fixtures.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

FILES="proc/mounts proc/filesystems proc/devices proc/partitions
proc/diskstats proc/swaps proc/cgroups proc/misc proc/consoles
proc/execdomains proc/locks proc/key-users"
ONLY="proc/mounts,proc/filesystems,proc/devices,proc/partitions,proc/diskstats,proc/swaps,proc/cgroups,proc/misc,proc/consoles,proc/execdomains,proc/locks,proc/key-users,proc/sys/kernel/*,proc/sys/vm/*"

# The dump a fixture's truth is compared with: QEMU's kdump-zlib dump of
# the idle guest, else the capture kernel's zlib dump (x86_64 --kdump).
# Dumps made after a panic.
after_panic() {
	case $1 in */kdump/*|*/panic.*) return 0 ;; esac
	return 1
}

# diskstats: same devices, same in-flight, counters grown by a bounded
# amount (see the header).
check_diskstats() {	# LABEL OURS TRUTH
	local out
	out=$(awk '
		function bad(msg) { print msg; fails++ }
		NR == FNR { line[FNR] = $0; n = FNR; next }
		{
			split(line[FNR], t)
			if ($1 != t[1] || $2 != t[2] || $3 != t[3]) bad("line " FNR ": " $3 " where the guest had " t[3])
			else if (NF != split(line[FNR], t)) bad($3 ": " NF " fields")
			else for (i = 4; i <= NF; i++) {
				d = $i - t[i]
				if (i == 12 && d != 0) bad($3 ": in flight " $i " != " t[i])
				lim = (i == 6 || i == 10 || i == 17) ? 131072 : (i == 4 || i == 5 || i == 8 || i == 9 || i == 15 || i == 16 || i == 19) ? 1000 : 10000
				if (d < 0 || d > lim) bad($3 ": field " i " " $i " vs " t[i])
			}
		}
		END { if (FNR != n) bad(FNR " lines, the guest had " n) }
	' "$3" "$2")
	if [ -z "$out" ]; then
		pass "$1 proc/diskstats (counters grown after the capture)"
	else
		fail "$1 proc/diskstats"
		echo "$out" | head -n 5 | sed 's/^/       /'
	fi
}

# The format of a /proc/sys file without a truth.
check_sys_format() {	# LABEL FILE
	local f=$2 name=${2#"$r"/}
	if head -n 1 "$f" | grep -q '^# vmcore-report: stub'; then
		# A variable the kernel was built without: its file does not
		# exist.  A boot id nobody read: the kernel had not made it.
		if grep -q 'not in this kernel' "$f" ||
		   { [ "$name" = proc/sys/kernel/random/boot_id ] &&
		     grep -q 'never read before the crash' "$f"; }; then
			pass "$1 $name (stub: $(sed 's/.* - //' "$f"))"
		else
			fail "$1 $name: $(head -c 200 "$f")"
		fi
		return
	fi
	case $name in
	*/core_pattern|*/modprobe|*/poweroff_cmd|*/hostname|*/domainname|*/ostype|*/osrelease|*/version)
		[ "$(wc -l <"$f")" -eq 1 ] ;;
	*/random/boot_id)
		grep -qxE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' "$f" ;;
	*)
		[ "$(wc -l <"$f")" -eq 1 ] && grep -qxE -- '-?[0-9]+(	-?[0-9]+)*' "$f" ;;
	esac && pass "$1 $name (format)" || fail "$1 $name: bad format: $(head -c 200 "$f")"
}

check_no_truth() {	# LABEL FILE
	local f=$2 name=${2#"$r"/}
	case $name in
	proc/execdomains)
		check_same "$1 $name" "$f" <(printf '0-0\tLinux           \t[kernel]\n') ;;
	proc/key-users)
		if grep -qvE '^ *[0-9]+: +[0-9]+ [0-9]+/[0-9]+ [0-9]+/[0-9]+ [0-9]+/[0-9]+$' "$f" ||
		   ! grep -qE '^    0: ' "$f"; then
			fail "$1 $name: bad format"
		else
			pass "$1 $name (format, root's line)"
		fi ;;
	proc/locks)
		# The guests hold no file locks.
		if [ -s "$f" ]; then fail "$1 $name: not empty"; else pass "$1 $name (empty)"; fi ;;
	proc/sys/*)
		check_sys_format "$1" "$f" ;;
	*)
		fail "$1 $name: no truth and no check" ;;
	esac
}

nfix=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	nfix=$((nfix + 1))
	dump=$(primary_dump "$fx")
	label="$name/${dump#"$fx"/}"
	out="$tmp/$name"
	if ! "$BIN" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$out" --build \
		--only "$ONLY" >/dev/null 2>"$tmp/err"; then
		fail "$label: report failed: $(head -c 300 "$tmp/err")"
		continue
	fi
	r=$(echo "$out"/sosvmcore-*)
	for f in $FILES $(cd "$r" && find proc/sys/kernel proc/sys/vm -type f | sort); do
		if [ ! -f "$r/$f" ]; then
			fail "$label $f: not written"
			continue
		fi
		if grep -q '^# vmcore-report: partial' "$r/$f"; then
			fail "$label $f: $(grep '^# vmcore-report: partial' "$r/$f")"
			continue
		fi
		if [ ! -f "$fx/truth/$f" ]; then
			check_no_truth "$label" "$r/$f"
			continue
		fi
		case $f in
		proc/diskstats)
			if cmp -s "$r/$f" "$fx/truth/$f"; then
				pass "$label $f"
			else
				check_diskstats "$label" "$r/$f" "$fx/truth/$f"
			fi
			continue ;;
		proc/sys/kernel/printk|proc/sys/kernel/sysrq)
			if after_panic "$dump"; then
				note "$label $f: changed by the crash (see the header)"
				continue
			fi ;;
		esac
		check_same "$label $f" "$r/$f" "$fx/truth/$f"
	done
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
fi
summary
