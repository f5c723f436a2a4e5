// SPDX-License-Identifier: GPL-2.0-or-later
/* The VMCOREINFO parser on hand-written text. */
#include "test.h"
#include "vr/dump.h"

static const char text[] =
	"OSRELEASE=6.1.0-50-amd64\n"
	"BUILD-ID=0123456789abcdef0123456789abcdef01234567\n"
	"PAGESIZE=4096\n"
	"SYMBOL(init_uts_ns)=ffffffff8ce12345\n"
	"ADDRESS(phys_ram_base)=80000000\n"
	"SIZE(page)=64\n"
	"OFFSET(page.flags)=0\n"
	"LENGTH(mem_section)=2048\n"
	"NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(kimage_voffset)=0xffff800007e00000\n"
	"NUMBER(TCR_EL1_T1SZ)=0xc\n"
	"KERNELOFFSET=c00000\n"
	"CRASHTIME=1700000000\n"
	"garbage line without equals\n"
	"=no key\n"
	"bad key=1\n"
	"\r\n"
	"NUMBER(huge)=99999999999999999999\n"
	"NUMBER(min)=-9223372036854775808\n"
	"NUMBER(max)=9223372036854775807\n"
	"NUMBER(junk)=12ab\n"
	"EMPTY=\n"
	"PAGESIZE=8192\n"
	"WINDOWS=yes\r\n";

static struct vr_vmcoreinfo *parse(const char *s, size_t len)
{
	struct vr_vmcoreinfo *vi = NULL;
	struct vr_error *err = vr_vmcoreinfo_parse(s, len, &vi);

	if (err) {
		fprintf(stderr, "parse: %s\n", err->message);
		vr_error_destroy(err);
	}
	return vi;
}

TEST(strings)
{
	struct vr_vmcoreinfo *vi = parse(text, sizeof(text) - 1);

	CHECK(vi != NULL);
	CHECK_STREQ(vr_vmcoreinfo_get(vi, "OSRELEASE"), "6.1.0-50-amd64");
	CHECK_STREQ(vr_vmcoreinfo_get(vi, "BUILD-ID"),
		    "0123456789abcdef0123456789abcdef01234567");
	CHECK_STREQ(vr_vmcoreinfo_get(vi, "EMPTY"), "");
	CHECK_STREQ(vr_vmcoreinfo_get(vi, "WINDOWS"), "yes");
	CHECK(vr_vmcoreinfo_get(vi, "MISSING") == NULL);
	CHECK(vr_vmcoreinfo_get(vi, "garbage line without equals") == NULL);
	CHECK(vr_vmcoreinfo_get(vi, "bad key") == NULL);
	CHECK(vr_vmcoreinfo_get(vi, "") == NULL);
	/* 20 good lines, one of them a duplicate key. */
	CHECK_EQ_U64(vr_vmcoreinfo_count(vi), 20);
	vr_vmcoreinfo_free(vi);
}

TEST(numbers)
{
	struct vr_vmcoreinfo *vi = parse(text, sizeof(text) - 1);
	uint64_t u = 0;
	int64_t d = 0;

	CHECK(vr_vmcoreinfo_symbol(vi, "init_uts_ns", &u));
	CHECK_EQ_U64(u, 0xffffffff8ce12345ULL);
	CHECK(vr_vmcoreinfo_symbol(vi, "phys_ram_base", &u));
	CHECK_EQ_U64(u, 0x80000000);
	CHECK(!vr_vmcoreinfo_symbol(vi, "nothing", &u));
	CHECK(vr_vmcoreinfo_hex(vi, "KERNELOFFSET", &u));
	CHECK_EQ_U64(u, 0xc00000);
	CHECK(!vr_vmcoreinfo_hex(vi, "OSRELEASE", &u));

	/* The first PAGESIZE wins. */
	CHECK(vr_vmcoreinfo_dec(vi, "PAGESIZE", &d) && d == 4096);
	CHECK(vr_vmcoreinfo_dec(vi, "SIZE(page)", &d) && d == 64);
	CHECK(vr_vmcoreinfo_dec(vi, "OFFSET(page.flags)", &d) && d == 0);
	CHECK(vr_vmcoreinfo_dec(vi, "LENGTH(mem_section)", &d) && d == 2048);
	CHECK(vr_vmcoreinfo_dec(vi, "NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)", &d) &&
	      d == -129);
	CHECK(vr_vmcoreinfo_dec(vi, "CRASHTIME", &d) && d == 1700000000);
	CHECK(vr_vmcoreinfo_dec(vi, "NUMBER(kimage_voffset)", &d));
	CHECK_EQ_U64((uint64_t)d, 0xffff800007e00000ULL);
	CHECK(vr_vmcoreinfo_dec(vi, "NUMBER(TCR_EL1_T1SZ)", &d) && d == 12);
	CHECK(vr_vmcoreinfo_dec(vi, "NUMBER(min)", &d) && d == INT64_MIN);
	CHECK(vr_vmcoreinfo_dec(vi, "NUMBER(max)", &d) && d == INT64_MAX);
	CHECK(!vr_vmcoreinfo_dec(vi, "NUMBER(huge)", &d));
	CHECK(!vr_vmcoreinfo_dec(vi, "NUMBER(junk)", &d));
	CHECK(!vr_vmcoreinfo_dec(vi, "EMPTY", &d));
	CHECK(!vr_vmcoreinfo_dec(vi, "NUMBER(absent)", &d));
	vr_vmcoreinfo_free(vi);
}

TEST(nuls_and_garbage)
{
	static const char t[] = "A=1\0\0B=2\n\xff\xfe=3\nC=0x\n\0\0\0";
	struct vr_vmcoreinfo *vi = parse(t, sizeof(t) - 1);
	uint64_t u;
	int64_t d;

	CHECK(vi != NULL);
	CHECK(vr_vmcoreinfo_dec(vi, "A", &d) && d == 1);
	CHECK(vr_vmcoreinfo_dec(vi, "B", &d) && d == 2);
	CHECK(!vr_vmcoreinfo_hex(vi, "C", &u));
	CHECK_EQ_U64(vr_vmcoreinfo_count(vi), 3);
	vr_vmcoreinfo_free(vi);
}

TEST(long_lines)
{
	static char t[10000 + 32];
	size_t n = 10000;
	struct vr_vmcoreinfo *vi;

	memcpy(t, "LONG=", 5);
	memset(t + 5, 'x', n);
	strcpy(t + 5 + n, "\nSHORT=1\n");
	vi = parse(t, strlen(t));
	CHECK(vr_vmcoreinfo_get(vi, "LONG") == NULL);
	CHECK_STREQ(vr_vmcoreinfo_get(vi, "SHORT"), "1");
	vr_vmcoreinfo_free(vi);
}

TEST(empty)
{
	struct vr_vmcoreinfo *vi = parse("", 0);

	CHECK(vi != NULL);
	CHECK_EQ_U64(vr_vmcoreinfo_count(vi), 0);
	CHECK(vr_vmcoreinfo_get(vi, "X") == NULL);
	vr_vmcoreinfo_free(vi);
	vr_vmcoreinfo_free(NULL);
}

TEST_MAIN(T(strings), T(numbers), T(nuls_and_garbage), T(long_lines),
	  T(empty))
