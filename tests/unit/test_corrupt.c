// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Corrupt kernel memory in real dumps (vr_dump_patch()) and run the whole
 * report: it must finish, with stubs where the data is bad, never crash
 * or hang.  Run under `make asan` too.  Cases, on every fixture:
 *  - a cyclic task list that does not come back to init_task;
 *  - the kernel's top page table zeroed;
 *  - the first task_structs after init_task overwritten with garbage;
 *  - 64 random pages of memory overwritten with random bytes;
 *  - a slab cache whose kmem_cache.oo has a huge order (fuzz_report found
 *    1 << order overflowing in proc/slabinfo);
 *  - hostile names that become archive member names: the host name, a
 *    module name with "../", control and non-ASCII bytes, two modules of
 *    one name.
 */
#include <stdio.h>

#include "fixture_util.h"
#include "test.h"
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/object.h"
#include "vr/report.h"
#include "vr/slab.h"

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64 */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void put_uint(struct vr_program *prog, unsigned char *buf, uint64_t v)
{
	for (unsigned int i = 0; i < prog->ptr_size; i++) {
		unsigned int shift = prog->big_endian ?
				     8 * (prog->ptr_size - 1 - i) : 8 * i;

		buf[i] = (unsigned char)(v >> shift);
	}
}

static uint64_t next_task(struct vr_program *prog, uint64_t list_head)
{
	uint64_t next = 0;

	vr_error_destroy(vr_program_read_uint(prog, list_head, prog->ptr_size,
					      &next));
	return next;
}

/* Is @path in the report a stub or marked partial?  1 yes, 0 no, -1 absent. */
static int flagged(const struct report *rep, const char *path)
{
	for (size_t i = 0; i < rep->nr_files; i++) {
		const struct report_file *f = &rep->files[i];

		if (strcmp(f->path, path) != 0)
			continue;
		return f->status != REPORT_OK ||
		       (f->data && strstr(f->data, PARTIAL_PREFIX));
	}
	return -1;
}

/*
 * The whole report; returns its number of stubs, or -1 if it failed.
 * With @must_flag, that file must be a stub or partial.
 */
static int run_all(struct vr_program *prog, const char *fixture,
		   const char *what, const char *must_flag,
		   int *test_failed_)
{
	struct report_options all = { 0 };
	struct report rep = { 0 };
	struct vr_error *err = report_run(prog, &all, &rep);
	int stubs = 0;

	if (err) {
		fprintf(stderr, "  %s, %s: the report failed: %s\n", fixture,
			what, err->message);
		vr_error_destroy(err);
		(*test_failed_)++;
		report_free(&rep);
		return -1;
	}
	CHECK(rep.nr_files >= 50);
	if (must_flag && flagged(&rep, must_flag) != 1) {
		fprintf(stderr, "  %s, %s: %s is neither a stub nor partial\n",
			fixture, what, must_flag);
		(*test_failed_)++;
	}
	for (size_t i = 0; i < rep.nr_files; i++)
		stubs += rep.files[i].status != REPORT_OK;
	printf("  %s, %s: %zu files, %d stubs\n", fixture, what, rep.nr_files,
	       stubs);
	report_free(&rep);
	return stubs;
}

static void cyclic_tasks(struct vr_program *prog, const char *fixture,
			 int *test_failed_)
{
	struct kobj tasks = kobj_member(kobj_var(prog, "init_task"), "tasks");
	unsigned char buf[8];
	uint64_t t1, t2;

	CHECK(kobj_ok(&tasks));
	t1 = next_task(prog, kobj_addr(&tasks));
	t2 = next_task(prog, t1);
	CHECK(t1 && t2 && t1 != kobj_addr(&tasks));
	/* t2->next = t1: a loop that never returns to the head. */
	put_uint(prog, buf, t1);
	CHECK_OK(fixture_poke(prog, t2, buf, prog->ptr_size));
	CHECK(run_all(prog, fixture, "cyclic task list",
		      "sos_commands/kernel/ps", test_failed_) > 0);
}

static void zero_page_table(struct vr_program *prog, const char *fixture,
			    int *test_failed_)
{
	unsigned char *zero = calloc(1, prog->page_size);

	CHECK(zero != NULL);
	if (!zero)
		return;
	CHECK_OK(vr_dump_patch(prog->dump, prog->pt_root, zero,
			       prog->page_size));
	free(zero);
	memset(prog->tlb, 0, sizeof(prog->tlb));
	CHECK(run_all(prog, fixture, "zeroed top page table", NULL,
		      test_failed_) > 0);
}

static void garbage_tasks(struct vr_program *prog, const char *fixture,
			  int *test_failed_)
{
	struct kobj init = kobj_var(prog, "init_task");
	struct kobj tasks = kobj_member(init, "tasks");
	uint64_t size = vr_type_sizeof(init.type);
	uint64_t off = kobj_addr(&tasks) - kobj_addr(&init);
	uint64_t pos = kobj_addr(&tasks);
	unsigned char *junk = malloc(size);
	uint64_t victims[3];

	CHECK(junk != NULL && kobj_ok(&tasks) && size > off);
	if (!junk)
		return;
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (uint64_t i = 0; i < size; i++)
		junk[i] = (unsigned char)rng();
	/* The three tasks after init_task, their links included. */
	for (int i = 0; i < 3; i++) {
		pos = next_task(prog, pos);
		victims[i] = pos;
	}
	for (int i = 0; i < 3 && victims[i] > off; i++)
		CHECK_OK(fixture_poke(prog, victims[i] - off, junk, size));
	free(junk);
	memset(prog->tlb, 0, sizeof(prog->tlb));
	CHECK(run_all(prog, fixture, "garbage task_structs", NULL,
		      test_failed_) >= 0);
}

static void random_pages(struct vr_program *prog, const char *fixture,
			 int *test_failed_)
{
	unsigned char *junk = malloc(prog->page_size);
	struct kobj init = kobj_var(prog, "init_task");
	uint64_t base, paddr;
	int patched = 0;

	CHECK(junk != NULL);
	if (!junk || vr_program_virt_to_phys(prog, kobj_addr(&init), &base))
		goto out;
	rng_state = 0x2545f4914f6cdd1dULL;
	/* Pages of the first 256 MiB of RAM above the kernel's data. */
	for (int i = 0; i < 64; i++) {
		unsigned char probe[1];
		struct vr_error *err;

		paddr = (base + (rng() % (256ULL << 20))) &
			~(prog->page_size - 1);
		for (uint64_t j = 0; j < prog->page_size; j++)
			junk[j] = (unsigned char)rng();
		err = vr_dump_read_phys(prog->dump, paddr, probe, 1);
		if (err) {	/* not in the dump */
			vr_error_destroy(err);
			continue;
		}
		CHECK_OK(vr_dump_patch(prog->dump, paddr, junk,
				       prog->page_size));
		patched++;
	}
	memset(prog->tlb, 0, sizeof(prog->tlb));
	CHECK(patched > 0);
	CHECK(run_all(prog, fixture, "64 random pages", NULL,
		      test_failed_) >= 0);
out:
	free(junk);
}

static void huge_slab_order(struct vr_program *prog, const char *fixture,
			    int *test_failed_)
{
	struct list_iter it;
	struct kobj s, oo;
	unsigned char buf[4] = { 0x01, 0x00, 0x00, 0x00 };
	bool done = false;

	if (!kobj_has_symbol(prog, "slab_caches") || !slab_is_slub(prog))
		return;
	/* The first cache: order 0x9632, one object a slab. */
	for_each_slab_cache(&it, s, prog) {
		oo = kobj_member(s, "oo.x");
		CHECK(kobj_ok(&oo));
		if (prog->big_endian) {
			buf[0] = 0x96;
			buf[1] = 0x32;
			buf[3] = 0x01;
		} else {
			buf[2] = 0x32;
			buf[3] = 0x96;
		}
		CHECK_OK(fixture_poke(prog, kobj_addr(&oo), buf, sizeof(buf)));
		done = true;
		break;
	}
	vr_error_destroy(it.err);
	CHECK(done);
	memset(prog->tlb, 0, sizeof(prog->tlb));
	CHECK(run_all(prog, fixture, "huge slab order", "proc/slabinfo",
		      test_failed_) > 0);
}

/*
 * A byte no archive member name may hold, an empty, "." or ".." component
 * (".data..once" is a real section name: only whole components count).
 */
static bool bad_path(const char *path)
{
	for (const char *c = path; ; c++) {
		size_t n = strcspn(c, "/");

		if (!n || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return true;
		for (size_t i = 0; i < n; i++) {
			if ((unsigned char)c[i] < 0x20 ||
			    (unsigned char)c[i] >= 0x7f)
				return true;
		}
		c += n;
		if (!*c)
			return false;
	}
}

/*
 * Names read out of the dump that end up in member names: the host name
 * (the top folder) and module names (sys/module/<name>/).  Hostile ones,
 * and two modules of one name, must give safe, distinct names.
 */
static void hostile_names(struct vr_program *prog, const char *fixture,
			  int *test_failed_)
{
	static const char host[] = "../../etc/\x1b[31m\xff";
	static const char evil[] = "../x\n\xff/..";
	struct kobj uts = kobj_member(kobj_var(prog, "init_uts_ns"),
				      "name.nodename");
	struct report_options all = { .only = "sys/module/*" };
	struct report rep = { 0 };
	struct list_iter it;
	struct kobj mod;
	char first[64] = "";
	int n = 0;

	CHECK(kobj_ok(&uts));
	CHECK_OK(fixture_poke(prog, kobj_addr(&uts), host, sizeof(host)));
	/* The first module gets a hostile name, the second the first's. */
	for_each_module(&it, mod, prog) {
		struct kobj name = kobj_member(mod, "name");

		if (n == 0) {
			CHECK_OK(kobj_read_cstr(name, first, sizeof(first)));
			CHECK_OK(fixture_poke(prog, kobj_addr(&name), evil,
					      sizeof(evil)));
		} else {
			CHECK_OK(fixture_poke(prog, kobj_addr(&name), first,
				      strlen(first) + 1));
		}
		if (++n == 3)
			break;
	}
	vr_error_destroy(it.err);
	if (n < 3) {
		printf("  %s: fewer than 3 modules: skipped\n", fixture);
		return;
	}
	memset(prog->tlb, 0, sizeof(prog->tlb));
	CHECK_OK(report_run(prog, &all, &rep));
	CHECK(!bad_path(rep.top) && !strchr(rep.top, '/') &&
	      strncmp(rep.top, "sosvmcore-", 10) == 0);
	for (size_t i = 0; i < rep.nr_files; i++) {
		CHECK(!bad_path(rep.files[i].path));
		if (bad_path(rep.files[i].path))
			fprintf(stderr, "  %s: member name %s\n", fixture,
				rep.files[i].path);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(rep.files[i].path, rep.files[j].path));
	}
	printf("  %s, hostile names: %s, %zu files under sys/module\n",
	       fixture, rep.top, rep.nr_files);
	CHECK(rep.nr_files > 0);
	report_free(&rep);
}

TEST(cyclic_task_list)
{
	for_each_fixture("vmcore.kdump-zlib", cyclic_tasks, test_failed_);
}

TEST(zeroed_top_page_table)
{
	for_each_fixture("vmcore.kdump-zlib", zero_page_table, test_failed_);
}

TEST(garbage_task_structs)
{
	for_each_fixture("vmcore.kdump-zlib", garbage_tasks, test_failed_);
}

TEST(random_garbage_pages)
{
	for_each_fixture("vmcore.kdump-zlib", random_pages, test_failed_);
}

TEST(huge_slab_order)
{
	for_each_fixture("vmcore.kdump-zlib", huge_slab_order, test_failed_);
}

TEST(hostile_names)
{
	for_each_fixture("vmcore.kdump-zlib", hostile_names, test_failed_);
}

TEST_MAIN(T(cyclic_task_list), T(zeroed_top_page_table),
	  T(garbage_task_structs), T(random_garbage_pages),
	  T(huge_slab_order), T(hostile_names))
