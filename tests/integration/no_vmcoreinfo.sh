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
# phys_to_offset ELF PADDR: the file offset of a physical address.
phys_to_offset() {
	local pa=$(($2)) type off va p fsz rest
	while read -r type off va p fsz rest; do
		[ "$type" = LOAD ] || continue
		if [ "$pa" -ge $((p)) ] && [ "$pa" -lt $((p + fsz)) ]; then
			echo $((off + pa - p))
			return
		fi
	done < <(readelf -lW "$1")
}

# No VMCOREINFO anywhere: an x86_64 QEMU ELF dump whose note is renamed in
# the headers and whose copy in the guest's memory (its address is in
# truth/sys/kernel/vmcoreinfo) is defaced.  The page tables then come
# from a CPU's CR3 in QEMU's notes and the KASLR offset from a search for
# linux_banner; the manifest says so.
for fx in $(fixture_list); do
	[ "$(fixture_arch "$fx")" = x86_64 ] || continue
	[ -f "$fx/vmcore.elf" ] && [ -f "$fx/truth/sys/kernel/vmcoreinfo" ] || continue
	name=$(basename "$fx")
	cp --sparse=always "$fx/vmcore.elf" "$tmp/bare.elf"
	for off in $(head -c 1048576 "$fx/vmcore.elf" | grep -obUa VMCOREINFO | cut -d: -f1); do
		printf X | dd of="$tmp/bare.elf" bs=1 seek="$off" conv=notrunc status=none
	done
	note=$(awk '{ print $1 }' "$fx/truth/sys/kernel/vmcoreinfo")
	off=$(phys_to_offset "$fx/vmcore.elf" $((note + 12)))
	[ -n "$off" ] && printf XXXXXXXXXX | dd of="$tmp/bare.elf" bs=1 seek="$off" conv=notrunc status=none
	if ! run_report "$BIN" "$tmp/bare.elf" "$fx/vmlinux" "$tmp/bare-$name"; then
		fail "$name: no report without any VMCOREINFO: $REPORT_ERR"
		continue
	fi
	for f in proc/version proc/cmdline proc/sys/kernel/osrelease proc/modules; do
		check_same "$name (no VMCOREINFO anywhere) $f" "$REPORT_DIR/$f" "$fx/truth/$f"
	done
	if grep -q '"translation": "QEMU CPU state' "$REPORT_DIR/sos_reports/manifest.json" &&
	   grep -q '"vmcoreinfo": null' "$REPORT_DIR/sos_reports/manifest.json"; then
		pass "$name: manifest says translation came from the CPU state"
	else
		fail "$name: manifest: $(grep -e '"translation"' -e '"vmcoreinfo"' "$REPORT_DIR/sos_reports/manifest.json")"
	fi
	rm -f "$tmp/bare.elf"
	n=$((n + 1))
done

[ "$n" -gt 0 ] || echo "######## NO x86_64/arm64 FIXTURE: no-VMCOREINFO tests SKIPPED ########"
summary
