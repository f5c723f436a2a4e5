#!/usr/bin/env bash
# make install into a DESTDIR (PREFIX=/usr): the binary, the man page, the
# kdump-tools hook and the dracut module; then both hooks run as kdump
# would run them, after a (simulated) save of a fixture's dump, and must
# leave the report next to it.
set -u
# shellcheck source=tests/testlib.sh
. "$(dirname "$0")/../testlib.sh"
# shellcheck disable=SC2154  # here and tmp come from testlib.sh
top=$(cd "$here/../.." && pwd)
# shellcheck disable=SC2154
root=$tmp/root
bdir=$(dirname "$BIN")

# -o: install BIN as it is, never rebuild it
if make -s -C "$top" install PREFIX=/usr DESTDIR="$root" BUILD="$bdir" \
	-o "$bdir/vmcore-report" >"$tmp/make.log" 2>&1; then
	pass "make install"
else
	fail "make install: $(tail -n 3 "$tmp/make.log")"
fi
for f in usr/bin/vmcore-report usr/share/man/man1/vmcore-report.1 \
	 usr/share/vmcore-report/vmcore-report-capture \
	 usr/share/vmcore-report/kdump-tools-savecore \
	 usr/lib/dracut/modules.d/99vmcore-report/module-setup.sh \
	 usr/lib/dracut/modules.d/99vmcore-report/kdump-post.sh; do
	if [ -s "$root/$f" ]; then pass "installed $f"; else fail "not installed: $f"; fi
done
cmp -s "$BIN" "$root/usr/bin/vmcore-report" && pass "installed binary" ||
	fail "installed binary differs from $BIN"
if grep -rq '@[A-Z]*DIR@' "$root/usr/share/vmcore-report" "$root/usr/lib/dracut"; then
	fail "placeholders left: $(grep -rl '@[A-Z]*DIR@' "$root/usr")"
else
	pass "paths substituted"
fi
grep -q 'VMCORE_REPORT_CAPTURE:-/usr/share/vmcore-report/vmcore-report-capture}' \
	"$root/usr/share/vmcore-report/kdump-tools-savecore" &&
grep -q 'inst_binary /usr/bin/vmcore-report ' \
	"$root/usr/lib/dracut/modules.d/99vmcore-report/module-setup.sh" &&
	pass "hooks name the installed paths" || fail "hooks do not name the installed paths"
if bash -n "$root/usr/lib/dracut/modules.d/99vmcore-report/module-setup.sh"; then
	pass "dracut module-setup.sh parses"
else
	fail "dracut module-setup.sh does not parse"
fi
if command -v man >/dev/null && MANWIDTH=80 man -l "$root/usr/share/man/man1/vmcore-report.1" \
	>"$tmp/man.txt" 2>"$tmp/man.err" && [ ! -s "$tmp/man.err" ]; then
	pass "man page renders without warnings"
	for w in --vmcore --vmlinux --output --only --skip --build --force --list --info \
		 --stats --version --help 'EXIT STATUS' EXAMPLES sos_reports/manifest.json; do
		grep -q -- "$w" "$tmp/man.txt" && pass "man page: $w" || fail "man page lacks $w"
	done
else
	note "man page not rendered ($(head -c 300 "$tmp/man.err" 2>/dev/null))"
fi

# The hooks, on the first fixture with an ELF dump (the quickest to read).
fix=""
for d in $(fixture_list); do
	for f in "$d"/vmcore.elf "$d"/kdump/dump.elf-d31; do
		[ -f "$f" ] && { fix=$d; dump=$f; break 2; }
	done
done
if [ -z "$fix" ]; then
	note "no fixture with an ELF dump: the hooks were not run"
	summary
	exit
fi

# kdump-tools: kdump-config savecore (a stand-in here) made
# KDUMP_COREDIR/STAMP/dump.STAMP; the hook writes the report beside it.
cat >"$tmp/kdump-config" <<EOF
#!/bin/sh
[ "\$1" = savecore ] || exit 0
mkdir -p "$tmp/crash/202601020304" && : > "$tmp/crash/202601020304/dump.202601020304"
EOF
chmod +x "$tmp/kdump-config"
cat >"$tmp/kdump-tools" <<EOF
KDUMP_COREDIR="$tmp/crash"
KDUMP_SCRIPT=/usr/share/vmcore-report/kdump-tools-savecore
VMCORE_REPORT="$root/usr/bin/vmcore-report"
VMCORE_REPORT_VMLINUX="$fix/vmlinux"
VMCORE_REPORT_ARGS="--only 'proc/version,proc/meminfo'"
EOF
KDUMP_CONFIG=$tmp/kdump-config KDUMP_DEFAULTS=$tmp/kdump-tools VMCORE=$dump \
VMCORE_REPORT_CAPTURE=$root/usr/share/vmcore-report/vmcore-report-capture \
	timeout 300 sh "$root/usr/share/vmcore-report/kdump-tools-savecore" savecore >"$tmp/kt.out" 2>&1
rc=$?
a=$(ls "$tmp"/crash/202601020304/sosvmcore-*.tar.xz 2>/dev/null | head -n 1)
if [ $rc -eq 0 ] && [ -n "$a" ] && tar -tJf "$a" | grep -q '/proc/meminfo$' &&
   ! tar -tJf "$a" | grep -q '/proc/vmstat$'; then
	pass "kdump-tools hook: report next to the dump (VMCORE_REPORT_ARGS honoured)"
else
	fail "kdump-tools hook: rc $rc, $(cat "$tmp/kt.out" "$tmp"/crash/*/vmcore-report.log 2>/dev/null | tail -n 3)"
fi
KDUMP_CONFIG=false KDUMP_DEFAULTS=$tmp/kdump-tools \
	sh "$root/usr/share/vmcore-report/kdump-tools-savecore" savecore >/dev/null 2>&1
rc=$?
[ $rc -eq 1 ] && pass "kdump-tools hook: kdump-config's exit status kept" ||
	fail "kdump-tools hook: exit $rc after a failed kdump-config, not 1"

# dracut (kdump-utils): kdump.sh saved PATH/HOST-DATE/vmcore and runs the
# post.d hook with the exit status 0.
mkdir -p "$tmp/var/crash/127.0.0.1-2026-01-02-03:04:05"
: > "$tmp/var/crash/127.0.0.1-2026-01-02-03:04:05/vmcore"
echo "path $tmp/var/crash" > "$tmp/kdump.conf"
cat >"$tmp/vmcore-report.conf" <<EOF
VMCORE_REPORT_VMLINUX="$fix/vmlinux"
VMCORE_REPORT_ARGS="--only proc/version"
EOF
echo "VMCORE_REPORT=\"$root/usr/bin/vmcore-report\"" >> "$tmp/vmcore-report.conf"
KDUMP_CONF=$tmp/kdump.conf VMCORE_REPORT_CONF=$tmp/vmcore-report.conf VMCORE=$dump \
VMCORE_REPORT_CAPTURE=$root/usr/share/vmcore-report/vmcore-report-capture \
	timeout 300 sh "$root/usr/lib/dracut/modules.d/99vmcore-report/kdump-post.sh" 0 >"$tmp/dr.out" 2>&1
rc=$?
a=$(ls "$tmp"/var/crash/127.0.0.1-*/sosvmcore-*.tar.xz 2>/dev/null | head -n 1)
if [ $rc -eq 0 ] && [ -n "$a" ] && tar -tJf "$a" | grep -q '/proc/version$'; then
	pass "dracut post hook: report next to the vmcore"
else
	fail "dracut post hook: rc $rc, $(cat "$tmp/dr.out" "$tmp"/var/crash/*/vmcore-report.log 2>/dev/null | tail -n 3)"
fi
summary
