// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The dump layer on real fixtures, when the fixture cache has them (see
 * the fixtures README); passes trivially when it has none.
 *
 * - QEMU fixtures: vmcore.elf, vmcore.kdump-zlib and its flattened
 *   original give the same bytes and the same errors on sampled pages;
 *   VMCOREINFO's OSRELEASE matches truth/proc/sys/kernel/osrelease.
 * - makedumpfile fixtures (*-kdump/kdump/): -d 31 dumps report filtered
 *   pages as excluded and agree with each other; /proc/vmcore and the
 *   -d 0 dump agree.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "test.h"
#include "vr/dump.h"

#define SAMPLE_STEP 16

static char *cache_dir(void)
{
	const char *env = getenv("VMCORE_FIXTURES_CACHE");
	char *dir = NULL;

	if (env)
		return strdup(env);
	env = getenv("XDG_CACHE_HOME");
	if (env && asprintf(&dir, "%s/vmcore-fixtures", env) >= 0)
		return dir;
	env = getenv("HOME");
	if (env && asprintf(&dir, "%s/.cache/vmcore-fixtures", env) >= 0)
		return dir;
	return NULL;
}

static bool exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct vr_dump *open_path(const char *dir, const char *name,
				 int *test_failed_)
{
	struct vr_dump *d = NULL;
	double t = now();
	char *path;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	if (exists(path)) {
		CHECK_OK(vr_dump_open(path, &d));
		CHECK(now() - t < 5.0);
	}
	free(path);
	return d;
}

struct tally {
	long same, errors, excluded;
	/*
	 * Whole pages only: an ELF /proc/vmcore maps a partial page (RAM
	 * ending at 0x9fc00) that makedumpfile's bitmap leaves out.
	 */
	bool whole;
};

/* Page @pfn (4 KiB units), whole and in part, must read alike in @n dumps. */
static void compare_at(struct vr_dump **d, int n, uint64_t pfn,
		       struct tally *t, int *test_failed_)
{
	static unsigned char a[4096], b[4096];
	bool part = !t->whole && pfn % 3 == 0;
	uint64_t addr = pfn * 4096 + (part ? pfn % 4000 : 0);
	size_t len = part ? 64 : 4096;
	struct vr_error *e0 = vr_dump_read_phys(d[0], addr, a, len);

	for (int i = 1; i < n; i++) {
		struct vr_error *e = vr_dump_read_phys(d[i], addr, b, len);

		CHECK(!e0 == !e);
		if (e0 && e)
			CHECK_EQ_U64(e0->code, e->code);
		if (!e0 && !e)
			CHECK(!memcmp(a, b, len));
		if (e)
			vr_error_destroy(e);
	}
	if (!e0) {
		t->same++;
		return;
	}
	t->errors++;
	t->excluded += e0->code == VR_ERR_EXCLUDED;
	vr_error_destroy(e0);
}

static void compare_all(struct vr_dump **d, int n, struct tally *t,
			int *test_failed_)
{
	const struct vr_dump_info *info = vr_dump_info(d[0]);
	uint64_t ps = info->page_size ? info->page_size : 4096;
	uint64_t end = info->max_pfn * (ps / 4096) + 2;

	for (uint64_t pfn = 0; pfn < end; pfn++)
		if (pfn < 1024 || pfn % SAMPLE_STEP == 0)
			compare_at(d, n, pfn, t, test_failed_);
}

static char *read_text(const char *dir, const char *name)
{
	static char buf[256];
	char *path;
	size_t n;
	FILE *f;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	f = fopen(path, "r");
	free(path);
	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return buf;
}

static void check_osrelease(struct vr_dump *d, const char *dir,
			    int *test_failed_)
{
	const char *want = read_text(dir, "truth/proc/sys/kernel/osrelease");
	struct vr_vmcoreinfo *vi = NULL;
	const char *text;
	size_t len;

	text = vr_dump_vmcoreinfo(d, &len);
	if (!text || !want) {
		printf("  %s: %s\n", dir, text ? "no truth osrelease" :
		       "dump has no VMCOREINFO");
		return;
	}
	CHECK_OK(vr_vmcoreinfo_parse(text, len, &vi));
	CHECK_STREQ(vr_vmcoreinfo_get(vi, "OSRELEASE"), want);
	vr_vmcoreinfo_free(vi);
}

static void close_all(struct vr_dump **d, int n)
{
	for (int i = 0; i < n; i++)
		vr_dump_close(d[i]);
}

static int open_set(const char *dir, const char *const *names,
		    struct vr_dump **d, int *test_failed_)
{
	int n = 0;

	for (; *names; names++) {
		d[n] = open_path(dir, *names, test_failed_);
		if (d[n])
			n++;
	}
	return n;
}

static void check_qemu(const char *dir, int *test_failed_)
{
	static const char *const main_set[] = {
		"vmcore.elf", "vmcore.kdump-zlib", "vmcore.kdump-zlib.flat",
		NULL,
	};
	static const char *const panic_set[] = {
		"panic.kdump-zlib", "panic.kdump-zlib.flat", NULL,
	};
	struct tally t = { 0 };
	struct vr_dump *d[3];
	int n = open_set(dir, main_set, d, test_failed_);

	if (n) {
		check_osrelease(d[0], dir, test_failed_);
		compare_all(d, n, &t, test_failed_);
		CHECK(t.same > 0);
		printf("  %s: %d dumps agree: %ld pages read, %ld errors\n",
		       dir, n, t.same, t.errors);
	}
	close_all(d, n);
	n = open_set(dir, panic_set, d, test_failed_);
	if (n == 2)
		compare_all(d, n, &t, test_failed_);
	close_all(d, n);
}

static void check_makedumpfile(const char *dir, int *test_failed_)
{
	static const char *const d31[] = {
		"kdump/dump.zlib-d31", "kdump/dump.lzo-d31",
		"kdump/dump.none-d31", NULL,
	};
	static const char *const d0[] = {
		"kdump/proc-vmcore.elf", "kdump/dump.lzo-d0", NULL,
	};
	struct tally t = { 0 };
	struct vr_dump *d[3];
	int n = open_set(dir, d31, d, test_failed_);

	if (n) {
		CHECK_EQ_U64(vr_dump_info(d[0])->dump_level, 31);
		compare_all(d, n, &t, test_failed_);
		CHECK(t.excluded > 0);
		printf("  %s: %d -d 31 dumps agree: %ld read, %ld excluded\n",
		       dir, n, t.same, t.excluded);
		check_osrelease(d[0], dir, test_failed_);
	}
	close_all(d, n);
	t = (struct tally){ .whole = true };
	n = open_set(dir, d0, d, test_failed_);
	if (n == 2) {
		compare_all(d, n, &t, test_failed_);
		CHECK_EQ_U64(t.excluded, 0);
	}
	close_all(d, n);
}

static void each_fixture(void (*fn)(const char *, int *), int *test_failed_)
{
	char *top = cache_dir();
	struct dirent *e;
	DIR *dir;

	dir = top ? opendir(top) : NULL;
	if (!dir) {
		printf("  no fixture cache, skipped\n");
		free(top);
		return;
	}
	while ((e = readdir(dir))) {
		char *path;

		if (e->d_name[0] == '.' || strstr(e->d_name, ".partial"))
			continue;
		if (asprintf(&path, "%s/%s", top, e->d_name) < 0)
			break;
		fn(path, test_failed_);
		free(path);
	}
	closedir(dir);
	free(top);
}

TEST(qemu_fixtures)
{
	each_fixture(check_qemu, test_failed_);
}

TEST(makedumpfile_fixtures)
{
	each_fixture(check_makedumpfile, test_failed_);
}

TEST_MAIN(T(qemu_fixtures), T(makedumpfile_fixtures))
