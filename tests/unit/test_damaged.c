// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Damaged dump files, made from the real dumps of every fixture: cut
 * short in each part of their format, and a zlib page with flipped bits.
 * Each case has one right outcome:
 *  - cut in the headers, the notes, the kdump bitmaps or the page
 *    descriptors: opening fails with an error saying where the file ends;
 *  - cut in the page data (memory): the dump opens marked truncated, and
 *    every file of the report equals the intact dump's, or is an error
 *    stub (or a partial file) whose reason names the missing data;
 *  - a zlib page with flipped bits: the files that need it are stubs
 *    naming that page and zlib, every other file equals the intact one.
 * Copies go to $TMPDIR (at most the size of one kdump dump or a quarter
 * of an ELF one at a time).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/dump/internal.h"
#include "../../src/dump/kdump.h"
#include "fixture_util.h"
#include "test.h"
#include "vr/emitter.h"
#include "vr/object.h"
#include "vr/report.h"
#include "vr/util.h"

struct dumps {
	const char *fixture;
	const char *vmlinux;
	const char *path;	/* the intact dump */
	uint64_t size;
	struct report intact;	/* its report */
	char copy[4096];	/* the damaged copy */
};

/* The first @len bytes of @from into @to, xor-ing @flip at @flip_off. */
static int copy_prefix(const char *from, const char *to, uint64_t len,
		       uint64_t flip_off, size_t flip_len)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	char buf[1 << 16];
	uint64_t pos = 0;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	while (out >= 0 && pos < len) {
		size_t want = len - pos < sizeof(buf) ? len - pos : sizeof(buf);
		ssize_t n = pread(in, buf, want, (off_t)pos);

		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (pos + i >= flip_off && pos + i < flip_off + flip_len)
				buf[i] ^= 0x5a;
		}
		if (write(out, buf, (size_t)n) != n)
			break;
		pos += (uint64_t)n;
	}
	close(in);
	if (out < 0 || close(out) != 0 || pos != len)
		return -1;
	return 0;
}

static const struct report_file *find_file(const struct report *rep,
					   const char *path)
{
	for (size_t i = 0; i < rep->nr_files; i++) {
		if (strcmp(rep->files[i].path, path) == 0)
			return &rep->files[i];
	}
	return NULL;
}

/*
 * Does @f say that it lacks data because of @cause: a stub's reason, or
 * the file's text where it says what it could not read?
 */
static bool names_cause(const struct report_file *f, const char *cause)
{
	if (f->status != REPORT_OK)
		return f->reason && strstr(f->reason, cause);
	return f->data && strstr(f->data, cause);
}

/*
 * Every file of @rep equals the intact report's or names @cause; files
 * of the intact report that @rep lacks were dropped because their
 * enumerator failed for @cause.  Returns the number of equal files.
 */
static size_t judge(struct dumps *d, const char *what, struct vr_program *prog,
		    const struct report *rep, const char *cause,
		    int *test_failed_)
{
	size_t equal = 0, named = 0, absent = 0, bad = 0;

	for (size_t i = 0; i < rep->nr_files; i++) {
		const struct report_file *f = &rep->files[i];
		const struct report_file *o = find_file(&d->intact, f->path);

		if (o && o->len == f->len && o->status == f->status &&
		    (!f->len || memcmp(o->data, f->data, f->len) == 0)) {
			equal++;
		} else if (names_cause(f, cause)) {
			named++;
		} else if (bad++ < 5) {
			fprintf(stderr, "  %s %s, %s: %s: %.200s\n", d->fixture,
				d->path + strlen(d->path) - 12, what, f->path,
				f->reason ? f->reason : f->data ? f->data : "");
		}
	}
	for (size_t i = 0; i < d->intact.nr_files; i++) {
		if (find_file(rep, d->intact.files[i].path))
			continue;
		absent++;
		if (!strstr(prog->log.buf ? prog->log.buf : "", cause) &&
		    bad++ < 5)
			fprintf(stderr, "  %s, %s: %s missing\n", d->fixture,
				what, d->intact.files[i].path);
	}
	printf("  %s %s, %s: %zu equal, %zu naming \"%s\", %zu absent, %zu wrong\n",
	       d->fixture, strrchr(d->path, '/') + 1, what, equal, named, cause,
	       absent, bad);
	CHECK(bad == 0);
	return equal;
}

static struct vr_error *open_copy(struct dumps *d, struct vr_program **prog)
{
	return vr_program_open(d->copy, d->vmlinux, NULL, prog);
}

/* Cut at @len: opening must fail with an error containing @want. */
static void expect_refused(struct dumps *d, const char *what, uint64_t len,
			   const char *want, int *test_failed_)
{
	struct vr_program *prog = NULL;
	struct vr_error *err;

	CHECK(copy_prefix(d->path, d->copy, len, 0, 0) == 0);
	err = open_copy(d, &prog);
	if (!err) {
		fprintf(stderr, "  %s %s cut at 0x%llx (%s): opened\n",
			d->fixture, d->path, (unsigned long long)len, what);
		vr_program_close(prog);
		(*test_failed_)++;
		return;
	}
	printf("  %s %s, %s: %s\n", d->fixture, strrchr(d->path, '/') + 1,
	       what, err->message);
	if (!strstr(err->message, want)) {
		fprintf(stderr, "  %s: want \"%s\"\n", what, want);
		(*test_failed_)++;
	}
	vr_error_destroy(err);
}

/*
 * The report of the damaged copy, judged; returns the equal files or 0.
 * With @may_refuse, refusing to open with an error that says the dump is
 * truncated is right too (what the opening needs may be what is lost).
 */
static size_t expect_report(struct dumps *d, const char *what,
			    const char *cause, bool truncated, bool may_refuse,
			    int *test_failed_)
{
	struct report_options all = { 0 };
	struct report rep = { 0 };
	struct vr_program *prog = NULL;
	struct vr_error *err = open_copy(d, &prog);
	size_t equal = 0;

	if (err && may_refuse && strstr(err->message, "(the dump is truncated: ")) {
		printf("  %s %s, %s: refused: %s\n", d->fixture,
		       strrchr(d->path, '/') + 1, what, err->message);
		vr_error_destroy(err);
		return 0;
	}
	if (err) {
		fprintf(stderr, "  %s %s, %s: %s\n", d->fixture, d->path, what,
			err->message);
		vr_error_destroy(err);
		(*test_failed_)++;
		return 0;
	}
	CHECK(prog->dinfo->truncated == truncated);
	err = report_run(prog, &all, &rep);
	CHECK(err == NULL);
	vr_error_destroy(err);
	if (!err)
		equal = judge(d, what, prog, &rep, cause, test_failed_);
	report_free(&rep);
	vr_program_close(prog);
	return equal;
}

static void kdump_cuts(struct dumps *d, struct vr_program *prog,
		       int *test_failed_)
{
	const struct vr_kdump *k = prog->dump->kdump;
	uint64_t table_end = k->desc_off + k->nr_descs * KDUMP_PAGE_DESC_SIZE;

	expect_refused(d, "cut in the header", 100, "file ends at",
		       test_failed_);
	expect_refused(d, "cut in the bitmaps", k->bitmap_off + 64,
		       "beyond the end of the dump", test_failed_);
	expect_refused(d, "cut in the page descriptors",
		       k->desc_off + 10 * KDUMP_PAGE_DESC_SIZE,
		       "truncated in its page descriptors", test_failed_);
	CHECK(copy_prefix(d->path, d->copy,
			  table_end + (d->size - table_end) * 3 / 4, 0, 0) == 0);
	expect_report(d, "cut at 3/4 of the page data",
		      "beyond the end of the dump", true, true, test_failed_);
	CHECK(copy_prefix(d->path, d->copy, d->size - 1, 0, 0) == 0);
	/*
	 * One page lost; what needs it varies (the last 64 KiB block of
	 * QEMU's arm64 dumps holds the per-CPU areas).
	 */
	CHECK(expect_report(d, "last byte cut", "beyond the end of the dump",
			    true, false, test_failed_) > 0);
}

/* The zlib page of init_uts_ns with 16 bytes flipped in its middle. */
static void kdump_flip(struct dumps *d, struct vr_program *prog,
		       int *test_failed_)
{
	struct kobj uts = kobj_var(prog, "init_uts_ns");
	uint64_t paddr, off, size;
	char cause[64];
	struct report_options all = { 0 };
	struct report rep = { 0 };
	struct vr_program *damaged = NULL;

	CHECK(kobj_ok(&uts));
	CHECK_OK(vr_program_virt_to_phys(prog, kobj_addr(&uts), &paddr));
	CHECK_OK(vr_dump_page_location(prog->dump, paddr, &off, &size));
	if (size >= prog->dump->kdump->block_size) {
		printf("  %s: the page of init_uts_ns is stored raw: no flip\n",
		       d->fixture);
		return;
	}
	CHECK(copy_prefix(d->path, d->copy, d->size, off + size / 2, 16) == 0);
	paddr -= paddr % prog->dump->kdump->block_size;
	printf("  %s: page 0x%llx: 16 of its %llu bytes at 0x%llx flipped\n",
	       d->fixture, (unsigned long long)paddr, (unsigned long long)size,
	       (unsigned long long)(off + size / 2));
	snprintf(cause, sizeof(cause), "physical address 0x%llx: zlib",
		 (unsigned long long)paddr);
	CHECK(expect_report(d, "16 bytes flipped in a zlib page", cause,
			    false, false, test_failed_) * 10 >=
	      d->intact.nr_files * 8);
	/* proc/version is one of the files that page holds. */
	CHECK_OK(open_copy(d, &damaged));
	if (!damaged)
		return;
	all.only = "proc/version";
	CHECK_OK(report_run(damaged, &all, &rep));
	CHECK(rep.nr_files == 1 && rep.files[0].status == REPORT_ERROR &&
	      strstr(rep.files[0].reason, cause));
	report_free(&rep);
	vr_program_close(damaged);
}

/* The middle of the first PT_NOTE of a 64-bit ELF file, 0 if none. */
static uint64_t elf_note_middle(const char *path)
{
	unsigned char h[64], ph[56];
	uint64_t phoff, off = 0;
	unsigned int phnum, phentsize;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool be;

	if (fd < 0)
		return 0;
	if (pread(fd, h, sizeof(h), 0) != sizeof(h) || h[4] != 2)
		goto out;
	be = h[5] == 2;
	phoff = vr_get64(h + 32, be);
	phentsize = vr_get16(h + 54, be);
	phnum = vr_get16(h + 56, be);
	for (unsigned int i = 0; i < phnum && phentsize >= sizeof(ph); i++) {
		if (pread(fd, ph, sizeof(ph), (off_t)(phoff + i * phentsize)) !=
		    sizeof(ph))
			break;
		if (vr_get32(ph, be) == 4) {	/* PT_NOTE */
			off = vr_get64(ph + 8, be) + vr_get64(ph + 32, be) / 2;
			break;
		}
	}
out:
	close(fd);
	return off;
}

static void elf_cuts(struct dumps *d, struct vr_program *prog,
		     int *test_failed_)
{
	uint64_t notes = elf_note_middle(d->path);

	(void)prog;
	expect_refused(d, "cut in the ELF header", 40, "file ends at",
		       test_failed_);
	expect_refused(d, "cut in the program headers", 100,
		       "past the end of the file", test_failed_);
	CHECK(notes != 0);
	if (notes)
		expect_refused(d, "cut in the notes", notes,
			       "the dump is truncated", test_failed_);
	CHECK(copy_prefix(d->path, d->copy, d->size / 4, 0, 0) == 0);
	expect_report(d, "cut at 1/4 of memory", "file ends at", true, true,
		      test_failed_);
}

static void flat_cut(struct dumps *d, struct vr_program *prog,
		     int *test_failed_)
{
	(void)prog;
	CHECK(copy_prefix(d->path, d->copy, d->size * 3 / 4, 0, 0) == 0);
	expect_report(d, "flattened file cut at 3/4",
		      "flattened file has no data", true, true, test_failed_);
}

static void run_cases(const char *fixture, const char *dir, const char *name,
		      void (*cases)(struct dumps *, struct vr_program *, int *),
		      int *test_failed_)
{
	char path[4096], vmlinux[4096];
	struct report_options all = { 0 };
	struct dumps d = { .fixture = fixture, .path = path,
			   .vmlinux = vmlinux };
	struct vr_program *prog;
	struct vr_error *err;
	struct stat st;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	snprintf(path, sizeof(path), "%s/%s/%s", dir, fixture, name);
	snprintf(vmlinux, sizeof(vmlinux), "%s/%s/vmlinux", dir, fixture);
	if (stat(path, &st) || access(vmlinux, R_OK))
		return;
	d.size = (uint64_t)st.st_size;
	snprintf(d.copy, sizeof(d.copy), "%s/vr-damaged-%d", tmp, (int)getpid());
	err = vr_program_open(path, vmlinux, NULL, &prog);
	if (!err)
		err = report_run(prog, &all, &d.intact);
	if (err) {
		fprintf(stderr, "  %s: %s\n", path, err->message);
		vr_error_destroy(err);
		(*test_failed_)++;
		return;
	}
	CHECK(!prog->dinfo->truncated);
	cases(&d, prog, test_failed_);
	vr_program_close(prog);
	report_free(&d.intact);
	unlink(d.copy);
}

/* @cases on dump @name of every fixture that has it. */
static void each_fixture(const char *name,
			 void (*cases)(struct dumps *, struct vr_program *, int *),
			 int *test_failed_)
{
	char dir[2048];
	struct dirent *de;
	DIR *dd = opendir(fixture_cache_dir(dir, sizeof(dir)));

	if (!dd)
		return;
	while ((de = readdir(dd))) {
		if (de->d_name[0] == '.' || strstr(de->d_name, ".partial-"))
			continue;
		run_cases(de->d_name, dir, name, cases, test_failed_);
	}
	closedir(dd);
}

static void kdump_all(struct dumps *d, struct vr_program *prog,
		      int *test_failed_)
{
	kdump_cuts(d, prog, test_failed_);
	kdump_flip(d, prog, test_failed_);
}

TEST(kdump_damaged)
{
	each_fixture("vmcore.kdump-zlib", kdump_all, test_failed_);
	/* makedumpfile's own output (the kdump fixtures). */
	each_fixture("kdump/dump.zlib-d31", kdump_all, test_failed_);
}

TEST(elf_damaged)
{
	each_fixture("vmcore.elf", elf_cuts, test_failed_);
}

TEST(flattened_damaged)
{
	each_fixture("vmcore.kdump-zlib.flat", flat_cut, test_failed_);
}

TEST_MAIN(T(kdump_damaged), T(elf_damaged), T(flattened_damaged))
