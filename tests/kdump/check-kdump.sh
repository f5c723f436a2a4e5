#!/usr/bin/env bash
# shellcheck disable=SC2054  # commas inside QEMU arguments are not array separators
# make check-kdump: vmcore-report in a real kdump capture kernel.
#
#   tests/kdump/check-kdump.sh VMCORE_REPORT [OUTDIR]
#
# Takes the x86_64-trixie-kdump fixture (made first with fixtures/mkvmcore
# --kdump when the cache lacks it), puts VMCORE_REPORT (the static binary)
# and tests/kdump/capture-init into its capture initramfs, and boots the
# fixture's kernel under QEMU with crashkernel=$CRASHKERNEL (default 192M,
# what Debian trixie's kdump-tools reserves on machines with 512M or more).
# The guest loads the capture kernel with kexec -p and panics (sysrq-c);
# the capture kernel's init runs vmcore-report on /proc/vmcore, with the
# debug vmlinux read from a vfat disk, and writes the archive to that disk.
# The host then checks the archive and prints the report's time and peak
# RSS in the capture kernel.  Prints "N passed, N failed" last.
#
# OUTDIR (default: beside VMCORE_REPORT, kdump-test/) keeps the console log
# and what the capture kernel wrote.  Environment: CRASHKERNEL, MEM (1G),
# FIXTURE (a kdump fixture directory), BOOT_TIMEOUT (s, 900).
set -eu
bin=$(readlink -f "${1:?usage: check-kdump.sh VMCORE_REPORT [OUTDIR]}")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${2:-$(dirname "$bin")/kdump-test}
. "$top/tests/fixtures.sh"
CRASHKERNEL=${CRASHKERNEL:-192M}
MEM=${MEM:-1G}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-900}
fix=${FIXTURE:-$(fixture_cache)/x86_64-trixie-kdump}
t_start=$(date +%s)

log() { echo "[$(date +%T)] $*"; }
die() { echo "FAIL: $*"; echo "0 passed, 1 failed"; exit 1; }

[ -x "$bin" ] || die "$bin: not an executable"
file -L "$bin" | grep -q 'statically linked' ||
	log "warning: $bin is not statically linked (the capture initramfs has no libraries for it)"
for c in qemu-system-x86_64 cpio gzip mformat mcopy; do
	command -v $c >/dev/null || die "$c missing (apt-get install qemu-system-x86 cpio gzip mtools)"
done
if [ ! -e "$fix" ]; then	# made only when absent, never over another
	name=$(basename "$fix")
	case $name in
	x86_64-*-kdump) suite=${name#x86_64-}; suite=${suite%-kdump} ;;
	*) die "$fix: no such fixture (and not named x86_64-SUITE-kdump)" ;;
	esac
	log "making the fixture $fix (about 4 minutes)"
	env -u CRASHKERNEL "$top/fixtures/mkvmcore" --kdump x86_64 "$suite" "$fix" ||
		die "fixtures/mkvmcore --kdump x86_64 $suite $fix failed"
fi
"$top/fixtures/mkvmcore" --check "$fix" >/dev/null 2>&1 || die "$fix: not a complete fixture"
[ -s "$fix/capture.cpio.gz" ] && [ -s "$fix/initramfs.cpio.gz" ] ||
	die "$fix: no capture.cpio.gz (made by ../shared's generator?); make one with fixtures/mkvmcore --kdump"

w=$(mktemp -d -t vmcore-kdump-test.XXXXXX)
qpid=""
catpid=""
cleanup() {
	[ -z "$qpid" ] || kill "$qpid" 2>/dev/null || true
	[ -z "$catpid" ] || kill "$catpid" 2>/dev/null || true
	rm -rf "$w"
}
trap cleanup EXIT
rm -rf "$out"
mkdir -p "$out"

# The capture initramfs: the fixture's (busybox, virtio and vfat modules)
# with our init and binary; then the guest's initramfs carrying it.
log "initramfs: $(basename "$fix") + $bin ($(stat -c %s "$bin") bytes)"
mkdir -p "$w/guest" "$w/capture"
(cd "$w/capture" && gzip -dc "$fix/capture.cpio.gz" | cpio -id --quiet)
rm -f "$w/capture/usr/bin/makedumpfile"
install -D -m 755 "$bin" "$w/capture/usr/bin/vmcore-report"
install -m 755 "$here/capture-init" "$w/capture/init"
(cd "$w/guest" && gzip -dc "$fix/initramfs.cpio.gz" | cpio -id --quiet)
(cd "$w/capture" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -6) \
	> "$w/guest/boot/capture.cpio.gz"
(cd "$w/guest" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -1) \
	> "$w/initramfs.cpio.gz"

# The disk: vfat holding the debug vmlinux; the report is written beside it.
log "disk: vfat with vmlinux ($(stat -c %s "$fix/vmlinux") bytes)"
truncate -s 1G "$w/disk.img"
mformat -i "$w/disk.img" -F -v KDUMP :: >/dev/null
MTOOLS_SKIP_CHECK=1 mcopy -i "$w/disk.img" "$fix/vmlinux" ::/vmlinux

# QEMU, its console through a pipe chardev (FIFOs con.in / con.out).
mkfifo "$w/con.in" "$w/con.out"
: > "$out/console.log"
cat "$w/con.out" >> "$out/console.log" &
catpid=$!
append="console=ttyS0,115200 panic=0 loglevel=7 rdinit=/init crashkernel=$CRASHKERNEL"
qemu=(qemu-system-x86_64 -machine q35 -cpu max -device vmcoreinfo
      -accel tcg,thread=multi -smp 2 -m "$MEM" -nodefaults -display none
      -monitor none -no-reboot -action panic=pause
      -kernel "$fix/vmlinuz" -initrd "$w/initramfs.cpio.gz" -append "$append"
      -chardev "pipe,id=con,path=$w/con" -serial chardev:con
      -drive "file=$w/disk.img,format=raw,if=none,id=kd"
      -device virtio-blk-pci,drive=kd)
printf '%q ' "${qemu[@]}" > "$out/qemu-cmdline.txt"
"${qemu[@]}" > "$out/qemu.stdout" 2>&1 < /dev/null &
qpid=$!
exec {conw}<>"$w/con.in"
t_boot=$(date +%s)

wait_console() {	# PATTERN TIMEOUT WHAT
	local end=$(($(date +%s) + $2))

	while ! grep -aq -- "$1" "$out/console.log"; do
		kill -0 "$qpid" 2>/dev/null || { tail -20 "$out/console.log"; die "QEMU exited while waiting for $3"; }
		[ "$(date +%s)" -lt $end ] || { tail -20 "$out/console.log"; die "timeout ($2 s) waiting for $3"; }
		sleep 2
	done
}
log "booting ($append)"
wait_console '@@FIXTURE-READY@@' "$BOOT_TIMEOUT" "the guest to boot"
grep -aq '@@FIXTURE-KEXEC-OK@@' "$out/console.log" ||
	die "kexec -p failed in the guest (crashkernel=$CRASHKERNEL): $(grep -a 'KEXEC\|crashkernel' "$out/console.log" | head -3)"
log "guest up in $(($(date +%s) - t_boot)) s; panic (sysrq-c)"
t_panic=$(date +%s)
printf 'panic\n' >&"$conw"
wait_console '@@REPORT-CAPTURE-START@@' 600 "the capture kernel"
wait_console '@@REPORT-DONE@@' 1800 "vmcore-report in the capture kernel"
t_done=$(date +%s)
for _ in $(seq 1 60); do kill -0 "$qpid" 2>/dev/null || break; sleep 1; done
kill "$qpid" 2>/dev/null || true
wait "$qpid" 2>/dev/null || true
qpid=""
exec {conw}>&-
MTOOLS_SKIP_CHECK=1 mcopy -s -n -m -i "$w/disk.img" '::/*' "$out/" || die "mcopy from the disk failed"
rm -f "$out/vmlinux"

# The checks.
passed=0 failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
check() {	# DESCRIPTION COMMAND...
	local what=$1

	shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
rc=$(sed -n 's/^rc=\([0-9]*\).*/\1/p' "$out/rc.txt" 2>/dev/null || true)
secs=$(sed -n 's/.*secs=//p' "$out/rc.txt" 2>/dev/null || true)
check "vmcore-report exited 0 in the capture kernel (rc=${rc:-none})" test "${rc:-x}" = 0
archive=$(ls "$out"/sosvmcore-*.tar.xz 2>/dev/null | head -n 1 || true)
check "the archive is on the disk" test -n "$archive"
[ -n "$archive" ] || archive=/nonexistent
check "the archive is a valid tar.xz" tar -tJf "$archive"
mkdir -p "$out/report"
tar -xJf "$archive" -C "$out/report" 2>/dev/null || true
r=$(ls -d "$out"/report/sosvmcore-* 2>/dev/null | head -n 1 || true)
r=${r:-/nonexistent}
not_stub() { [ -s "$1" ] && ! grep -q '^# vmcore-report: stub' "$1"; }
check "proc/meminfo is not a stub" not_stub "$r/proc/meminfo"
check "proc/meminfo has MemTotal" grep -q '^MemTotal:' "$r/proc/meminfo"
check "proc/version names the crashed kernel" grep -q "$(sed -n 's/^kernel-release: //p' "$fix/manifest.txt")" "$r/proc/version"
check "sos_commands/kernel/dmesg has the sysrq crash" grep -q 'sysrq: Trigger a crash' "$r/sos_commands/kernel/dmesg"
check "sos_commands/kernel/uname_-a is not a stub" not_stub "$r/sos_commands/kernel/uname_-a"
check "the guest's processes are in the report" grep -qs 'fixture-long-argv' "$r"/proc/*/cmdline
check "the manifest is there" test -s "$r/sos_reports/manifest.json"
check "the stats are there" grep -q '"peak_rss_kb"' "$out/stats.json"

rss=$(sed -n 's/.*"peak_rss_kb": *\([0-9]*\).*/\1/p' "$out/stats.json" 2>/dev/null || true)
memtotal=$(awk '/^MemTotal:/ { print $2 }' "$out/meminfo-before.txt" 2>/dev/null || true)
avail=$(awk '/^MemAvailable:/ { print $2 }' "$out/meminfo-before.txt" 2>/dev/null || true)
oom=$(grep -c -i 'out of memory\|oom-kill' "$out/capture-dmesg.txt" 2>/dev/null || true)
check "no OOM kill in the capture kernel" test "${oom:-0}" = 0
{
	echo "crashkernel: $CRASHKERNEL (guest memory $MEM)"
	echo "capture kernel: MemTotal ${memtotal:-?} kB, MemAvailable ${avail:-?} kB before the report"
	echo "/proc/vmcore: $(cat "$out/proc-vmcore-ls.txt" 2>/dev/null)"
	echo "report: rc=${rc:-?} in ${secs:-?} s, peak RSS ${rss:-?} kB" \
		"(anonymous: $(sed -n 's/^peak_rss_anon_kb=//p' "$out/rss-anon.txt" 2>/dev/null) kB)"
	grep -E '"(open_ms|total_ms|user_s|sys_s|pages_read)"' "$out/stats.json" 2>/dev/null | tr -d ' ,'
	echo "archive: $(basename "$archive") $(stat -c %s "$archive" 2>/dev/null) bytes, $(tar -tJf "$archive" 2>/dev/null | wc -l) entries"
	if [ -f "$out/no-vmlinux/rc.txt" ]; then
		echo "without vmlinux (kallsyms, BTF; not checked): $(cat "$out/no-vmlinux/rc.txt")," \
			"peak RSS $(sed -n 's/.*"peak_rss_kb": *\([0-9]*\).*/\1/p' "$out/no-vmlinux/stats.json" 2>/dev/null) kB" \
			"(anonymous: $(sed -n 's/^peak_rss_anon_kb=//p' "$out/no-vmlinux/rss-anon.txt") kB)," \
			"$(tar -tJf "$out"/no-vmlinux/sosvmcore-*.tar.xz 2>/dev/null | wc -l) entries"
	fi
	echo "times: boot to ready $((t_panic - t_boot)) s, panic to report done $((t_done - t_panic)) s, whole test $(($(date +%s) - t_start)) s"
} | tee "$out/summary.txt"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
