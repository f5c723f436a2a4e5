// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bounds against hostile dumps that take a real kernel to show, each on
 * every fixture with its memory patched (fixture_poke()): module names
 * that would collide or leave their archive directory, a module symbol
 * table past its bound, a cycle in a /proc/devices hash chain, a crash
 * time past year 9999.  And the bound on a walk of every thread.
 */
#include "fixture_util.h"
#include "test.h"
#include "vr/emitter.h"
#include "vr/kernel.h"
#include "vr/symbolize.h"
#include "vr/task_info.h"
#include "vr/util.h"

/* src/kernel/symbolize.c MODULE_MAX_SYMS */
#define MODULE_MAX_SYMS (1U << 17)

/* Write @v into the integer (or pointer) @o, in the dump's byte order. */
static struct vr_error *poke_uint(struct kobj o, uint64_t v)
{
	unsigned char buf[8];
	uint64_t size;

	if (!kobj_ok(&o))
		return kobj_error(&o);
	size = min(vr_type_unqualified(o.type)->size, (uint64_t)sizeof(buf));
	for (uint64_t i = 0; i < size; i++) {
		unsigned int shift = 8 * (unsigned int)(o.prog->big_endian ?
							size - 1 - i : i);

		buf[i] = (unsigned char)(v >> shift);
	}
	return fixture_poke(o.prog, kobj_addr(&o), buf, size);
}

/* The first two modules of the list; false if there are fewer. */
static bool two_modules(struct vr_program *prog, struct kobj mods[2])
{
	struct list_iter it;
	struct kobj mod;
	int n = 0;

	for_each_module(&it, mod, prog) {
		mods[n++] = mod;
		if (n == 2)
			break;
	}
	vr_error_destroy(it.err);
	return n == 2;
}

static bool logged(struct vr_program *prog, const char *what)
{
	return prog->log.buf && strstr(prog->log.buf, what);
}

static size_t count_ids(struct vr_program *prog, const char *name,
			int *test_failed_)
{
	const struct enumerator *en = enumerator_find(name);
	uint64_t *ids = NULL;
	size_t n = 0;

	CHECK_OK(en->list(prog, &ids, &n));
	free(ids);
	return n;
}

static void set_name(struct kobj mod, const char *name, int *test_failed_)
{
	struct kobj field = kobj_member(mod, "name");
	char buf[MODULE_NAME_LEN] = { 0 };

	snprintf(buf, sizeof(buf), "%s", name);
	CHECK_OK(fixture_poke(mod.prog, kobj_addr(&field), buf, sizeof(buf)));
}

static void module_names(struct vr_program *prog, const char *fixture,
			 int *test_failed_)
{
	const struct enumerator *en = enumerator_find("module");
	size_t n, sections;
	char first[MODULE_NAME_LEN], name[256];
	struct kobj mods[2];

	if (!two_modules(prog, mods))
		return;
	n = count_ids(prog, "module", test_failed_);
	sections = count_ids(prog, "module_section", test_failed_);
	CHECK_OK(kobj_read_cstr(kobj_member(mods[0], "name"), first,
				sizeof(first)));
	/* The second one named as the first: left out, with its sections. */
	set_name(mods[1], first, test_failed_);
	CHECK_EQ_U64(count_ids(prog, "module", test_failed_), n - 1);
	CHECK(count_ids(prog, "module_section", test_failed_) < sections);
	CHECK(logged(prog, "a second module named"));
	/* Bytes other than [A-Za-z0-9._+-] are escaped. */
	set_name(mods[0], "a/b c\x7f%+_.-Z9", test_failed_);
	CHECK_OK(en->id_name(prog, 0, 0, name, sizeof(name)));
	CHECK_STREQ(name, "a%2Fb%20c%7F%25+_.-Z9");
	CHECK_EQ_U64(count_ids(prog, "module", test_failed_), n);
	printf("  %s: %zu modules, %zu sections\n", fixture, n, sections);
}

TEST(module_names)
{
	if (!for_each_fixture("vmcore.kdump-zlib", module_names, test_failed_))
		printf("######## no fixture: module names test SKIPPED ########\n");
}

/*
 * The symbol at @*addr in module @mod, or with !@*addr the first one in
 * its first 64 KiB of text (its address then in @*addr).
 */
static struct vr_error *lookup_module(struct vr_program *prog,
				      struct kobj mod, uint64_t *addr)
{
	struct symbolizer *sym;
	struct vr_error *err = NULL;
	uint64_t base = *addr;
	struct ksym k;

	if (!base)
		err = module_text_base(mod, &base);
	if (!err)
		err = symbolizer_create(prog, &sym);
	if (err)
		return err;
	for (uint64_t off = 0; off < (*addr ? 1 : 0x10000); off += 16) {
		vr_error_destroy(err);
		err = kallsyms_lookup(sym, base + off, &k);
		if (!err) {
			*addr = base + off;
			break;
		}
	}
	symbolizer_destroy(sym);
	return err;
}

/* A module past its symbol bound is left without symbols, alone. */
static void module_syms(struct vr_program *prog, const char *fixture,
			int *test_failed_)
{
	uint64_t a0 = 0, a1 = 0;
	struct kobj mods[2];

	(void)fixture;
	if (!two_modules(prog, mods))
		return;
	CHECK_OK(lookup_module(prog, mods[0], &a0));
	CHECK_OK(lookup_module(prog, mods[1], &a1));
	CHECK_OK(poke_uint(kobj_member(mods[0], "kallsyms->num_symtab"),
			   MODULE_MAX_SYMS + 1));
	CHECK_ERR(lookup_module(prog, mods[0], &a0), VR_ERR_NOT_FOUND);
	CHECK_OK(lookup_module(prog, mods[1], &a1));
	CHECK(logged(prog, "131073 symbols, more than 131072"));
}

TEST(module_symbol_bound)
{
	if (!for_each_fixture("vmcore.kdump-zlib", module_syms, test_failed_))
		printf("######## no fixture: module symbols test SKIPPED ########\n");
}

/* Run the emitter of @path alone. */
static struct vr_error *emit_one(struct vr_program *prog, const char *path)
{
	size_t n;
	const struct emitter *const *all = emitters_sorted(&n);
	struct emit_ctx ctx = { .prog = prog, .path = path };
	struct vr_error *err = NULL;
	bool found = false;

	for (size_t i = 0; all && i < n && !found; i++) {
		found = !strcmp(all[i]->path, path);
		if (found)
			err = all[i]->emit(&ctx);
	}
	strbuf_free(&ctx.out);
	free((void *)all);
	return found ? err : vr_error_create(VR_ERR_NOT_FOUND, "no %s", path);
}

/* A char device whose ->next is itself: a cycle, not 4096 copies. */
static void devices_cycle(struct vr_program *prog, const char *fixture,
			  int *test_failed_)
{
	struct kobj table = kobj_var(prog, "chrdevs");
	uint64_t p = 0;

	(void)fixture;
	CHECK_OK(emit_one(prog, "proc/devices"));
	for (uint64_t i = 0; !p && i < vr_type_unqualified(table.type)->length;
	     i++)
		CHECK_OK(kobj_read_u64(kobj_index(table, i), &p));
	if (!p)
		return;
	CHECK_OK(poke_uint(kobj_member(kobj_at(prog, "struct char_device_struct",
					       p), "next"), p));
	CHECK_ERR(emit_one(prog, "proc/devices"), VR_ERR_CORRUPT);
}

TEST(devices_cycle)
{
	if (!for_each_fixture("vmcore.kdump-zlib", devices_cycle, test_failed_))
		printf("######## no fixture: devices test SKIPPED ########\n");
}

/* crash_time() with the dump's VMCOREINFO replaced by @text. */
static struct vr_error *crash_time_with(struct vr_program *prog,
					const char *text, int64_t *t,
					const char **source)
{
	struct vr_vmcoreinfo *saved = prog->vmcoreinfo, *vi;
	struct vr_error *err = vr_vmcoreinfo_parse(text, strlen(text), &vi);

	if (err)
		return err;
	prog->vmcoreinfo = vi;
	err = crash_time(prog, t, source);
	prog->vmcoreinfo = saved;
	vr_vmcoreinfo_free(vi);
	return err;
}

/* A CRASHTIME gmtime_r() cannot take is no time: the timekeeper's is. */
static void crash_time_range(struct vr_program *prog, const char *fixture,
			     int *test_failed_)
{
	static const char *const bad[] = {
		"CRASHTIME=253402300800\n", "CRASHTIME=-1\n",
		"CRASHTIME=9223372036854775807\n",
	};
	const char *source = NULL;
	int64_t t = 0;

	(void)fixture;
	CHECK_OK(crash_time_with(prog, "CRASHTIME=253402300799\n", &t,
				 &source));
	CHECK_EQ_U64(t, 253402300799ULL);
	CHECK_STREQ(source, "VMCOREINFO CRASHTIME");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_OK(crash_time_with(prog, bad[i], &t, &source));
		CHECK_STREQ(source, "timekeeper");
		CHECK(t >= 0 && t <= 253402300799LL);
	}
}

TEST(crash_time_range)
{
	if (!for_each_fixture("vmcore.kdump-zlib", crash_time_range,
			      test_failed_))
		printf("######## no fixture: crash time test SKIPPED ########\n");
}

TEST(thread_walk_bound)
{
	CHECK_OK(thread_walk_bound(0));
	CHECK_OK(thread_walk_bound(PID_MAX_LIMIT - 1));
	CHECK_ERR(thread_walk_bound(PID_MAX_LIMIT), VR_ERR_LIMIT);
}

TEST_MAIN(T(module_names), T(module_symbol_bound), T(devices_cycle),
	  T(crash_time_range), T(thread_walk_bound))
