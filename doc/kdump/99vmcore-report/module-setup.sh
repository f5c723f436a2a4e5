#!/bin/bash
# dracut module: vmcore-report in the kdump initramfs of kexec-tools /
# kdump-utils (Fedora, RHEL, ...).  Enable it in /etc/kdump.conf with
#
#   dracut_args --add vmcore-report
#
# and rebuild the kdump initramfs (kdumpctl rebuild; systemctl restart kdump).
# It installs the static vmcore-report and a kdump post hook
# (/etc/kdump/post.d/99-vmcore-report) that, after the dump is saved,
# writes the report next to it.  /etc/vmcore-report.conf, when present, is
# read by the hook (VMCORE_REPORT_ENABLE=0, VMCORE_REPORT_VMLINUX=...,
# VMCORE_REPORT_ARGS=...).

check() {
	require_binaries @BINDIR@/vmcore-report || return 1
	# only when asked for (dracut_args --add vmcore-report)
	return 255
}

depends() {
	return 0
}

# shellcheck disable=SC2154  # moddir is set by dracut
install() {
	inst_binary @BINDIR@/vmcore-report /usr/bin/vmcore-report
	inst_script @DATADIR@/vmcore-report-capture /usr/bin/vmcore-report-capture
	inst_script "$moddir/kdump-post.sh" /etc/kdump/post.d/99-vmcore-report
	[ ! -f /etc/vmcore-report.conf ] || inst_simple /etc/vmcore-report.conf
	inst_multiple -o awk sed sort tail head ls sync uname
}
