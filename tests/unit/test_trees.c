// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The list and tree walkers on structures built here by hand: a small
 * kernel memory (an ELF vmcore with one PT_LOAD, translated 1:1 by a fake
 * architecture) and the kernel's types as BTF.  Shapes: empty, one entry
 * at index 0, dense, sparse over several levels, deep; then cycles, bad
 * pointers and impossible values, which must end the walk with an error.
 * Expected values come from the construction, never from the walkers.
 *
 * Two type sets: "new" (xarray, maple tree, mm->mm_mt: v6.1+) and "old"
 * (struct radix_tree_node before v4.20, the mm->mmap VMA list before
 * v6.1).
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_dump_util.h"
#include "btf_blob.h"
#include "vr/btf.h"
#include "vr/list.h"
#include "vr/program.h"
#include "vr/tree.h"

/* ---- Types, as BTF ---- */

/* Type ids, in the order build_types() makes them. */
enum {
	T_ULONG = 1, T_UINT, T_UCHAR, T_VOIDP, T_LIST, T_LISTP, T_HHEAD,
	T_HNODE, T_HNODEP, T_HNODEPP, T_LLHEAD, T_LLNODE, T_LLNODEP, T_RBNODE,
	T_RBNODEP, T_RBROOT, T_ITEM, T_SLOTS64, T_MARKS, T_XA, T_XANODE, T_IDR,
	T_PIV15, T_SLOT16, T_PAD15, T_META, T_MR64_PAD, T_MR64_U, T_MR64,
	T_PIV9, T_SLOT10, T_GAP10, T_MA64, T_MNODE_U, T_MNODE, T_MT, T_MM,
	T_VMA, T_LAST = T_VMA,
};

static void array(struct blob *b, uint32_t elem, uint32_t n)
{
	ty(b, NULL, K_ARRAY, false, 0, 0);
	w(b, elem);
	w(b, T_UINT);
	w(b, n);
}

/* Layouts as in the kernel on a 64-bit machine; offsets in bits. */
static size_t build_types(struct blob *b, bool old, uint8_t *out)
{
	blob_init(b, 1, 0);
	int_type(b, "long unsigned int", 8, 0, 64);
	int_type(b, "unsigned int", 4, 0, 32);
	int_type(b, "unsigned char", 1, 0, 8);
	ty(b, NULL, K_PTR, false, 0, 0);
	ty(b, "list_head", K_STRUCT, false, 2, 16);
	member(b, "next", T_LISTP, 0);
	member(b, "prev", T_LISTP, 64);
	ty(b, NULL, K_PTR, false, 0, T_LIST);
	ty(b, "hlist_head", K_STRUCT, false, 1, 8);
	member(b, "first", T_HNODEP, 0);
	ty(b, "hlist_node", K_STRUCT, false, 2, 16);
	member(b, "next", T_HNODEP, 0);
	member(b, "pprev", T_HNODEPP, 64);
	ty(b, NULL, K_PTR, false, 0, T_HNODE);
	ty(b, NULL, K_PTR, false, 0, T_HNODEP);
	ty(b, "llist_head", K_STRUCT, false, 1, 8);
	member(b, "first", T_LLNODEP, 0);
	ty(b, "llist_node", K_STRUCT, false, 1, 8);
	member(b, "next", T_LLNODEP, 0);
	ty(b, NULL, K_PTR, false, 0, T_LLNODE);
	ty(b, "rb_node", K_STRUCT, false, 3, 24);
	member(b, "__rb_parent_color", T_ULONG, 0);
	member(b, "rb_right", T_RBNODEP, 64);
	member(b, "rb_left", T_RBNODEP, 128);
	ty(b, NULL, K_PTR, false, 0, T_RBNODE);
	ty(b, "rb_root", K_STRUCT, false, 1, 8);
	member(b, "rb_node", T_RBNODEP, 0);
	/* struct item: value 0, list 8, hnode 24, lnode 40, rb 48. */
	ty(b, "item", K_STRUCT, false, 5, 72);
	member(b, "value", T_ULONG, 0);
	member(b, "list", T_LIST, 64);
	member(b, "hnode", T_HNODE, 192);
	member(b, "lnode", T_LLNODE, 320);
	member(b, "rb", T_RBNODE, 384);
	array(b, T_VOIDP, 64);
	array(b, T_ULONG, 3);
	if (old) {
		/* v4.7 .. v4.19 */
		ty(b, "radix_tree_root", K_STRUCT, false, 2, 16);
		member(b, "gfp_mask", T_UINT, 0);
		member(b, "rnode", T_VOIDP, 64);
		ty(b, "radix_tree_node", K_STRUCT, false, 9, 576);
		member(b, "shift", T_UCHAR, 0);
		member(b, "offset", T_UCHAR, 8);
		member(b, "count", T_UCHAR, 16);
		member(b, "exceptional", T_UCHAR, 24);
		member(b, "parent", T_VOIDP, 64);
		member(b, "root", T_VOIDP, 128);
		member(b, "private_list", T_LIST, 192);
		member(b, "slots", T_SLOTS64, 320);
		member(b, "tags", T_MARKS, 4416);
	} else {
		ty(b, "xarray", K_STRUCT, false, 3, 16);
		member(b, "xa_lock", T_UINT, 0);
		member(b, "xa_flags", T_UINT, 32);
		member(b, "xa_head", T_VOIDP, 64);
		ty(b, "xa_node", K_STRUCT, false, 9, 576);
		member(b, "shift", T_UCHAR, 0);
		member(b, "offset", T_UCHAR, 8);
		member(b, "count", T_UCHAR, 16);
		member(b, "nr_values", T_UCHAR, 24);
		member(b, "parent", T_VOIDP, 64);
		member(b, "array", T_VOIDP, 128);
		member(b, "private_list", T_LIST, 192);
		member(b, "slots", T_SLOTS64, 320);
		member(b, "marks", T_MARKS, 4416);
	}
	ty(b, "idr", K_STRUCT, false, 3, 24);
	member(b, "idr_rt", T_XA, 0);
	member(b, "idr_base", T_UINT, 128);
	member(b, "idr_next", T_UINT, 160);
	array(b, T_ULONG, 15);
	array(b, T_VOIDP, 16);
	array(b, T_VOIDP, 15);
	ty(b, "maple_metadata", K_STRUCT, false, 2, 2);
	member(b, "end", T_UCHAR, 0);
	member(b, "gap", T_UCHAR, 8);
	ty(b, NULL, K_STRUCT, false, 2, 128);
	member(b, "pad", T_PAD15, 0);
	member(b, "meta", T_META, 960);
	ty(b, NULL, K_UNION, false, 2, 128);
	member(b, "slot", T_SLOT16, 0);
	member(b, NULL, T_MR64_PAD, 0);
	/* maple_range_64: parent 0, pivot 8, slot / meta.end 128 / 248 */
	ty(b, "maple_range_64", K_STRUCT, false, 3, 256);
	member(b, "parent", T_VOIDP, 0);
	member(b, "pivot", T_PIV15, 64);
	member(b, NULL, T_MR64_U, 1024);
	array(b, T_ULONG, 9);
	array(b, T_VOIDP, 10);
	array(b, T_ULONG, 10);
	/* maple_arange_64: parent 0, pivot 8, slot 80, gap 160, meta 240 */
	ty(b, "maple_arange_64", K_STRUCT, false, 5, 256);
	member(b, "parent", T_VOIDP, 0);
	member(b, "pivot", T_PIV9, 64);
	member(b, "slot", T_SLOT10, 640);
	member(b, "gap", T_GAP10, 1280);
	member(b, "meta", T_META, 1920);
	ty(b, NULL, K_UNION, false, 2, 256);
	member(b, "mr64", T_MR64, 0);
	member(b, "ma64", T_MA64, 0);
	ty(b, "maple_node", K_STRUCT, false, 1, 256);
	member(b, NULL, T_MNODE_U, 0);
	ty(b, "maple_tree", K_STRUCT, false, 3, 16);
	member(b, "ma_lock", T_UINT, 0);
	member(b, "ma_flags", T_UINT, 32);
	member(b, "ma_root", T_VOIDP, 64);
	if (old) {
		/* Before v6.1: mm->mmap, vma->vm_next. */
		ty(b, "mm_struct", K_STRUCT, false, 2, 16);
		member(b, "mmap", T_VOIDP, 0);
		member(b, "map_count", T_UINT, 64);
		ty(b, "vm_area_struct", K_STRUCT, false, 4, 32);
		member(b, "vm_start", T_ULONG, 0);
		member(b, "vm_end", T_ULONG, 64);
		member(b, "vm_next", T_VOIDP, 128);
		member(b, "vm_prev", T_VOIDP, 192);
	} else {
		ty(b, "mm_struct", K_STRUCT, false, 2, 24);
		member(b, "mm_mt", T_MT, 0);
		member(b, "map_count", T_UINT, 128);
		ty(b, "vm_area_struct", K_STRUCT, false, 3, 24);
		member(b, "vm_start", T_ULONG, 0);
		member(b, "vm_end", T_ULONG, 64);
		member(b, "vm_mm", T_VOIDP, 128);
	}
	if (b->next_id != T_LAST + 1)
		abort();
	return blob_finish(b, false, out);
}

/* ---- Memory ---- */

#define MEM_BASE 0xffff888000000000ULL
#define MEM_SIZE (1ULL << 20)
#define OUTSIDE (MEM_BASE + 2 * MEM_SIZE)	/* a pointer to nowhere */

/* Item, list and node offsets of the types above. */
#define ITEM_SIZE 72
#define ITEM_LIST 8
#define ITEM_HNODE 24
#define ITEM_LNODE 40
#define ITEM_RB 48
#define XA_HEAD 8
#define XA_SLOTS 40
#define MR64_PIVOT 8
#define MR64_SLOT 128
#define MR64_END 248
#define MA64_PIVOT 8
#define MA64_SLOT 80
#define MA64_END 240

static uint8_t *memory;
static uint64_t mem_top;

static bool fake_valid(const struct vr_program *prog, uint64_t vaddr)
{
	(void)prog;
	return vaddr >= MEM_BASE && vaddr - MEM_BASE < MEM_SIZE;
}

static bool fake_translate(const struct vr_program *prog, uint64_t vaddr,
			   uint64_t *paddr)
{
	if (!fake_valid(prog, vaddr))
		return false;
	*paddr = vaddr - MEM_BASE;
	return true;
}

static const struct vr_arch fake_arch = {
	.name = "fake",
	.e_machine = EM_X86_64,
	.vaddr_valid = fake_valid,
	.direct_translate = fake_translate,
};

static void mem_reset(void)
{
	if (!memory)
		memory = malloc(MEM_SIZE);
	if (!memory)
		abort();
	memset(memory, 0, MEM_SIZE);
	mem_top = 4096;	/* nothing at the very start */
}

/* @size zeroed bytes aligned to @align; a kernel virtual address. */
static uint64_t alloc(uint64_t size, uint64_t align)
{
	uint64_t at = (mem_top + align - 1) & ~(align - 1);

	if (at + size > MEM_SIZE)
		abort();
	mem_top = at + size;
	return MEM_BASE + at;
}

static void put(uint64_t addr, uint64_t v)
{
	if (addr < MEM_BASE || addr + 8 > MEM_BASE + MEM_SIZE)
		abort();
	for (int i = 0; i < 8; i++)
		memory[addr - MEM_BASE + i] = (uint8_t)(v >> (8 * i));
}

static void put8(uint64_t addr, uint8_t v)
{
	memory[addr - MEM_BASE] = v;
}

/*
 * The memory as a vmcore (ELF header, one PT_LOAD at physical 0) and the
 * types as BTF: a program that reads them.
 */
static struct vr_program *open_synthetic(bool old, int *test_failed_)
{
	static struct blob b;
	static uint8_t btf_data[24 + sizeof(b.w) + sizeof(b.s)];
	struct image m = { 0 };
	struct vr_program *prog = calloc(1, sizeof(*prog));
	struct vr_btf *btf = NULL;
	struct vr_error *err;
	size_t btf_size = build_types(&b, old, btf_data);
	char *path;

	if (!prog)
		abort();
	img_put(&m, 0, "\177ELF", 4);
	img_putn(&m, 4, ELFCLASS64, 1, 0);
	img_putn(&m, 5, ELFDATA2LSB, 1, 0);
	img_putn(&m, 6, EV_CURRENT, 1, 0);
	img_putn(&m, 16, ET_CORE, 2, 0);
	img_putn(&m, 18, EM_X86_64, 2, 0);
	img_putn(&m, 20, EV_CURRENT, 4, 0);
	img_putn(&m, 32, 64, 8, 0);		/* e_phoff */
	img_putn(&m, 52, 64, 2, 0);		/* e_ehsize */
	img_putn(&m, 54, 56, 2, 0);		/* e_phentsize */
	img_putn(&m, 56, 1, 2, 0);		/* e_phnum */
	img_putn(&m, 64, PT_LOAD, 4, 0);
	img_putn(&m, 64 + 8, 4096, 8, 0);	/* p_offset */
	img_putn(&m, 64 + 16, MEM_BASE, 8, 0);	/* p_vaddr */
	img_putn(&m, 64 + 24, 0, 8, 0);		/* p_paddr */
	img_putn(&m, 64 + 32, MEM_SIZE, 8, 0);
	img_putn(&m, 64 + 40, MEM_SIZE, 8, 0);
	img_put(&m, 4096, memory, MEM_SIZE);
	path = write_tmp("obj-trees", m.p, m.len);
	img_free(&m);
	err = vr_dump_open(path, &prog->dump);
	unlink(path);
	free(path);
	if (!err)
		err = vr_debuginfo_create(EM_X86_64, false, 8, &prog->dbg);
	if (!err)
		err = vr_btf_open(btf_data, btf_size, NULL, 8, &btf);
	if (!err)
		vr_debuginfo_use_btf(prog->dbg, btf, "BTF (test)");
	CHECK_OK(err);
	prog->arch = &fake_arch;
	prog->ptr_size = 8;
	prog->page_size = 4096;
	return prog;
}

/* ---- Collecting what a walk visits ---- */

#define MAX_VISITS 64

struct visits {
	unsigned int n;
	uint64_t first[MAX_VISITS], last[MAX_VISITS], entry[MAX_VISITS];
	unsigned int stop_after;	/* 0: never stop */
};

static bool visit(void *arg, uint64_t first, uint64_t last, uint64_t entry)
{
	struct visits *v = arg;

	if (v->n < MAX_VISITS) {
		v->first[v->n] = first;
		v->last[v->n] = last;
		v->entry[v->n] = entry;
	}
	v->n++;
	return v->n != v->stop_after;
}

/* An entry that can only come from slot @i: an aligned pointer. */
static uint64_t entry_for(uint64_t i)
{
	return 0xffffc90000000000ULL + (i << 4);
}

/* ---- Lists ---- */

/* @n items, values 100 + i, each on a list, an hlist and an llist. */
static void make_items(uint64_t *items, unsigned int n, uint64_t lhead,
		       uint64_t hhead, uint64_t llhead)
{
	for (unsigned int i = 0; i < n; i++) {
		items[i] = alloc(ITEM_SIZE, 8);
		put(items[i], 100 + i);
	}
	put(lhead, n ? items[0] + ITEM_LIST : lhead);
	put(lhead + 8, n ? items[n - 1] + ITEM_LIST : lhead);
	put(hhead, n ? items[0] + ITEM_HNODE : 0);
	put(llhead, n ? items[0] + ITEM_LNODE : 0);
	for (unsigned int i = 0; i < n; i++) {
		uint64_t l = items[i] + ITEM_LIST, h = items[i] + ITEM_HNODE;

		put(l, i + 1 < n ? items[i + 1] + ITEM_LIST : lhead);
		put(l + 8, i ? items[i - 1] + ITEM_LIST : lhead);
		put(h, i + 1 < n ? items[i + 1] + ITEM_HNODE : 0);
		put(h + 8, i ? items[i - 1] + ITEM_HNODE : hhead);
		put(items[i] + ITEM_LNODE,
		    i + 1 < n ? items[i + 1] + ITEM_LNODE : 0);
	}
}

enum list_kind { LIST, HLIST, LLIST };

/* Walk, collecting the values; the iterator's error is returned. */
static struct vr_error *walk(struct vr_program *prog, enum list_kind kind,
			     uint64_t head, uint64_t *values, unsigned int *n)
{
	struct list_iter it;
	struct kobj item;

	*n = 0;
	switch (kind) {
	case LIST:
		list_iter_init(&it, prog, head, "struct item", "list");
		break;
	case HLIST:
		hlist_iter_init(&it, prog, head, "struct item", "hnode");
		break;
	case LLIST:
		llist_iter_init(&it, prog, head, "struct item", "lnode");
		break;
	}
	while (list_iter_next(&it, &item)) {
		uint64_t v = 0;
		struct vr_error *err = kobj_read_u64(kobj_member(item, "value"),
						     &v);

		if (err)
			return err;
		if (*n < MAX_VISITS)
			values[*n] = v;
		++*n;
	}
	return it.err;
}

TEST(lists)
{
	uint64_t items[8], values[MAX_VISITS], heads[3], empty[3];
	struct vr_program *prog;
	unsigned int n;
	bool is_empty;

	mem_reset();
	for (int k = 0; k < 3; k++) {
		heads[k] = alloc(16, 8);
		empty[k] = alloc(16, 8);
	}
	make_items(items, 0, empty[LIST], empty[HLIST], empty[LLIST]);
	make_items(items, 5, heads[LIST], heads[HLIST], heads[LLIST]);
	prog = open_synthetic(false, test_failed_);
	for (int k = LIST; k <= LLIST; k++) {
		CHECK_OK(walk(prog, k, empty[k], values, &n));
		CHECK_EQ_U64(n, 0);
		CHECK_OK(walk(prog, k, heads[k], values, &n));
		CHECK_EQ_U64(n, 5);
		for (unsigned int i = 0; i < 5 && i < n; i++)
			CHECK_EQ_U64(values[i], 100 + i);
	}
	CHECK_OK(list_empty(prog, empty[LIST], &is_empty));
	CHECK(is_empty);
	CHECK_OK(hlist_empty(prog, empty[HLIST], &is_empty));
	CHECK(is_empty);
	CHECK_OK(llist_empty(prog, heads[LLIST], &is_empty));
	CHECK(!is_empty);
	/* A member the type does not have: an error, no walk. */
	{
		struct list_iter it;
		struct kobj item;

		hlist_iter_init(&it, prog, heads[HLIST], "struct item", "nope");
		CHECK(!list_iter_next(&it, &item));
		CHECK_ERR(it.err, VR_ERR_NOT_FOUND);
	}
	vr_program_close(prog);
}

/* Each kind of list with its 4th item pointing back at the 2nd. */
TEST(list_cycles)
{
	uint64_t items[8], values[MAX_VISITS], heads[3];
	struct vr_program *prog;
	unsigned int n;

	mem_reset();
	for (int k = 0; k < 3; k++)
		heads[k] = alloc(16, 8);
	make_items(items, 5, heads[LIST], heads[HLIST], heads[LLIST]);
	put(items[3] + ITEM_LIST, items[1] + ITEM_LIST);
	put(items[3] + ITEM_HNODE, items[1] + ITEM_HNODE);
	put(items[3] + ITEM_LNODE, items[1] + ITEM_LNODE);
	prog = open_synthetic(false, test_failed_);
	for (int k = LIST; k <= LLIST; k++) {
		CHECK_ERR(walk(prog, k, heads[k], values, &n), VR_ERR_CORRUPT);
		/* 100 101 102 103 then around again: stopped within 2 laps. */
		CHECK(n >= 4 && n <= 12);
		CHECK_EQ_U64(values[0], 100);
		CHECK_EQ_U64(values[3], 103);
	}
	vr_program_close(prog);
}

/* A self-loop, a NULL in a circular list and a pointer out of memory. */
TEST(list_bad_pointers)
{
	uint64_t items[8], values[MAX_VISITS], heads[3];
	struct vr_program *prog;
	unsigned int n;

	mem_reset();
	for (int k = 0; k < 3; k++)
		heads[k] = alloc(16, 8);
	make_items(items, 3, heads[LIST], heads[HLIST], heads[LLIST]);
	put(items[1] + ITEM_LIST, 0);
	put(items[0] + ITEM_HNODE, items[0] + ITEM_HNODE);
	put(items[2] + ITEM_LNODE, OUTSIDE);
	prog = open_synthetic(false, test_failed_);
	CHECK_ERR(walk(prog, LIST, heads[LIST], values, &n), VR_ERR_CORRUPT);
	CHECK_EQ_U64(n, 2);
	CHECK_ERR(walk(prog, HLIST, heads[HLIST], values, &n), VR_ERR_CORRUPT);
	CHECK(n >= 1 && n <= 3);
	/* The item at OUTSIDE is returned; reading it fails. */
	CHECK_ERR(walk(prog, LLIST, heads[LLIST], values, &n), VR_ERR_FAULT);
	CHECK_EQ_U64(n, 3);
	vr_program_close(prog);
}

/* ---- xarray and radix tree ---- */

/*
 * Node entries: xa_mk_node() (| 2) for an xarray, node_to_entry()
 * (| RADIX_TREE_INTERNAL_NODE, 1) for the radix tree before v4.20.
 */
static bool radix_old;

static uint64_t node_entry(uint64_t node)
{
	return node | (radix_old ? 1 : 2);
}

static uint64_t xa_new_node(unsigned int shift)
{
	uint64_t node = alloc(576, 64);

	put8(node, (uint8_t)shift);
	return node;
}

/*
 * Store @entry at @index in the tree whose top node is @top (shift
 * @top_shift), making the nodes on the way down.
 */
static void xa_store(uint64_t top, unsigned int top_shift, uint64_t index,
		     uint64_t entry)
{
	uint64_t node = top;

	for (unsigned int shift = top_shift; ; shift -= 6) {
		uint64_t slot = node + XA_SLOTS + ((index >> shift) & 63) * 8;
		uint64_t child;

		if (!shift) {
			put(slot, entry);
			return;
		}
		child = 0;
		memcpy(&child, memory + (slot - MEM_BASE), 8);
		if (!child) {
			child = node_entry(xa_new_node(shift - 6));
			put(slot, child);
		}
		node = child & ~3ULL;
	}
}

struct xa_case {
	uint64_t root;		/* struct xarray / radix_tree_root */
	unsigned int n;
	uint64_t index[8], entry[8];
};

static void check_xa(struct vr_program *prog, const struct xa_case *c,
		     int *test_failed_)
{
	struct visits v = { 0 };

	CHECK_OK(radix_tree_for_each(prog, c->root, visit, &v));
	CHECK_EQ_U64(v.n, c->n);
	for (unsigned int i = 0; i < c->n && i < v.n; i++) {
		uint64_t e = 1;

		CHECK_EQ_U64(v.first[i], c->index[i]);
		CHECK_EQ_U64(v.last[i], c->index[i]);
		CHECK_EQ_U64(v.entry[i], c->entry[i]);
		CHECK_OK(radix_tree_lookup(prog, c->root, c->index[i], &e));
		CHECK_EQ_U64(e, c->entry[i]);
		if (!radix_old) {
			e = 1;
			CHECK_OK(xa_load(prog, c->root, c->index[i], &e));
			CHECK_EQ_U64(e, c->entry[i]);
		}
	}
}

static uint64_t lookup(struct vr_program *prog, uint64_t root, uint64_t index,
		       int *test_failed_)
{
	uint64_t e = 1;

	CHECK_OK(radix_tree_lookup(prog, root, index, &e));
	return e;
}

static void xa_shapes(bool old, int *test_failed_)
{
	struct xa_case empty = { 0 }, single = { 0 }, sparse = { 0 };
	struct xa_case multi = { 0 };
	struct vr_program *prog;
	uint64_t top, leaf, dense, dense_top, idr;
	struct visits v = { 0 };

	radix_old = old;
	mem_reset();
	empty.root = alloc(16, 8);
	/* One entry at index 0: stored in the head itself. */
	single.root = alloc(16, 8);
	single.n = 1;
	single.entry[0] = entry_for(0);
	put(single.root + XA_HEAD, entry_for(0));
	/* Dense 0..99: a top node of shift 6 over two leaves. */
	dense = alloc(16, 8);
	dense_top = xa_new_node(6);
	put(dense + XA_HEAD, node_entry(dense_top));
	for (uint64_t i = 0; i < 100; i++)
		xa_store(dense_top, 6, i, entry_for(i));
	/* Sparse over 11 levels (shift 60 .. 0), and index ~0. */
	sparse.root = alloc(16, 8);
	top = xa_new_node(60);
	put(sparse.root + XA_HEAD, node_entry(top));
	{
		static const uint64_t idx[] = {
			5, 4096 * 3 + 7, 1ULL << 40, (1ULL << 63) + 1, ~0ULL,
		};

		sparse.n = 5;
		for (unsigned int i = 0; i < 5; i++) {
			sparse.index[i] = idx[i];
			sparse.entry[i] = entry_for(i + 1000);
			xa_store(top, 60, idx[i], sparse.entry[i]);
		}
	}
	/*
	 * A multi-index entry over 4..7 (slot 4 and three siblings), a value
	 * entry (xarray) / exceptional entry (radix) at 9, and at 10 the
	 * reserved XA_ZERO_ENTRY (xarray) / a retry entry (radix): hidden.
	 */
	multi.root = alloc(16, 8);
	leaf = xa_new_node(0);
	put(multi.root + XA_HEAD, node_entry(leaf));
	put(leaf + XA_SLOTS + 4 * 8, entry_for(4));
	for (uint64_t s = 5; s < 8; s++)
		put(leaf + XA_SLOTS + s * 8,
		    old ? (leaf + XA_SLOTS + 4 * 8) | 1 : (4 << 2) | 2);
	put(leaf + XA_SLOTS + 9 * 8, old ? (77 << 2) | 2 : (77 << 1) | 1);
	put(leaf + XA_SLOTS + 10 * 8, old ? 1 : (257 << 2) | 2);
	multi.n = 2;
	multi.index[0] = 4;
	multi.entry[0] = entry_for(4);
	multi.index[1] = 9;
	multi.entry[1] = old ? (77 << 2) | 2 : (77 << 1) | 1;
	/* An IDR from 1: ids 1 .. 3 at indices 0 .. 2 of one leaf. */
	idr = alloc(24, 8);
	put(idr + 16, 1);		/* idr_base */
	top = xa_new_node(0);
	put(idr + XA_HEAD, node_entry(top));
	for (uint64_t i = 0; i < 3; i++)
		xa_store(top, 0, i, entry_for(500 + i));
	prog = open_synthetic(old, test_failed_);

	check_xa(prog, &empty, test_failed_);
	CHECK_EQ_U64(lookup(prog, empty.root, 0, test_failed_), 0);
	check_xa(prog, &single, test_failed_);
	CHECK_EQ_U64(lookup(prog, single.root, 1, test_failed_), 0);
	CHECK_EQ_U64(lookup(prog, single.root, ~0ULL, test_failed_), 0);

	/* Dense: every index, in order; past the ends nothing. */
	CHECK_OK(radix_tree_for_each(prog, dense, visit, &v));
	CHECK_EQ_U64(v.n, 100);
	for (unsigned int i = 0; i < 100 && i < MAX_VISITS; i++) {
		CHECK_EQ_U64(v.first[i], i);
		CHECK_EQ_U64(v.entry[i], entry_for(i));
	}
	for (uint64_t i = 0; i < 100; i++)
		CHECK_EQ_U64(lookup(prog, dense, i, test_failed_),
			     entry_for(i));
	CHECK_EQ_U64(lookup(prog, dense, 100, test_failed_), 0);
	CHECK_EQ_U64(lookup(prog, dense, 4095, test_failed_), 0);
	CHECK_EQ_U64(lookup(prog, dense, 4096, test_failed_), 0);
	/* The callback stops the walk. */
	v = (struct visits){ .stop_after = 3 };
	CHECK_OK(radix_tree_for_each(prog, dense, visit, &v));
	CHECK_EQ_U64(v.n, 3);

	check_xa(prog, &sparse, test_failed_);
	CHECK_EQ_U64(lookup(prog, sparse.root, 6, test_failed_), 0);
	CHECK_EQ_U64(lookup(prog, sparse.root, (1ULL << 40) + 1, test_failed_), 0);
	CHECK_EQ_U64(lookup(prog, sparse.root, 1ULL << 63, test_failed_), 0);

	check_xa(prog, &multi, test_failed_);
	for (uint64_t i = 4; i < 8; i++)
		CHECK_EQ_U64(lookup(prog, multi.root, i, test_failed_),
			     entry_for(4));
	CHECK_EQ_U64(lookup(prog, multi.root, 10, test_failed_), 0);
	CHECK_EQ_U64(lookup(prog, multi.root, 3, test_failed_), 0);

	/* IDR: ids from idr_base. */
	v = (struct visits){ 0 };
	CHECK_OK(idr_for_each(prog, idr, visit, &v));
	CHECK_EQ_U64(v.n, 3);
	for (unsigned int i = 0; i < 3 && i < v.n; i++) {
		uint64_t e = 1;

		CHECK_EQ_U64(v.first[i], i + 1);
		CHECK_EQ_U64(v.entry[i], entry_for(500 + i));
		CHECK_OK(idr_find(prog, idr, i + 1, &e));
		CHECK_EQ_U64(e, entry_for(500 + i));
	}
	{
		uint64_t e = 1;

		CHECK_OK(idr_find(prog, idr, 0, &e));
		CHECK_EQ_U64(e, 0);
	}
	vr_program_close(prog);
}

TEST(xarray_shapes)
{
	xa_shapes(false, test_failed_);
}

TEST(radix_tree_before_4_20)
{
	xa_shapes(true, test_failed_);
}

/* Node loops, wrong shifts and pointers out of memory. */
static void xa_corrupt(bool old, int *test_failed_)
{
	uint64_t self, up, shift, out, leafnode, top, mid;
	struct vr_program *prog;
	struct visits v = { 0 };
	uint64_t e;

	radix_old = old;
	mem_reset();
	/* A node whose slot 3 holds itself. */
	self = alloc(16, 8);
	top = xa_new_node(6);
	put(self + XA_HEAD, node_entry(top));
	put(top + XA_SLOTS + 3 * 8, node_entry(top));
	/* Three levels, the bottom one pointing back at the top. */
	up = alloc(16, 8);
	top = xa_new_node(12);
	put(up + XA_HEAD, node_entry(top));
	xa_store(top, 12, 0, entry_for(1));
	mid = 0;
	memcpy(&mid, memory + (top + XA_SLOTS - MEM_BASE), 8);
	mid &= ~3ULL;
	put(mid + XA_SLOTS + 5 * 8, node_entry(top));
	/* A child node with the shift of a grandchild. */
	shift = alloc(16, 8);
	top = xa_new_node(12);
	put(shift + XA_HEAD, node_entry(top));
	leafnode = xa_new_node(0);
	put(top + XA_SLOTS, node_entry(leafnode));
	/* A node entry out of memory, below one good entry. */
	out = alloc(16, 8);
	top = xa_new_node(6);
	put(out + XA_HEAD, node_entry(top));
	put(top + XA_SLOTS, entry_for(7));
	put(top + XA_SLOTS + 8, node_entry(OUTSIDE));
	prog = open_synthetic(old, test_failed_);

	CHECK_ERR(radix_tree_for_each(prog, self, visit, &v), VR_ERR_CORRUPT);
	CHECK_EQ_U64(v.n, 0);
	CHECK_ERR(radix_tree_lookup(prog, self, 3 << 6, &e), VR_ERR_CORRUPT);
	v = (struct visits){ 0 };
	CHECK_ERR(radix_tree_for_each(prog, up, visit, &v), VR_ERR_CORRUPT);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.entry[0], entry_for(1));
	CHECK_ERR(radix_tree_lookup(prog, up, 5 << 6, &e), VR_ERR_CORRUPT);
	CHECK_ERR(radix_tree_for_each(prog, shift, visit, &v), VR_ERR_CORRUPT);
	CHECK_ERR(radix_tree_lookup(prog, shift, 1, &e), VR_ERR_CORRUPT);
	v = (struct visits){ 0 };
	CHECK_ERR(radix_tree_for_each(prog, out, visit, &v), VR_ERR_FAULT);
	CHECK_EQ_U64(v.n, 1);
	CHECK_ERR(radix_tree_lookup(prog, out, 64, &e), VR_ERR_FAULT);
	e = 1;
	CHECK_OK(radix_tree_lookup(prog, out, 0, &e));
	CHECK_EQ_U64(e, entry_for(7));
	vr_program_close(prog);
}

TEST(xarray_corrupt)
{
	xa_corrupt(false, test_failed_);
}

TEST(radix_tree_corrupt)
{
	xa_corrupt(true, test_failed_);
}

/* ---- Maple tree ---- */

enum { MT_LEAF = 1, MT_RANGE = 2, MT_ARANGE = 3 };

/* mt_mk_node(): the node, its type in bits 3-6, MAPLE_ENODE_NULL (4). */
static uint64_t enode(uint64_t node, unsigned int type)
{
	return node | type << 3 | 4;
}

/* The root entry: mte_mk_root() adds MAPLE_ROOT_NODE (2). */
static uint64_t mt_root(uint64_t node, unsigned int type)
{
	return enode(node, type) | 2;
}

/*
 * A node of @type with @n slots: @pivot[0 .. n - 2] (the last slot ends
 * at the node's max) and meta.end = n - 1, as the kernel keeps it when
 * the node is not full.
 */
static uint64_t mt_node(unsigned int type, unsigned int n,
			const uint64_t *pivot, const uint64_t *slot)
{
	uint64_t node = alloc(256, 256);
	bool a = type == MT_ARANGE;

	for (unsigned int i = 0; i < n; i++) {
		if (i + 1 < n)
			put(node + (a ? MA64_PIVOT : MR64_PIVOT) + i * 8, pivot[i]);
		put(node + (a ? MA64_SLOT : MR64_SLOT) + i * 8, slot[i]);
	}
	put8(node + (a ? MA64_END : MR64_END), (uint8_t)(n - 1));
	return node;
}

struct mt_expect {
	unsigned int n;
	uint64_t first[8], last[8], entry[8];
};

static void check_mt(struct vr_program *prog, uint64_t mt,
		     const struct mt_expect *x, int *test_failed_)
{
	struct visits v = { 0 };

	CHECK_OK(mt_for_each(prog, mt, visit, &v));
	CHECK_EQ_U64(v.n, x->n);
	for (unsigned int i = 0; i < x->n && i < v.n; i++) {
		uint64_t e1 = 1, e2 = 1;

		CHECK_EQ_U64(v.first[i], x->first[i]);
		CHECK_EQ_U64(v.last[i], x->last[i]);
		CHECK_EQ_U64(v.entry[i], x->entry[i]);
		CHECK_OK(mtree_load(prog, mt, x->first[i], &e1));
		CHECK_OK(mtree_load(prog, mt, x->last[i], &e2));
		CHECK_EQ_U64(e1, x->entry[i]);
		CHECK_EQ_U64(e2, x->entry[i]);
	}
}

static uint64_t mt_lookup(struct vr_program *prog, uint64_t mt,
			  uint64_t index, int *test_failed_)
{
	uint64_t e = 1;

	CHECK_OK(mtree_load(prog, mt, index, &e));
	return e;
}

#define MAX ~0ULL

/*
 * The sparse tree (root of @root_type):
 *   root: [0, 999] A, [1000, 2^40] B, [2^40 + 1, MAX] C
 *   A leaf:  [0, 99] -, [100, 100] E1, [101, 999] -
 *   B range: [1000, 2^20] B1, [2^20 + 1, 2^40] B2
 *     B1 leaf: [1000, 1999] E2, [2000, 2^20] -
 *     B2 leaf: [.., 2^30 - 1] -, [2^30, 2^30 + 4095] E3, [.., 2^40] -
 *   C leaf:  [2^40 + 1, MAX] E4
 */
static uint64_t mt_sparse(unsigned int root_type, struct mt_expect *x)
{
	const uint64_t G = 1ULL << 30, T = 1ULL << 40, M = 1ULL << 20;
	uint64_t a, b, b1, b2, c, root, mt = alloc(16, 8);

	a = mt_node(MT_LEAF, 3, (uint64_t[]){ 99, 100 },
		    (uint64_t[]){ 0, entry_for(1), 0 });
	b1 = mt_node(MT_LEAF, 2, (uint64_t[]){ 1999 },
		     (uint64_t[]){ entry_for(2), 0 });
	b2 = mt_node(MT_LEAF, 3, (uint64_t[]){ G - 1, G + 4095 },
		     (uint64_t[]){ 0, entry_for(3), 0 });
	b = mt_node(MT_RANGE, 2, (uint64_t[]){ M },
		    (uint64_t[]){ enode(b1, MT_LEAF), enode(b2, MT_LEAF) });
	c = mt_node(MT_LEAF, 1, NULL, (uint64_t[]){ entry_for(4) });
	root = mt_node(root_type, 3, (uint64_t[]){ 999, T },
		       (uint64_t[]){ enode(a, MT_LEAF), enode(b, MT_RANGE),
				     enode(c, MT_LEAF) });
	put(mt + 8, mt_root(root, root_type));
	*x = (struct mt_expect){
		.n = 4,
		.first = { 100, 1000, G, T + 1 },
		.last = { 100, 1999, G + 4095, MAX },
		.entry = { entry_for(1), entry_for(2), entry_for(3),
			   entry_for(4) },
	};
	return mt;
}

TEST(maple_tree_shapes)
{
	struct mt_expect none = { 0 }, single, sparse_r, sparse_a, deep;
	uint64_t empty, one, full, sr, sa, chain, node;
	struct vr_program *prog;

	mem_reset();
	empty = alloc(16, 8);
	/* One entry at 0: ma_root is the entry itself. */
	one = alloc(16, 8);
	put(one + 8, entry_for(0));
	single = (struct mt_expect){ 1, { 0 }, { 0 }, { entry_for(0) } };
	/*
	 * A full leaf: [i, i] for i = 0 .. 14, then [15, MAX] empty.  Its
	 * last pivot (14) is neither 0 nor the max: all 16 slots are used.
	 */
	{
		uint64_t piv[15], slot[16] = { 0 };

		for (unsigned int i = 0; i < 15; i++) {
			piv[i] = i;
			slot[i] = entry_for(i);
		}
		node = alloc(256, 256);
		for (unsigned int i = 0; i < 15; i++) {
			put(node + MR64_PIVOT + i * 8, piv[i]);
			put(node + MR64_SLOT + i * 8, slot[i]);
		}
		full = alloc(16, 8);
		put(full + 8, mt_root(node, MT_LEAF));
	}
	sr = mt_sparse(MT_RANGE, &sparse_r);
	sa = mt_sparse(MT_ARANGE, &sparse_a);
	/*
	 * Deep: 12 range nodes, each with [min, 2^(50 - 2i)] below it and
	 * [.., max] empty-leaf beside it; the bottom leaf holds [5, 5].
	 */
	{
		uint64_t leaf = mt_node(MT_LEAF, 3, (uint64_t[]){ 4, 5 },
					(uint64_t[]){ 0, entry_for(5), 0 });
		uint64_t below = enode(leaf, MT_LEAF);

		for (int i = 11; i >= 0; i--) {
			uint64_t side = mt_node(MT_LEAF, 1, NULL, (uint64_t[]){ 0 });

			node = mt_node(MT_RANGE, 2,
				       (uint64_t[]){ 1ULL << (50 - 2 * i) },
				       (uint64_t[]){ below, enode(side, MT_LEAF) });
			below = enode(node, MT_RANGE);
		}
		chain = alloc(16, 8);
		put(chain + 8, below | 2);
		deep = (struct mt_expect){ 1, { 5 }, { 5 }, { entry_for(5) } };
	}
	prog = open_synthetic(false, test_failed_);

	check_mt(prog, empty, &none, test_failed_);
	CHECK_EQ_U64(mt_lookup(prog, empty, 0, test_failed_), 0);
	check_mt(prog, one, &single, test_failed_);
	CHECK_EQ_U64(mt_lookup(prog, one, 1, test_failed_), 0);
	{
		struct visits v = { 0 };

		CHECK_OK(mt_for_each(prog, full, visit, &v));
		CHECK_EQ_U64(v.n, 15);
		for (unsigned int i = 0; i < 15 && i < v.n; i++) {
			CHECK_EQ_U64(v.first[i], i);
			CHECK_EQ_U64(v.last[i], i);
			CHECK_EQ_U64(v.entry[i], entry_for(i));
			CHECK_EQ_U64(mt_lookup(prog, full, i, test_failed_),
				     entry_for(i));
		}
		CHECK_EQ_U64(mt_lookup(prog, full, 15, test_failed_), 0);
		CHECK_EQ_U64(mt_lookup(prog, full, MAX, test_failed_), 0);
	}
	check_mt(prog, sr, &sparse_r, test_failed_);
	check_mt(prog, sa, &sparse_a, test_failed_);
	for (int a = 0; a < 2; a++) {
		uint64_t mt = a ? sa : sr;

		CHECK_EQ_U64(mt_lookup(prog, mt, 99, test_failed_), 0);
		CHECK_EQ_U64(mt_lookup(prog, mt, 101, test_failed_), 0);
		CHECK_EQ_U64(mt_lookup(prog, mt, 1500, test_failed_),
			     entry_for(2));
		CHECK_EQ_U64(mt_lookup(prog, mt, 2000, test_failed_), 0);
		CHECK_EQ_U64(mt_lookup(prog, mt, (1ULL << 30) + 5,
				       test_failed_), entry_for(3));
		CHECK_EQ_U64(mt_lookup(prog, mt, (1ULL << 30) + 4096,
				       test_failed_), 0);
		CHECK_EQ_U64(mt_lookup(prog, mt, 1ULL << 40, test_failed_), 0);
		CHECK_EQ_U64(mt_lookup(prog, mt, (1ULL << 40) + 1,
				       test_failed_), entry_for(4));
	}
	check_mt(prog, chain, &deep, test_failed_);
	CHECK_EQ_U64(mt_lookup(prog, chain, 4, test_failed_), 0);
	CHECK_EQ_U64(mt_lookup(prog, chain, 6, test_failed_), 0);
	CHECK_EQ_U64(mt_lookup(prog, chain, MAX, test_failed_), 0);
	vr_program_close(prog);
}

TEST(maple_tree_corrupt)
{
	uint64_t self, up, toodeep, outside, order, node, top, e;
	struct vr_program *prog;
	struct visits v = { 0 };

	mem_reset();
	/* A range node whose first child is itself. */
	self = alloc(16, 8);
	node = alloc(256, 256);
	put(node + MR64_PIVOT, 10);
	put(node + MR64_SLOT, enode(node, MT_RANGE));
	put(node + MR64_SLOT + 8, enode(node, MT_RANGE));
	put8(node + MR64_END, 1);
	put(self + 8, mt_root(node, MT_RANGE));
	/* Top -> child -> back to the top, in the child's first slot. */
	up = alloc(16, 8);
	top = alloc(256, 256);
	node = mt_node(MT_RANGE, 1, NULL,
		       (uint64_t[]){ enode(top, MT_RANGE) });
	put(top + MR64_SLOT, enode(node, MT_RANGE));
	put(up + 8, mt_root(top, MT_RANGE));
	/* 40 range nodes in a chain: deeper than MAPLE_HEIGHT_MAX (31). */
	toodeep = alloc(16, 8);
	node = mt_node(MT_LEAF, 1, NULL, (uint64_t[]){ entry_for(1) });
	e = enode(node, MT_LEAF);
	for (int i = 0; i < 40; i++) {
		node = mt_node(MT_RANGE, 1, NULL, (uint64_t[]){ e });
		e = enode(node, MT_RANGE);
	}
	put(toodeep + 8, e | 2);
	/* A child out of memory after a good leaf. */
	outside = alloc(16, 8);
	node = mt_node(MT_LEAF, 1, NULL, (uint64_t[]){ entry_for(2) });
	top = mt_node(MT_RANGE, 2, (uint64_t[]){ 100 },
		      (uint64_t[]){ enode(node, MT_LEAF),
				    enode(OUTSIDE, MT_LEAF) });
	put(outside + 8, mt_root(top, MT_RANGE));
	/* Pivots going down: [0, 50] then [51, 20]. */
	order = alloc(16, 8);
	node = mt_node(MT_LEAF, 3, (uint64_t[]){ 50, 20 },
		       (uint64_t[]){ entry_for(3), entry_for(4), 0 });
	put(order + 8, mt_root(node, MT_LEAF));
	prog = open_synthetic(false, test_failed_);

	CHECK_ERR(mt_for_each(prog, self, visit, &v), VR_ERR_CORRUPT);
	CHECK_EQ_U64(v.n, 0);
	CHECK_ERR(mt_for_each(prog, up, visit, &v), VR_ERR_CORRUPT);
	CHECK_EQ_U64(v.n, 0);
	CHECK_ERR(mtree_load(prog, up, 5, &e), VR_ERR_CORRUPT);
	CHECK_ERR(mt_for_each(prog, toodeep, visit, &v), VR_ERR_LIMIT);
	CHECK_ERR(mtree_load(prog, toodeep, 0, &e), VR_ERR_CORRUPT);
	CHECK_ERR(mt_for_each(prog, outside, visit, &v), VR_ERR_FAULT);
	CHECK_EQ_U64(v.n, 1);
	CHECK_EQ_U64(v.entry[0], entry_for(2));
	CHECK_ERR(mtree_load(prog, outside, 101, &e), VR_ERR_FAULT);
	v = (struct visits){ 0 };
	CHECK_ERR(mt_for_each(prog, order, visit, &v), VR_ERR_CORRUPT);
	CHECK_EQ_U64(v.n, 1);
	vr_program_close(prog);
}

/* ---- rbtree ---- */

#define RB_BLACK 1

/* A balanced tree of items lo .. hi - 1 (value = key); its root node. */
static uint64_t rb_build(uint64_t *items, int lo, int hi, uint64_t parent)
{
	int mid;
	uint64_t node;

	if (lo >= hi)
		return 0;
	mid = lo + (hi - lo) / 2;
	node = items[mid] + ITEM_RB;
	put(node, parent | RB_BLACK);
	put(node + 16, rb_build(items, lo, mid, node));
	put(node + 8, rb_build(items, mid + 1, hi, node));
	return node;
}

struct rb_values {
	unsigned int n;
	uint64_t v[128];
};

static bool rb_visit(void *arg, uint64_t first, uint64_t last, uint64_t node)
{
	struct rb_values *r = arg;

	(void)first;
	(void)last;
	if (r->n < 128)
		memcpy(&r->v[r->n], memory + (node - ITEM_RB - MEM_BASE), 8);
	r->n++;
	return true;
}

TEST(rbtree_shapes)
{
	uint64_t items[100], empty, single, dense, chain, node;
	struct vr_program *prog;
	struct rb_values r = { 0 };

	mem_reset();
	for (int i = 0; i < 100; i++) {
		items[i] = alloc(ITEM_SIZE, 8);
		put(items[i], i);
	}
	empty = alloc(8, 8);
	single = alloc(8, 8);
	put(single, rb_build(items, 99, 100, 0));
	dense = alloc(8, 8);
	put(dense, rb_build(items, 0, 63, 0));
	/* Deep: 36 nodes, each the right child of the one before. */
	chain = alloc(8, 8);
	node = 0;
	for (int i = 63; i < 99; i++) {
		uint64_t n = items[i] + ITEM_RB;

		put(n, node | RB_BLACK);
		if (node)
			put(node + 8, n);
		else
			put(chain, n);
		node = n;
	}
	prog = open_synthetic(false, test_failed_);

	CHECK_OK(rbtree_for_each(prog, empty, rb_visit, &r));
	CHECK_EQ_U64(r.n, 0);
	CHECK_OK(rb_first(prog, empty, &node));
	CHECK_EQ_U64(node, 0);
	CHECK_OK(rbtree_for_each(prog, single, rb_visit, &r));
	CHECK_EQ_U64(r.n, 1);
	CHECK_EQ_U64(r.v[0], 99);
	r.n = 0;
	CHECK_OK(rbtree_for_each(prog, dense, rb_visit, &r));
	CHECK_EQ_U64(r.n, 63);
	for (unsigned int i = 0; i < 63 && i < r.n; i++)
		CHECK_EQ_U64(r.v[i], i);
	CHECK_OK(rb_first(prog, dense, &node));
	CHECK_EQ_U64(node, items[0] + ITEM_RB);
	CHECK_OK(rb_next(prog, items[31] + ITEM_RB, &node));
	CHECK_EQ_U64(node, items[32] + ITEM_RB);
	CHECK_OK(rb_next(prog, items[62] + ITEM_RB, &node));
	CHECK_EQ_U64(node, 0);
	r.n = 0;
	CHECK_OK(rbtree_for_each(prog, chain, rb_visit, &r));
	CHECK_EQ_U64(r.n, 36);
	for (unsigned int i = 0; i < 36 && i < r.n; i++)
		CHECK_EQ_U64(r.v[i], 63 + i);
	vr_program_close(prog);
}

TEST(rbtree_corrupt)
{
	uint64_t items[200], right, left, parents, outside, a, b;
	struct vr_program *prog;
	struct rb_values r = { 0 };

	mem_reset();
	for (int i = 0; i < 200; i++) {
		items[i] = alloc(ITEM_SIZE, 8);
		put(items[i], i);
	}
	/* A's right child B, whose right child is A again (parents agree). */
	right = alloc(8, 8);
	a = items[0] + ITEM_RB;
	b = items[1] + ITEM_RB;
	put(right, a);
	put(a, b | RB_BLACK);
	put(a + 8, b);
	put(b, a | RB_BLACK);
	put(b + 8, a);
	/* 170 nodes down the left: deeper than any red-black tree. */
	left = alloc(8, 8);
	put(left, items[30] + ITEM_RB);
	for (int i = 30; i < 199; i++)
		put(items[i] + ITEM_RB + 16, items[i + 1] + ITEM_RB);
	/*
	 * C's parent D has C as its right child and C as its parent: the
	 * successor of C is C again.
	 */
	parents = alloc(8, 8);
	a = items[10] + ITEM_RB;
	b = items[11] + ITEM_RB;
	put(parents, a);
	put(a, b);
	put(b, a);
	put(b + 8, a);
	/* A left child out of memory. */
	outside = alloc(8, 8);
	put(outside, items[20] + ITEM_RB);
	put(items[20] + ITEM_RB + 16, OUTSIDE);
	prog = open_synthetic(false, test_failed_);

	CHECK_ERR(rbtree_for_each(prog, right, rb_visit, &r), VR_ERR_CORRUPT);
	CHECK(r.n >= 2 && r.n <= 8);
	CHECK_EQ_U64(r.v[0], 0);
	CHECK_EQ_U64(r.v[1], 1);
	r.n = 0;
	CHECK_ERR(rbtree_for_each(prog, left, rb_visit, &r), VR_ERR_CORRUPT);
	CHECK_EQ_U64(r.n, 0);
	CHECK_ERR(rbtree_for_each(prog, parents, rb_visit, &r), VR_ERR_CORRUPT);
	CHECK_EQ_U64(r.n, 1);
	r.n = 0;
	CHECK_ERR(rbtree_for_each(prog, outside, rb_visit, &r), VR_ERR_FAULT);
	CHECK_EQ_U64(r.n, 0);
	vr_program_close(prog);
}

/* ---- VMAs: the maple tree (v6.1+) and the vm_next list (before) ---- */

static uint64_t make_vma(uint64_t start, uint64_t end)
{
	uint64_t vma = alloc(32, 8);

	put(vma, start);
	put(vma + 8, end);
	return vma;
}

TEST(vmas_maple_tree)
{
	uint64_t mm, v1, v2, leaf;
	struct vr_program *prog;
	struct visits v = { 0 };

	mem_reset();
	mm = alloc(24, 8);
	v1 = make_vma(0x1000, 0x2000);
	v2 = make_vma(0x5000, 0x9000);
	leaf = mt_node(MT_LEAF, 4, (uint64_t[]){ 0xfff, 0x1fff, 0x4fff },
		       (uint64_t[]){ 0, v1, 0, 0 });
	/* v2 in slot 3 up to 0x8fff, then an empty [0x9000, MAX]. */
	put(leaf + MR64_PIVOT + 3 * 8, 0x8fff);
	put(leaf + MR64_SLOT + 3 * 8, v2);
	put8(leaf + MR64_END, 4);
	put(mm + 8, mt_root(leaf, MT_LEAF));
	prog = open_synthetic(false, test_failed_);
	CHECK_OK(mm_for_each_vma(kobj_at(prog, "struct mm_struct", mm), visit,
				 &v));
	CHECK_EQ_U64(v.n, 2);
	CHECK_EQ_U64(v.first[0], 0x1000);
	CHECK_EQ_U64(v.last[0], 0x1fff);
	CHECK_EQ_U64(v.entry[0], v1);
	CHECK_EQ_U64(v.first[1], 0x5000);
	CHECK_EQ_U64(v.last[1], 0x8fff);
	CHECK_EQ_U64(v.entry[1], v2);
	vr_program_close(prog);
}

TEST(vmas_list_before_6_1)
{
	uint64_t mm, none, loop, bad, vma[4];
	struct vr_program *prog;
	struct visits v = { 0 };

	mem_reset();
	none = alloc(16, 8);
	mm = alloc(16, 8);
	vma[0] = make_vma(0x400000, 0x401000);
	vma[1] = make_vma(0x600000, 0x603000);
	vma[2] = make_vma(0x7ffff000, 0x80000000);
	put(mm, vma[0]);
	put(vma[0] + 16, vma[1]);
	put(vma[1] + 16, vma[2]);
	/* The third VMA's vm_next back at the second. */
	loop = alloc(16, 8);
	vma[3] = make_vma(0x1000, 0x2000);
	put(loop, vma[3]);
	put(vma[3] + 16, vma[3]);
	/* vm_end before vm_start. */
	bad = alloc(16, 8);
	put(bad, make_vma(0x9000, 0x8000));
	prog = open_synthetic(true, test_failed_);
	CHECK_OK(mm_for_each_vma(kobj_at(prog, "struct mm_struct", none),
				 visit, &v));
	CHECK_EQ_U64(v.n, 0);
	CHECK_OK(mm_for_each_vma(kobj_at(prog, "struct mm_struct", mm), visit,
				 &v));
	CHECK_EQ_U64(v.n, 3);
	CHECK_EQ_U64(v.first[0], 0x400000);
	CHECK_EQ_U64(v.last[0], 0x400fff);
	CHECK_EQ_U64(v.entry[0], vma[0]);
	CHECK_EQ_U64(v.first[2], 0x7ffff000);
	CHECK_EQ_U64(v.last[2], 0x7fffffff);
	CHECK_EQ_U64(v.entry[2], vma[2]);
	v = (struct visits){ 0 };
	CHECK_ERR(mm_for_each_vma(kobj_at(prog, "struct mm_struct", loop),
				  visit, &v), VR_ERR_CORRUPT);
	CHECK(v.n >= 1 && v.n <= 2);
	CHECK_ERR(mm_for_each_vma(kobj_at(prog, "struct mm_struct", bad),
				  visit, &v), VR_ERR_CORRUPT);
	/* No maple tree types in use: the list it is. */
	vr_program_close(prog);
}

/* ---- vr_type_find_member() and its cache ---- */

static uint64_t member_off(const struct vr_type *t, const char *name)
{
	uint64_t off = 0;

	if (!vr_type_find_member(t, name, strlen(name), &off))
		return ~0ULL;
	return off / 8;
}

TEST(member_cache)
{
	static const struct {
		const char *type, *member;
		uint64_t off;
	} want[] = {
		{ "struct maple_range_64", "parent", 0 },
		{ "struct maple_range_64", "pivot", 8 },
		{ "struct maple_range_64", "slot", 128 },	/* anonymous union */
		{ "struct maple_range_64", "pad", 128 },	/* union, struct */
		{ "struct maple_range_64", "meta", 248 },
		{ "struct maple_node", "mr64", 0 },
		{ "struct maple_node", "ma64", 0 },
		{ "struct xa_node", "shift", 0 },
		{ "struct xa_node", "offset", 1 },
		{ "struct xa_node", "count", 2 },
		{ "struct xa_node", "nr_values", 3 },
		{ "struct xa_node", "parent", 8 },
		{ "struct xa_node", "array", 16 },
		{ "struct xa_node", "private_list", 24 },
		{ "struct xa_node", "slots", 40 },
		{ "struct xa_node", "marks", 552 },
		{ "struct item", "rb", 48 },
	};
	struct vr_program *prog;
	uint64_t off = 0;

	mem_reset();
	prog = open_synthetic(false, test_failed_);
	/* Twice: the first fills the cache, the second uses it. */
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			const struct vr_type *t = NULL;

			CHECK_OK(vr_debuginfo_find_type(prog->dbg, want[i].type,
							&t));
			if (!t)
				continue;
			if (member_off(t, want[i].member) != want[i].off)
				fprintf(stderr, "  %s.%s\n", want[i].type,
					want[i].member);
			CHECK_EQ_U64(member_off(t, want[i].member), want[i].off);
			CHECK_EQ_U64(member_off(t, "nope"), ~0ULL);
			/* A prefix or an extension of a name is another name. */
			CHECK_EQ_U64(member_off(t, "slo"), ~0ULL);
			CHECK_EQ_U64(member_off(t, "parents"), ~0ULL);
		}
	}
	/* Paths through anonymous members, as kobj_offsetof() sees them. */
	CHECK(kobj_offsetof(prog, "struct maple_node", "mr64.meta.end", &off));
	CHECK_EQ_U64(off, 248);
	CHECK(kobj_offsetof(prog, "struct maple_node", "ma64.meta.end", &off));
	CHECK_EQ_U64(off, 240);
	/* Hints that lead nowhere or to another member are not believed. */
	{
		const struct vr_type *t = NULL;
		struct vr_type *mt;

		CHECK_OK(vr_debuginfo_find_type(prog->dbg,
						"struct maple_range_64", &t));
		mt = (struct vr_type *)vr_type_unqualified(t);
		for (unsigned int h = 0; mt && h < VR_TYPE_MEMBER_HINTS; h++)
			mt->member_hints[h] = h % 2 ? 0xffffffffu : 1 | 1 << 2;
		CHECK_EQ_U64(member_off(t, "meta"), 248);
		CHECK_EQ_U64(member_off(t, "parent"), 0);
		CHECK_EQ_U64(member_off(t, "slot"), 128);
		CHECK_EQ_U64(member_off(t, "nope"), ~0ULL);
	}
	vr_program_close(prog);
}

TEST_MAIN(T(lists), T(list_cycles), T(list_bad_pointers), T(xarray_shapes),
	  T(radix_tree_before_4_20), T(xarray_corrupt), T(radix_tree_corrupt),
	  T(maple_tree_shapes), T(maple_tree_corrupt), T(rbtree_shapes),
	  T(rbtree_corrupt), T(vmas_maple_tree), T(vmas_list_before_6_1),
	  T(member_cache))
