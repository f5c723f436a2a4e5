#!/usr/bin/env bash
# Issue #6: proc/interrupts, proc/softirqs, proc/stat, proc/loadavg and
# proc/uptime on every fixture (x86_64, arm64, ppc64le, s390x; 6.1, 6.12)
# against the guest's own files in truth/, read 1-80 s before the dump.
#
# Exact: the header (the online CPUs), every row's label in the same
# order, the chip / hwirq / Level-Edge / action columns, the layout with
# the counts masked (each %10u field is 10 wide), the softirq names,
# the keys and field counts of proc/stat, btime, and the formats of
# loadavg and uptime.
#
# Counters only grow (dump >= truth) and by at most RATE x T, where T is
# the time the truth can be older than the dump: at most the dump's
# uptime, and at most the uptime gap plus the 80 s a capture spans (x86_64
# reads uptime at the start of the capture, the others at its end; see
# ../shared/fixtures/README.md "Facts"), plus 3 s for the dump's clock,
# which is the last time the kernel recorded, a tick or so early.
#   - interrupt and softirq counts: RATE 20000/s per CPU field: the
#     busiest source on these guests is the truth's own serial port
#     (ttyS1 on x86_64: ~600/s measured), and a 115200-baud UART cannot
#     raise more than 11520 interrupts a second;
#   - CPU times in USER_HZ ticks: 100/s per CPU (each possible CPU for
#     the "cpu" total), plus 1 for rounding;
#   - ctxt and processes: 10^6/s, only to catch garbage.
# Garbage (a pointer, a wrong offset) is far beyond these bounds.
#
# uptime: at least the truth's and at most 120 s more (the 80 s span
# plus the dump's delay, generously); idle time at least the truth's and
# at most uptime x possible CPUs.  loadavg: loads below 64, running <=
# threads, threads within a factor 2 of the truth's, the last pid not
# behind the truth's (the dump is of a paused guest: running may be 0).
#
# Within the dump, which is a snapshot, the files must agree exactly:
# proc/stat's per-IRQ counts equal the sum of the /proc/interrupts row,
# its "intr" total equals the rows the architecture counts in it, its
# softirq line equals the proc/softirqs columns summed, and uptime's idle
# time equals the "cpu" idle of proc/stat (to rounding).
set -u
. "$(dirname "$0")/../testlib.sh"
. "$(dirname "$0")/../rules.sh"

ONLY='proc/interrupts,proc/softirqs,proc/stat,proc/loadavg,proc/uptime'
CAPTURE_SPAN=80

# The dump the truth was taken from: the QEMU dump of the idle guest, or
# the capture kernel's dump of the crash (a panic dump has lost CPUs).
pick_dump() {
	local d
	if [ -f "$1/vmcore.kdump-zlib" ]; then
		echo "$1/vmcore.kdump-zlib"
		return
	fi
	for d in $(fixture_dumps "$1"); do
		case $(basename "$d") in panic.*) continue ;; esac
		echo "$d"
		return
	done
}

# report_ok DIR PATH: the manifest says "ok" and there is no partial note.
report_ok() {
	grep -qF "{\"path\": \"$2\", \"status\": \"ok\"" \
		"$1/sos_reports/manifest.json" &&
		! grep -q '^# vmcore-report:' "$1/$2"
}

# The awk programs print one line per problem; nothing means all is well.
check_awk() {		# LABEL OUTPUT
	if [ -z "$2" ]; then
		pass "$1"
	else
		fail "$1"
		echo "$2" | head -n 8 | sed 's/^/       /'
	fi
}

# check_counts LABEL TRUTH DUMP NCPU RATE T: same shapes line by line,
# counts monotonic and bounded.
check_counts() {
	local label=$1 truth=$2 dump=$3 ncpu=$4 rate=$5 t=$6 out
	out=$(awk -v ncpu="$ncpu" -v rate="$rate" -v t="$t" "$SHAPE_AWK"'
		FNR == 1 { f++ }
		f == 1 { ts[FNR] = shape($0, ncpu, c); for (i = 0; i <= c[0]; i++) tc[FNR, i] = c[i]; nt = FNR; next }
		f == 2 {
			s = shape($0, ncpu, c)
			if (FNR > nt) { print "extra line: " $0; next }
			if (s != ts[FNR]) { print "line " FNR ": " $0; print "   truth shape " ts[FNR]; print "   dump shape  " s; next }
			for (i = 1; i <= c[0]; i++) {
				d = c[i] - tc[FNR, i]
				if (d < 0) print "line " FNR " field " i ": " c[i] " < truth " tc[FNR, i]
				else if (d > rate * t) print "line " FNR " field " i ": +" d " > " rate "/s x " t " s"
			}
			nd = FNR
		}
		END { if (nd < nt) print "missing lines after " nd }' "$truth" "$dump")
	check_awk "$label" "$out"
}

# Fields of proc/stat: same keys in the same order, same field counts,
# decimal fields; monotonic and bounded counters; btime exact.
check_stat() {		# LABEL T TRUTH DUMP NPOSSIBLE
	check_awk "$1" "$(stat_diff "$4" "$3" "$2" "$5")"
}

# The dump's files against each other (see the header).
check_consistent() {	# LABEL DIR ARCH NCPU
	local d=$2 arch=$3 ncpu=$4 out
	out=$(awk -v arch="$arch" -v ncpu="$ncpu" "$SHAPE_AWK"'
		FNR == 1 { f++ }
		f == 1 && FNR > 1 {
			lab = substr($0, 1, index($0, ":") - 1); gsub(/ /, "", lab)
			shape($0, ncpu, c); s = 0
			for (i = 1; i <= c[0]; i++) s += c[i]
			if (lab ~ /^[0-9]+$/) row[lab] = s
			# what arch_irq_stat_cpu()/irqs_sum put in "intr"
			if (arch == "s390x") counted = (lab ~ /^[0-9]+$/ || lab == "EXT" || lab == "I/O" || lab == "AIO")
			else if (arch == "x86_64") counted = (lab !~ /^(TLB|DFR|PIN|NPI|PIW|PMN|MIS)$/)
			else counted = 1
			if (counted) rows += s
			next
		}
		f == 2 && $1 == "intr" {
			if ($2 != rows) print "intr total " $2 " != rows counted " rows
			for (irq in row) if ($(irq + 3) != row[irq]) print "irq " irq ": intr " $(irq + 3) " != row " row[irq]
		}
		f == 2 && $1 == "softirq" { for (i = 3; i <= NF; i++) stat_soft[i - 2] = $i; nsoft = NF - 2 }
		f == 2 && $1 == "cpu" { stat_idle = $5 }
		f == 3 && FNR > 1 { s = 0; for (i = 2; i <= NF; i++) s += $i; soft[FNR - 1] = s }
		f == 4 { up_idle = $2 }
		END {
			for (i = 1; i <= nsoft; i++) if (soft[i] != stat_soft[i]) print "softirq " i ": stat " stat_soft[i] " != softirqs " soft[i]
			d = up_idle * 100 - stat_idle; if (d < 0) d = -d
			if (d > ncpu + 1) print "uptime idle " up_idle " s vs stat idle " stat_idle " ticks"
		}' "$d/proc/interrupts" "$d/proc/stat" "$d/proc/softirqs" "$d/proc/uptime")
	check_awk "$1" "$out"
}

nfix=0
for fx in $(fixture_list); do
	name=$(basename "$fx")
	arch=$(fixture_arch "$fx")
	dump=$(pick_dump "$fx")
	[ -n "$dump" ] || continue
	[ -f "$fx/truth/proc/interrupts" ] || continue
	nfix=$((nfix + 1))
	label="$name/${dump#"$fx"/}"
	out="$tmp/$name"
	if ! timeout 300 "$BIN" --vmcore "$dump" --vmlinux "$fx/vmlinux" -o "$out" \
		--build --only "$ONLY" >/dev/null 2>"$tmp/$name.err"; then
		fail "$label: report failed: $(head -c 300 "$tmp/$name.err")"
		continue
	fi
	r=$(echo "$out"/sosvmcore-*)
	missing=
	for f in interrupts softirqs stat loadavg uptime; do
		if report_ok "$r" "proc/$f"; then
			pass "$label proc/$f written, status ok"
		else
			fail "$label proc/$f: not ok: $(head -c 200 "$r/proc/$f")"
			missing=1
		fi
	done
	[ -z "$missing" ] || continue
	T="$fx/truth/proc"

	ncpu=$(head -n 1 "$T/interrupts" | wc -w)
	npossible=$(head -n 1 "$T/softirqs" | wc -w)

	# uptime first: it bounds the time since the truth
	up=$(cut -d' ' -f1 "$r/proc/uptime")
	t_up=$(cut -d' ' -f1 "$T/uptime")
	t=$(awk -v u="$up" -v tu="$t_up" -v span=$CAPTURE_SPAN \
		'BEGIN { g = u - tu + span; if (u < g) g = u; printf "%d", g + 3 }')
	if grep -qxE '[0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2}' "$r/proc/uptime" &&
	   awk -v u="$up" -v tu="$t_up" -v i="$(cut -d' ' -f2 "$r/proc/uptime")" \
		-v ti="$(cut -d' ' -f2 "$T/uptime")" -v span=$CAPTURE_SPAN \
		-v np="$npossible" \
		'BEGIN { exit !(u >= tu && u <= tu + span + 40 && i >= ti && i <= np * u + 1) }'; then
		pass "$label proc/uptime: $(cat "$r/proc/uptime") after $(cat "$T/uptime")"
	else
		fail "$label proc/uptime: $(cat "$r/proc/uptime") vs truth $(cat "$T/uptime")"
	fi

	# loadavg: the format, load in range, threads near the truth's,
	# running <= threads, last pid not behind the truth's
	if grep -qxE '[0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+/[0-9]+ [0-9]+' "$r/proc/loadavg" &&
	   awk 'FNR == 1 { f++ } { split($4, rt, "/") }
		f == 1 { tthreads = rt[2]; tpid = $5 }
		f == 2 { ok = $1 < 64 && $2 < 64 && $3 < 64 && rt[1] <= rt[2] &&
			 rt[2] >= tthreads / 2 && rt[2] <= tthreads * 2 && $5 >= tpid }
		END { exit !ok }' "$T/loadavg" "$r/proc/loadavg"; then
		pass "$label proc/loadavg: $(cat "$r/proc/loadavg") after $(cat "$T/loadavg")"
	else
		fail "$label proc/loadavg: $(cat "$r/proc/loadavg") vs truth $(cat "$T/loadavg")"
	fi

	check_same "$label proc/interrupts header" <(head -n 1 "$r/proc/interrupts") \
		<(head -n 1 "$T/interrupts")
	check_same "$label proc/interrupts row labels" \
		<(cut -d: -f1 "$r/proc/interrupts") <(cut -d: -f1 "$T/interrupts")
	check_counts "$label proc/interrupts layout, columns, counts (<= $IRQ_RATE/s x $t s)" \
		"$T/interrupts" "$r/proc/interrupts" "$ncpu" $IRQ_RATE "$t"
	check_same "$label proc/softirqs header and names" \
		<(cut -d: -f1 "$r/proc/softirqs") <(cut -d: -f1 "$T/softirqs")
	check_counts "$label proc/softirqs layout, counts (<= $IRQ_RATE/s x $t s)" \
		"$T/softirqs" "$r/proc/softirqs" "$npossible" $IRQ_RATE "$t"
	check_stat "$label proc/stat keys, fields, btime, counters (T $t s)" \
		"$t" "$T/stat" "$r/proc/stat" "$npossible"
	check_consistent "$label interrupts, stat, softirqs, uptime agree" \
		"$r" "$arch" "$ncpu"
done

if [ "$nfix" -eq 0 ]; then
	echo "######## NO FIXTURE in $(fixture_cache): integration tests SKIPPED ########"
fi
summary
