#!/usr/bin/env bash
# Issues #2 and #4: on every dump of every fixture (all architectures), the
# first files match the guest's own /proc byte for byte, and sibling dumps
# of one memory image give the same report.
set -u
. "$(dirname "$0")/../testlib.sh"

# Files whose live content the guest recorded in truth/.
TRUTH_FILES="proc/version proc/cmdline proc/sys/kernel/osrelease
proc/sys/kernel/hostname proc/sys/kernel/ostype proc/sys/kernel/version
proc/sys/kernel/domainname proc/modules sys/devices/system/cpu/online
sys/devices/system/cpu/possible sys/devices/system/cpu/present"

# A kworker's comm carries the description of the work it ran last
# ("kworker/0:1-events"), which changes between the capture and the dump.
same_comm() {
	[ "$1" = "$2" ] && return 0
	case $1 in kworker/*) [ "${1%%[-+]*}" = "${2%%[-+]*}" ] ;; *) return 1 ;; esac
}

check_truth() {		# FIXTURE REPORT_DIR LABEL
	local fx=$1 r=$2 label=$3 f pid n=0 bad=0
	for f in $TRUTH_FILES; do
		[ -f "$fx/truth/$f" ] || continue
		# panic() takes the other CPUs offline (smp_send_stop()).
		case $label:$f in */panic.*:sys/devices/system/cpu/online) continue ;; esac
		check_same "$label $f" "$r/$f" "$fx/truth/$f"
	done
	check_same "$label uname_-a" "$r/sos_commands/kernel/uname_-a" "$(expected_uname "$fx")"
	for f in "$r"/proc/[0-9]*/comm; do
		pid=${f#"$r"/proc/}; pid=${pid%/comm}
		[ -f "$fx/truth/proc/$pid/comm" ] || continue
		n=$((n + 1))
		if ! same_comm "$(cat "$fx/truth/proc/$pid/comm")" "$(cat "$f")"; then
			bad=$((bad + 1))
			echo "       pid $pid: $(cat "$f") != $(cat "$fx/truth/proc/$pid/comm")"
		fi
	done
	if [ "$n" -ge 10 ] && [ "$bad" -eq 0 ]; then
		pass "$label proc/<pid>/comm ($n pids)"
	else
		fail "$label proc/<pid>/comm: $bad of $n differ"
	fi
}

# The guest's `uname -a`; fixtures that did not record it get it built from
# the recorded /proc/version, /proc/sys/kernel/hostname and the machine
# name each architecture's kernel reports (UTS_MACHINE).
expected_uname() {
	local fx=$1 machine version
	if [ -f "$fx/truth/cmd/uname.txt" ]; then
		echo "$fx/truth/cmd/uname.txt"
		return
	fi
	case $(fixture_arch "$fx") in
	x86_64) machine=x86_64 ;;
	aarch64) machine=aarch64 ;;
	ppc64) machine=ppc64le ;;
	s390x) machine=s390x ;;
	esac
	version=$(sed -n 's/.*) \(#[0-9].*\)$/\1/p' "$fx/truth/proc/version")
	echo "Linux $(cat "$fx/truth/proc/sys/kernel/hostname") $(awk '{print $3}' "$fx/truth/proc/version") $version $machine GNU/Linux" \
		>"$tmp/uname-$(basename "$fx")"
	echo "$tmp/uname-$(basename "$fx")"
}

# Reports of the same memory image must agree but for the dump's format
# and what the dump layer warns of (a split dump's parts say which pages
# each holds).
strip_manifest() {
	grep -v -e '"format":' -e '"flattened":' "$1" |
		sed -e 's/"time_ms": [0-9.]*//' -e '/"warnings": \[$/,/^    \]$/d' \
		    -e '/"warnings": \[\]$/d'
}

# makedumpfile keeps different user pages in each of its dumps of one crash
# (-d 0 all, -d 31 none, -E -d 31 those in short runs of filtered pages):
# proc/<pid>/cmdline and environ, read from user memory, differ there, and
# so does ps_auxwww's COMMAND column.
user_files() {	# LABEL: diff -x options for the files of user memory
	case $1 in */kdump/*) echo "-x cmdline -x environ -x ps_auxwww" ;; esac
}

strip_user() {	# LABEL MANIFEST
	case $1 in
	*/kdump/*) grep -v -E '"path": "(proc/[0-9]+/(cmdline|environ)|sos_commands/process/ps_auxwww)"' ;;
	*) cat ;;
	esac <"$2"
}

check_identical() {	# REPORT_A REPORT_B LABEL
	local a=$1 b=$2
	# shellcheck disable=SC2046
	if diff -r -x manifest.json -x vmcore-report.log $(user_files "$3") \
		"$a" "$b" >/dev/null &&
	   diff <(strip_manifest <(strip_user "$3" "$a/sos_reports/manifest.json")) \
		<(strip_manifest <(strip_user "$3" "$b/sos_reports/manifest.json")) >/dev/null; then
		pass "$3"
	else
		fail "$3"
		diff -r -x vmcore-report.log "$a" "$b" | head -n 8 | sed 's/^/       /'
	fi
}

# Groups of dumps of one memory image: the idle guest, the panicked guest,
# and the capture kernel's dumps of one crash.
dump_group() {
	case $(basename "$1") in
	vmcore*) echo idle ;;
	panic*) echo panic ;;
	*) echo kdump ;;
	esac
}

nfix=0
i=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	arch=$(fixture_arch "$fx")
	nfix=$((nfix + 1))
	declare -A first=() first_label=()
	# One dump per line; a split dump is its parts on one line.
	while read -r dump; do
		[ -n "$dump" ] || continue
		i=$((i + 1))
		label="$name/${dump#"$fx"/}"
		if ! run_report "$BIN" "$dump" "$fx/vmlinux" "$tmp/$i"; then
			fail "$label: report failed (rc $REPORT_RC): $REPORT_ERR"
			continue
		fi
		pass "$label: report written"
		# The panic dump comes after the capture, but what is checked here
		# does not change after boot.
		check_truth "$fx" "$REPORT_DIR" "$label"
		g=$(dump_group "$dump")
		if [ -z "${first[$g]:-}" ]; then
			first[$g]=$REPORT_DIR
			first_label[$g]=${dump#"$fx"/}
		else
			check_identical "${first[$g]}" "$REPORT_DIR" \
				"$label: same report as ${first_label[$g]}"
		fi
	done < <(fixture_dumps "$fx"; fixture_split_dumps "$fx")
	unset first first_label
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
	echo "######## make one: ../shared/fixtures/mkvmcore.sh x86_64 bookworm          ########"
fi
summary
