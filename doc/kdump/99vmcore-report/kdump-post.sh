#!/bin/sh
# /etc/kdump/post.d/99-vmcore-report in the kdump initramfs (dracut module
# 99vmcore-report): kdump.sh runs it after saving the dump, with the dump's
# exit status as $1.  Finds the directory the dump was saved to (the newest
# PATH/*/vmcore under a mounted file system; PATH from /etc/kdump.conf,
# default /var/crash) and writes the report there.  The debug vmlinux is
# looked up on that file system (e.g. /sysroot when the dump target is the
# root file system) unless VMCORE_REPORT_VMLINUX says where it is.
# VMCORE_REPORT_CONF, KDUMP_CONF and VMCORE_REPORT_CAPTURE (environment)
# are for tests.
set -eu
[ "${1:-0}" = 0 ] || exit 0
conf=${VMCORE_REPORT_CONF:-/etc/vmcore-report.conf}
VMCORE_REPORT=/usr/bin/vmcore-report
# shellcheck disable=SC1090
[ ! -r "$conf" ] || . "$conf"
[ "${VMCORE_REPORT_ENABLE:-1}" != 0 ] || exit 0
path=$(sed -n 's/^[[:space:]]*path[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "${KDUMP_CONF:-/etc/kdump.conf}" 2>/dev/null | tail -n 1)
path=${path:-/var/crash}
best=''
root=''
for mp in $(awk '$3 !~ /^(proc|sysfs|devtmpfs|devpts|tmpfs|ramfs|cgroup2?|securityfs|debugfs|configfs|bpf|pstore|efivarfs|autofs|mqueue|hugetlbfs|tracefs)$/ { print $2 }' /proc/mounts); do
	mp=${mp%/}
	for v in $(ls -1t "$mp$path"/*/vmcore 2>/dev/null | head -n 1); do
		# shellcheck disable=SC3013  # -nt: dash, bash and busybox have it
		if [ -z "$best" ] || [ "$v" -nt "$best" ]; then
			best=$v
			root=$mp
		fi
	done
done
if [ -z "$best" ]; then
	echo "vmcore-report: no saved vmcore under $path on any mounted file system; no report"
	exit 0
fi
export VMCORE_REPORT VMCORE_REPORT_VMLINUX VMCORE_REPORT_ARGS
"${VMCORE_REPORT_CAPTURE:-/usr/bin/vmcore-report-capture}" "$(dirname "$best")" "$root" || true
exit 0
