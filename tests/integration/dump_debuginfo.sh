#!/usr/bin/env bash
# Issue #11: reports without a vmlinux.  On every fixture, the report made
# from the dump alone (symbols from kallsyms, types from BTF) must equal
# the one made with the debug vmlinux and --types=dwarf (ELF symbols,
# DWARF types), file for file; so must the one made with --types=btf and
# the default one (types from the vmlinux's own .BTF when it has one).  Only sos_logs/ and the
# manifest may differ (the manifest names the sources).  A kernel built
# without CONFIG_DEBUG_INFO_BTF or CONFIG_KALLSYMS_ALL (Debian's 6.1 for
# arm64, ppc64el, s390x) does not keep enough: the run must fail with a
# message naming what is missing, and leave no archive.
set -u
. "$(dirname "$0")/../testlib.sh"

config_has() {
	grep -qx "$2=y" "$1/config" 2>/dev/null
}

# report NAME OUTDIR ARGS...: a --build report; prints its folder.
report() {
	local out=$1
	shift
	mkdir -p "$out"
	"$BIN" "$@" --build -o "$out" 2>"$out/stderr"
}

# compare LABEL DIR_A DIR_B: same files, same bytes, but logs and manifest.
compare() {
	local label=$1 a=$2 b=$3 n bad
	(cd "$a" && find . -type f ! -path './sos_logs/*' ! -name manifest.json | sort) >"$tmp/la"
	(cd "$b" && find . -type f ! -path './sos_logs/*' ! -name manifest.json | sort) >"$tmp/lb"
	if ! cmp -s "$tmp/la" "$tmp/lb"; then
		fail "$label: the file lists differ"
		diff "$tmp/la" "$tmp/lb" | head -n 6 | sed 's/^/       /'
		return
	fi
	n=$(wc -l <"$tmp/la")
	bad=$(cd "$a" && while read -r f; do cmp -s "$f" "$b/$f" || echo "$f"; done <"$tmp/la")
	if [ -n "$bad" ]; then
		fail "$label: $(echo "$bad" | wc -l) of $n files differ: $(echo "$bad" | head -n 5 | tr '\n' ' ')"
		f=$(echo "$bad" | head -n 1)
		diff "$a/$f" "$b/$f" | head -n 6 | sed 's/^/       /'
	elif [ "$n" -lt 100 ]; then
		fail "$label: only $n files"
	else
		pass "$label: $n files equal"
	fi
}

checked=0
while read -r fx; do
	name=$(basename "$fx")
	dump=$(primary_dump "$fx")
	[ -n "$dump" ] || continue
	btf=0; all=0
	config_has "$fx" CONFIG_DEBUG_INFO_BTF && btf=1
	config_has "$fx" CONFIG_KALLSYMS_ALL && all=1
	ref=$(report "$tmp/$name/ref" --vmcore "$dump" --vmlinux "$fx/vmlinux" \
		--types=dwarf)
	if [ -z "$ref" ]; then
		fail "$name: report with the vmlinux: $(cat "$tmp/$name/ref/stderr")"
		continue
	fi
	checked=$((checked + 1))
	if [ "$btf" = 1 ]; then
		got=$(report "$tmp/$name/def" --vmcore "$dump" --vmlinux "$fx/vmlinux")
		if [ -n "$got" ]; then
			compare "$name: default (vmlinux .BTF)" "$ref" "$got"
			grep -q '"types": "BTF (vmlinux .BTF)"' "$got/sos_reports/manifest.json" &&
				pass "$name: default manifest names the vmlinux's BTF" ||
				fail "$name: the default manifest does not name the vmlinux's BTF"
		else
			fail "$name: default report: $(cat "$tmp/$name/def/stderr")"
		fi
		got=$(report "$tmp/$name/btf" --vmcore "$dump" --vmlinux "$fx/vmlinux" --types=btf)
		if [ -n "$got" ]; then
			compare "$name: --types=btf" "$ref" "$got"
			grep -q '"types": "BTF (dump; --types=btf)"' "$got/sos_reports/manifest.json" &&
				pass "$name: --types=btf manifest" ||
				fail "$name: the --types=btf manifest does not say BTF"
		else
			fail "$name: --types=btf: $(cat "$tmp/$name/btf/stderr")"
		fi
	fi
	got=$(report "$tmp/$name/nov" --vmcore "$dump")
	rc=$?
	if [ "$btf" = 1 ] && [ "$all" = 1 ]; then
		if [ "$rc" -ne 0 ] || [ -z "$got" ]; then
			fail "$name: report without a vmlinux: $(cat "$tmp/$name/nov/stderr")"
			continue
		fi
		compare "$name: no vmlinux" "$ref" "$got"
		if grep -q '"types": "BTF (dump)"' "$got/sos_reports/manifest.json" &&
		   grep -q '"symbols": "kallsyms (dump)"' "$got/sos_reports/manifest.json"; then
			pass "$name: manifest names kallsyms and BTF"
		else
			fail "$name: the manifest does not name kallsyms and BTF"
		fi
		continue
	fi
	# Not enough in this kernel: a clear refusal, nothing left behind.
	want=CONFIG_KALLSYMS_ALL
	[ "$all" = 1 ] && want=CONFIG_DEBUG_INFO_BTF
	if [ "$rc" -eq 1 ] && grep -q "$want" "$tmp/$name/nov/stderr" &&
	   [ -z "$(find "$tmp/$name/nov" -mindepth 1 ! -name stderr)" ]; then
		pass "$name: without a vmlinux, refused: $(cat "$tmp/$name/nov/stderr")"
	else
		fail "$name: without $want, rc $rc: $(cat "$tmp/$name/nov/stderr")"
	fi
	rm -rf "${tmp:?}/$name"
done < <(fixture_list)

if [ "$checked" -eq 0 ]; then
	note "dump_debuginfo: no fixtures"
fi
summary
