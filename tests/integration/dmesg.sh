#!/usr/bin/env bash
# The kernel log: sos_commands/kernel/dmesg and dmesg_-T on every dump of
# every fixture (all architectures, 6.1 and 6.12).
#
# - truth/dmesg.txt (the guest's own dmesg, captured shortly before the
#   dump) is a prefix of ours, line for line and byte for byte; the dump
#   may only add a bounded number of lines at the end;
# - a panic dump has the panic in those extra lines;
# - dmesg_-T has the same lines with wall-clock prefixes, the RTC's
#   "setting system clock to ..." line at the time it names and the panic
#   at the crash time of the manifest;
# - x86_64-bookworm-kdump: ours equals makedumpfile --dump-dmesg's
#   kdump/dmesg.txt (which indents continuation lines as util-linux does);
# - dumps of one memory image give the same log;
# - on a copy of an x86_64 ELF dump with the ring buffer damaged, a corrupt
#   record ends with a note, never a crash or a hang.
set -u
. "$(dirname "$0")/../testlib.sh"

# Lines a dump may have after the capture: the panic and its backtrace
# (about 45 on these guests), the crasher's and the capture's messages.
MAX_EXTRA=200
ONLY='sos_commands/kernel/dmesg*'
NOTE='# vmcore-report:'

# run_dmesg VMCOREINFO VMLINUX OUTDIR [ARGS]: the dmesg files as a
# .tar.xz, extracted; sets REPORT_RC, REPORT_ERR and REPORT_DIR.
run_dmesg() {
	local vmcore=$1 vmlinux=$2 out=$3 archive
	shift 3
	mkdir -p "$out"
	REPORT_DIR=
	archive=$(timeout 120 "$BIN" --vmcore "$vmcore" --vmlinux "$vmlinux" \
		  -o "$out" --only "$ONLY" "$@" 2>"$out/stderr")
	REPORT_RC=$?
	REPORT_ERR=$(head -c 300 "$out/stderr")
	[ "$REPORT_RC" -eq 0 ] || return 1
	mkdir -p "$out/x"
	tar -xJf "$archive" -C "$out/x" || return 1
	REPORT_DIR=$(echo "$out"/x/sosvmcore-*)
	[ -d "$REPORT_DIR" ]
}

emitter_ok() {		# REPORT_DIR PATH: the manifest says "ok"
	grep -qF "{\"path\": \"$2\", \"status\": \"ok\"" \
		"$1/sos_reports/manifest.json"
}

strip_prefix() {	# the text of each line, without "[...] "
	sed 's/^\[[^]]*\] //' "$1"
}

# "Sat Nov 28 06:51:25 2026" -> seconds since the epoch
ctime_epoch() {
	date -u -d "$(echo "$1" | awk '{print $2, $3, $5, $4}')" +%s
}

# The -T time of the first line matching PATTERN, in seconds.
line_epoch() {		# FILE PATTERN
	local l
	l=$(grep -m1 -F -- "$2" "$1") || return 1
	l=${l#[}
	ctime_epoch "${l%%]*}"
}

CTIME_RE='^\[(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}\] '

check_dmesg() {		# FIXTURE DUMP REPORT_DIR LABEL
	local fx=$1 dump=$2 r=$3 label=$4 ours truth n m extra t want crash
	ours=$r/sos_commands/kernel/dmesg
	truth=$fx/truth/dmesg.txt
	if emitter_ok "$r" sos_commands/kernel/dmesg &&
	   emitter_ok "$r" sos_commands/kernel/dmesg_-T; then
		pass "$label: dmesg, dmesg_-T ok in the manifest"
	else
		fail "$label: dmesg or dmesg_-T not ok: $(head -c 200 "$ours")"
		return
	fi
	if grep -qF -- "$NOTE" "$ours" "$r/sos_commands/kernel/dmesg_-T"; then
		fail "$label: a note in the log: $(grep -hF -- "$NOTE" "$ours" | head -n 1)"
	else
		pass "$label: no note"
	fi
	n=$(wc -l <"$truth")
	m=$(wc -l <"$ours")
	if head -n "$n" "$ours" | cmp -s - "$truth"; then
		pass "$label: truth/dmesg.txt ($n lines) is a prefix"
	else
		fail "$label: truth/dmesg.txt is not a prefix of dmesg"
		diff <(head -n "$n" "$ours") "$truth" | head -n 6 | sed 's/^/       /'
	fi
	extra=$((m - n))
	if [ "$extra" -ge 0 ] && [ "$extra" -le "$MAX_EXTRA" ]; then
		pass "$label: $extra lines after the truth"
	else
		fail "$label: $extra lines after the truth (0..$MAX_EXTRA)"
	fi
	case $(basename "$dump") in
	vmcore*) ;;
	*)	# a panic: sysrq-c's messages, after the capture
		for want in 'sysrq: Trigger a crash' 'Kernel panic - not syncing'; do
			if tail -n "+$((n + 1))" "$ours" | grep -qF -- "$want"; then
				pass "$label: \"$want\" after the truth"
			else
				fail "$label: no \"$want\" after the truth"
			fi
		done ;;
	esac

	# dmesg -T: the same text, wall-clock prefixes.
	t=$r/sos_commands/kernel/dmesg_-T
	if cmp -s <(strip_prefix "$ours") <(strip_prefix "$t") &&
	   [ "$(grep -cvE "$CTIME_RE" "$t")" -eq 0 ]; then
		pass "$label: dmesg_-T: same lines, ctime prefixes"
	else
		fail "$label: dmesg_-T differs from dmesg or has bad prefixes"
		grep -vE "$CTIME_RE" "$t" | head -n 3 | sed 's/^/       /'
	fi
	# rtc_cmos / rtc-pl031 / rtc-generic: "setting system clock to
	# 2026-11-28T06:51:07 UTC (1795848667)", printed as the clock is set.
	want=$(sed -n 's/.*setting system clock to .* UTC (\([0-9]*\))$/\1/p' "$ours" | head -n 1)
	if [ -n "$want" ]; then
		got=$(line_epoch "$t" "setting system clock to")
		if [ -n "$got" ] && [ $((got - want)) -ge -1 ] && [ $((got - want)) -le 1 ]; then
			pass "$label: dmesg_-T: the RTC line at the RTC's time"
		else
			fail "$label: dmesg_-T: the RTC line at $got, the RTC says $want"
		fi
	fi
	crash=$(sed -n 's/.*"crash_time": "\(.*\)Z".*/\1/p' "$r/sos_reports/manifest.json")
	[ -n "$crash" ] && crash=$(date -u -d "$crash" +%s)
	# The last record is from before the crash time (VMCOREINFO's, or
	# the timekeeper's xtime), and from the same boot.
	got=$(tail -n 1 "$t")
	got=${got#[}
	got=$(ctime_epoch "${got%%]*}")
	if [ -n "$crash" ] && [ -n "$got" ] && [ $((crash - got)) -ge -1 ] &&
	   [ $((crash - got)) -le 600 ]; then
		pass "$label: dmesg_-T: the last record $((crash - got)) s before the crash time"
	else
		fail "$label: dmesg_-T: the last record at ${got:-?}, the crash at ${crash:-?}"
	fi
	if grep -qF 'Kernel panic - not syncing' "$ours" && [ -n "$crash" ]; then
		got=$(line_epoch "$t" 'Kernel panic - not syncing')
		if [ -n "$got" ] && [ $((crash - got)) -ge -2 ] && [ $((crash - got)) -le 2 ]; then
			pass "$label: dmesg_-T: the panic at the crash time"
		else
			fail "$label: dmesg_-T: the panic at $got, the crash at $crash"
		fi
	fi
}

# makedumpfile --dump-dmesg indents the lines of a multi-line record by
# the prefix's width, as util-linux's dmesg does; give them the prefix.
# Since 1.7.5 it also prints the caller id ("[      T0] ") after the time,
# which dmesg shows only with CONFIG_PRINTK_CALLER (off in Debian): drop it.
makedumpfile_prefixed() {
	awk '/^\[/ { w = index($0, "] ") + 1; p = substr($0, 1, w)
		     rest = substr($0, w + 1)
		     if (match(rest, /^\[ *[TC][0-9]+\] /)) {
			     w += RLENGTH; rest = substr(rest, RLENGTH + 1)
		     }
		     print p rest; next }
	     { print p substr($0, w + 1) }' "$1"
}

# ---------------------------------------------------------------- damage
# A copy of an x86_64 QEMU ELF dump with the ring buffer's bytes changed in
# place.  Kernel-image addresses become file offsets through VMCOREINFO
# (KERNELOFFSET is already in SYMBOL(); phys_base) and the PT_LOADs.

vmcoreinfo() {		# DUMP KEY
	head -c 65536 "$1" | strings -n 4 | sed -n "s/^$2=//p" | head -n 1
}

u64_at() {		# FILE OFFSET: little-endian, as hex
	od -An -tx8 -j "$2" -N8 "$1" | tr -d ' \n'
}

put_hex() {		# FILE OFFSET HEXBYTES ("ff00...")
	local s=${3} out= i
	for ((i = 0; i < ${#s}; i += 2)); do out+="\\x${s:i:2}"; done
	printf "$out" | dd of="$1" bs=1M seek="$2" oflag=seek_bytes conv=notrunc status=none
}

put_u64() {		# FILE OFFSET VALUE (little-endian)
	local v hex= i
	v=$(printf '%016x' "$3")
	for ((i = 14; i >= 0; i -= 2)); do hex+=${v:i:2}; done
	put_hex "$1" "$2" "$hex"
}

fill() {		# FILE OFFSET LENGTH OCTAL_BYTE
	head -c "$3" /dev/zero | tr '\0' "\\$4" |
		dd of="$1" bs=1M seek="$2" oflag=seek_bytes conv=notrunc status=none
}

save() {		# FILE OFFSET LENGTH SAVEFILE
	dd if="$1" of="$4" bs=1M skip="$2" count="$3" \
	   iflag=skip_bytes,count_bytes status=none
}

restore() {		# FILE OFFSET SAVEFILE
	dd if="$3" of="$1" bs=1M seek="$2" oflag=seek_bytes conv=notrunc status=none
}

# File offset of a kernel-image virtual address (x86_64).
KIMG=$((0xffffffff80000000))
foff() {
	local phys=$(($1 - KIMG + PHYS_BASE)) type off va pa size rest
	while read -r type off va pa size rest; do
		if [ "$type" = LOAD ] && [ $((phys - pa)) -ge 0 ] &&
		   [ $((phys - pa - size)) -lt 0 ]; then
			echo $((off + phys - pa))
			return
		fi
	done <"$PHDRS"
	echo "no PT_LOAD for $1" >&2
	echo 0
}

in_kimg() {		# ADDR: in the kernel image mapping
	[ $(($1 - KIMG)) -ge 0 ] && [ $(($1 - KIMG)) -lt $((1 << 30)) ]
}

damaged() {		# LABEL: run on $DUMP; REPORT_DIR; fails on crash/hang
	if run_dmesg "$DUMP" "$VMLINUX" "$tmp/dmg-$1"; then
		return 0
	fi
	fail "damage $1: report failed (rc $REPORT_RC): $REPORT_ERR"
	return 1
}

has_note() {		# LABEL FILE TEXT
	if grep -qF -- "$NOTE partial - " "$2" && grep -qF -- "$3" "$2"; then
		pass "damage $1: a note: $(grep -F -- "$NOTE" "$2" | head -n 1 | cut -c 1-150)"
	else
		fail "damage $1: no note with \"$3\": $(tail -n 1 "$2" | cut -c 1-150)"
	fi
}

check_damage() {	# FIXTURE
	local fx=$1 prb rb descs infos data count_bits size_bits head tail
	local clean lines off o ours
	DUMP=$tmp/damaged.elf
	VMLINUX=$fx/vmlinux
	PHYS_BASE=$(vmcoreinfo "$fx/vmcore.elf" 'NUMBER(phys_base)')
	prb=$(vmcoreinfo "$fx/vmcore.elf" 'SYMBOL(prb)')
	if [ -z "$PHYS_BASE" ] || [ -z "$prb" ]; then
		note "damage tests skipped: no phys_base or SYMBOL(prb) in $fx/vmcore.elf"
		return
	fi
	cp --sparse=always "$fx/vmcore.elf" "$DUMP" || { fail "copy of $fx/vmcore.elf"; return; }
	PHDRS=$tmp/phdrs
	readelf -lW "$DUMP" >"$PHDRS"
	vci() { vmcoreinfo "$DUMP" "$1"; }
	rb=0x$(u64_at "$DUMP" "$(foff "0x$prb")")
	local dr=$(vci 'OFFSET(printk_ringbuffer.desc_ring)')
	local tr=$(vci 'OFFSET(printk_ringbuffer.text_data_ring)')
	descs=0x$(u64_at "$DUMP" "$(foff $((rb + dr + $(vci 'OFFSET(prb_desc_ring.descs)'))))")
	infos=0x$(u64_at "$DUMP" "$(foff $((rb + dr + $(vci 'OFFSET(prb_desc_ring.infos)'))))")
	data=0x$(u64_at "$DUMP" "$(foff $((rb + tr + $(vci 'OFFSET(prb_data_ring.data)'))))")
	count_bits=$(od -An -tu4 -j "$(foff $((rb + dr + $(vci 'OFFSET(prb_desc_ring.count_bits)'))))" -N4 "$DUMP" | tr -d ' ')
	size_bits=$(od -An -tu4 -j "$(foff $((rb + tr + $(vci 'OFFSET(prb_data_ring.size_bits)'))))" -N4 "$DUMP" | tr -d ' ')
	if ! in_kimg "$rb" || ! in_kimg "$descs" || ! in_kimg "$infos" || ! in_kimg "$data"; then
		note "damage tests skipped: the ring buffer is not in the kernel image (log_buf_len=?)"
		return
	fi
	local tail_off=$(foff $((rb + dr + $(vci 'OFFSET(prb_desc_ring.tail_id)'))))
	local head_off=$(foff $((rb + dr + $(vci 'OFFSET(prb_desc_ring.head_id)'))))
	local desc_size=$(vci 'SIZE(prb_desc)') info_size=$(vci 'SIZE(printk_info)')
	local lpos_off=$(vci 'OFFSET(prb_desc.text_blk_lpos)')
	local len_off=$(vci 'OFFSET(printk_info.text_len)')
	local count=$((1 << count_bits)) ring=$((1 << size_bits))
	head=0x$(u64_at "$DUMP" "$head_off")
	tail=0x$(u64_at "$DUMP" "$tail_off")

	damaged clean || return
	clean=$tmp/clean-dmesg
	cp "$REPORT_DIR/sos_commands/kernel/dmesg" "$clean"
	lines=$(wc -l <"$clean")
	if head -n "$(wc -l <"$fx/truth/dmesg.txt")" "$clean" |
	   cmp -s - "$fx/truth/dmesg.txt"; then
		pass "damage: the copy reads as the original ($lines lines)"
	else
		fail "damage: the copy does not read as the original"
		return
	fi

	# 1. 4 KiB of 0xff in the used part of the text ring.
	off=$(foff $((data + 8192)))
	save "$DUMP" "$off" 4096 "$tmp/save"
	fill "$DUMP" "$off" 4096 377
	if damaged text; then
		ours=$REPORT_DIR/sos_commands/kernel/dmesg
		has_note text "$ours" "corrupt record(s) skipped"
		o=$(grep -cvF -- "$NOTE" "$ours")
		if [ "$o" -lt "$lines" ] && [ "$o" -gt $((lines - 100)) ]; then
			pass "damage text: $o of $lines lines left"
		else
			fail "damage text: $o of $lines lines left"
		fi
	fi
	restore "$DUMP" "$off" "$tmp/save"

	# 2. Every descriptor garbage: nothing to read, a note.
	off=$(foff "$descs")
	save "$DUMP" "$off" $((count * desc_size)) "$tmp/save"
	fill "$DUMP" "$off" $((count * desc_size)) 245
	if damaged descs; then
		has_note descs "$REPORT_DIR/sos_commands/kernel/dmesg" "holds id"
	fi
	restore "$DUMP" "$off" "$tmp/save"

	# 3. tail_id five laps behind head_id: the last lap is read.
	put_u64 "$DUMP" "$tail_off" $((head - 5 * count))
	if damaged tail; then
		ours=$REPORT_DIR/sos_commands/kernel/dmesg
		has_note tail "$ours" "more than $count descriptors apart"
		if grep -vF -- "$NOTE" "$ours" | cmp -s - "$clean"; then
			pass "damage tail: every record still read"
		else
			fail "damage tail: records lost"
		fi
	fi
	put_u64 "$DUMP" "$tail_off" "$tail"

	# 4. A control character in a record's text is escaped as dmesg does.
	off=$(foff "$data")
	o=$(dd if="$DUMP" bs=1M skip="$off" count="$ring" iflag=skip_bytes,count_bytes status=none |
	    grep -boaF 'Command line: ' | head -n 1 | cut -d: -f1)
	if [ -n "$o" ]; then
		put_hex "$DUMP" $((off + o + 13)) 01
		if damaged ctrl &&
		   grep -qF 'Command line:\x01' "$REPORT_DIR/sos_commands/kernel/dmesg"; then
			pass "damage ctrl: \\x01 escaped"
		else
			fail "damage ctrl: no \\x01 in: $(grep -F 'Command line:' "$REPORT_DIR/sos_commands/kernel/dmesg" | cut -c 1-80)"
		fi
		put_hex "$DUMP" $((off + o + 13)) 20
	else
		fail "damage ctrl: no \"Command line: \" in the text ring"
	fi

	# 5. text_len of the record with seq 1 beyond its block.
	off=$(foff $((infos + info_size + len_off)))
	save "$DUMP" "$off" 2 "$tmp/save"
	put_hex "$DUMP" "$off" ffff
	if damaged text_len; then
		ours=$REPORT_DIR/sos_commands/kernel/dmesg
		has_note text_len "$ours" "bytes of text in a"
		if [ "$(grep -cvF -- "$NOTE" "$ours")" -eq $((lines - 1)) ]; then
			pass "damage text_len: one record skipped"
		else
			fail "damage text_len: $(grep -cvF -- "$NOTE" "$ours") of $lines lines"
		fi
	fi
	restore "$DUMP" "$off" "$tmp/save"

	# 6. A misaligned text block (seq 2).
	off=$(foff $((descs + 2 * desc_size + lpos_off)))
	save "$DUMP" "$off" 8 "$tmp/save"
	put_u64 "$DUMP" "$off" 5
	if damaged lpos; then
		has_note lpos "$REPORT_DIR/sos_commands/kernel/dmesg" "bad text block"
	fi
	restore "$DUMP" "$off" "$tmp/save"
	rm -f "$DUMP"
}

# ---------------------------------------------------------------- main
nfix=0
i=0
damage_fx=
for fx in $(fixture_list); do
	name=$(basename "$fx")
	nfix=$((nfix + 1))
	[ -f "$fx/truth/dmesg.txt" ] || { note "$name: no truth/dmesg.txt"; continue; }
	if [ -z "$damage_fx" ] && [ "$(fixture_arch "$fx")" = x86_64 ] &&
	   [ -f "$fx/vmcore.elf" ]; then
		damage_fx=$fx
	fi
	declare -A first=() first_label=()
	for dump in $(fixture_dumps "$fx"); do
		i=$((i + 1))
		label="$name/${dump#"$fx"/}"
		if ! run_dmesg "$dump" "$fx/vmlinux" "$tmp/$i"; then
			fail "$label: report failed (rc $REPORT_RC): $REPORT_ERR"
			continue
		fi
		check_dmesg "$fx" "$dump" "$REPORT_DIR" "$label"
		if [ -f "$fx/kdump/dmesg.txt" ] && [ "${dump#"$fx"/kdump/}" != "$dump" ]; then
			if cmp -s <(makedumpfile_prefixed "$fx/kdump/dmesg.txt") \
				  "$REPORT_DIR/sos_commands/kernel/dmesg"; then
				pass "$label: same as makedumpfile --dump-dmesg"
			else
				fail "$label: differs from makedumpfile --dump-dmesg"
				diff <(makedumpfile_prefixed "$fx/kdump/dmesg.txt") \
				     "$REPORT_DIR/sos_commands/kernel/dmesg" | head -n 6 | sed 's/^/       /'
			fi
		fi
		# Dumps of one memory image: the idle guest, the panicked guest,
		# the capture kernel's dumps of one crash.
		case $(basename "$dump") in
		vmcore*) g=idle ;; panic*) g=panic ;; *) g=kdump ;;
		esac
		if [ -z "${first[$g]:-}" ]; then
			first[$g]=$REPORT_DIR
			first_label[$g]=${dump#"$fx"/}
		elif diff -r "${first[$g]}/sos_commands" "$REPORT_DIR/sos_commands" >/dev/null; then
			pass "$label: same log as ${first_label[$g]}"
		else
			fail "$label: log differs from ${first_label[$g]}"
		fi
	done
	unset first first_label
	rm -rf "$tmp"/[0-9]*
done

if [ -n "$damage_fx" ]; then
	check_damage "$damage_fx"
elif [ "$nfix" -gt 0 ]; then
	note "damage tests skipped: no x86_64 fixture with vmcore.elf"
fi

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
	echo "######## make one: ../shared/fixtures/mkvmcore.sh x86_64 bookworm          ########"
fi
summary
