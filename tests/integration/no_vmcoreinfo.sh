#!/usr/bin/env bash
# Issue #4: dumps without VMCOREINFO.  QEMU's ppc64el and s390x dumps never
# have one (the skeleton test covers them); here the x86_64 and arm64
# kdump dumps get theirs removed (sub-header size zeroed, note renamed),
# and the report must still match the guest's files, finding the note in
# the dumped memory and saying so in the manifest.
set -u
. "$(dirname "$0")/../testlib.sh"

# strip_vmcoreinfo IN OUT: a copy of a 64-bit kdump-compressed dump whose
# kdump_sub_header.size_vmcoreinfo (offset 40, header v3+) is zero and whose
# ELF notes no longer name a VMCOREINFO note.
strip_vmcoreinfo() {
	local in=$1 out=$2 bs off
	cp "$in" "$out"
	bs=$(od -An -tu4 -j $((8 + 4 + 390 + 6 + 16 + 4)) -N4 "$in" | tr -d ' ')
	dd if=/dev/zero of="$out" bs=1 seek=$((bs + 40)) count=8 conv=notrunc status=none
	for off in $(head -c 4194304 "$in" | grep -obUa VMCOREINFO | cut -d: -f1); do
		printf X | dd of="$out" bs=1 seek="$off" conv=notrunc status=none
	done
}

n=0
for fx in $(fixture_list); do
	case $(fixture_arch "$fx") in x86_64|aarch64) ;; *) continue ;; esac
	[ -f "$fx/vmcore.kdump-zlib" ] || continue
	n=$((n + 1))
	name=$(basename "$fx")
	strip_vmcoreinfo "$fx/vmcore.kdump-zlib" "$tmp/stripped"
	if "$BIN" --info --vmcore "$tmp/stripped" | grep -q '^no VMCOREINFO'; then
		pass "$name: VMCOREINFO removed from the copy"
	else
		fail "$name: could not remove VMCOREINFO from the copy"
		continue
	fi
	if ! run_report "$BIN" "$tmp/stripped" "$fx/vmlinux" "$tmp/$n"; then
		fail "$name: no report without VMCOREINFO: $REPORT_ERR"
		continue
	fi
	for f in proc/version proc/cmdline proc/sys/kernel/osrelease proc/modules; do
		check_same "$name (no VMCOREINFO) $f" "$REPORT_DIR/$f" "$fx/truth/$f"
	done
	if grep -q '"vmcoreinfo": "memory scan"' "$REPORT_DIR/sos_reports/manifest.json"; then
		pass "$name: manifest says the note came from a memory scan"
	else
		fail "$name: manifest: $(grep '"vmcoreinfo"' "$REPORT_DIR/sos_reports/manifest.json")"
	fi
	rm -f "$tmp/stripped"
done
[ "$n" -gt 0 ] || echo "######## NO x86_64/arm64 FIXTURE: no-VMCOREINFO tests SKIPPED ########"
summary
