// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The BTF parser (src/dwarf/btf.c): blobs built here with every kind, in
 * both byte orders, split over a base, and corrupted in many ways; then
 * the .BTF of every fixture vmlinux, each type checked against what the
 * DWARF layer makes of the same kernel.
 */
#include <byteswap.h>
#include <dirent.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btf_blob.h"
#include "elf_btf.h"
#include "fixture_util.h"
#include "test.h"
#include "vr/btf.h"
#include "vr/debuginfo.h"

/* ---- A blob with every kind ---- */

enum {
	T_INT = 1, T_UINT, T_CHAR, T_BOOL, T_ULONG, T_DOUBLE, T_FWD_NODE,
	T_FWD_UNION, T_PTR_NODE, T_CONST_INT, T_VOLATILE_UINT, T_RESTRICT_PTR,
	T_TAG_INT, T_PTR_TAG, T_ANON_UNION, T_NODE, T_ARR16, T_FLEX,
	T_PTR_INNER, T_OUTER, T_INNER, T_OLDBF, T_INT3, T_TYPEDEF_A,
	T_TYPEDEF_B, T_ENUM_COLOR, T_ENUM_SIGNED, T_ENUM_ANON, T_ENUM64,
	T_ENUM_FWD, T_PROTO, T_FUNC, T_PTR_PROTO, T_HANDLER, T_VAR, T_VAR2,
	T_DATASEC, T_DECL_TAG, T_VOIDPTR, T_HOLDER, T_LAST = T_HOLDER,
};

static void build_main(struct blob *b)
{
	blob_init(b, 1, 0);
	int_type(b, "int", 4, INT_SIGNED, 32);
	int_type(b, "unsigned int", 4, 0, 32);
	int_type(b, "char", 1, INT_SIGNED | INT_CHAR, 8);
	int_type(b, "_Bool", 1, INT_BOOL, 8);
	int_type(b, "long unsigned int", 8, 0, 64);
	ty(b, "double", K_FLOAT, false, 0, 8);
	/* A declaration before the definition: the definition is found. */
	ty(b, "node", K_FWD, false, 0, 0);
	ty(b, "onlyfwd", K_FWD, true, 0, 0);
	ty(b, NULL, K_PTR, false, 0, T_NODE);
	ty(b, NULL, K_CONST, false, 0, T_INT);
	ty(b, NULL, K_VOLATILE, false, 0, T_UINT);
	ty(b, NULL, K_RESTRICT, false, 0, T_PTR_NODE);
	ty(b, "user", K_TYPE_TAG, false, 0, T_INT);
	ty(b, NULL, K_PTR, false, 0, T_TAG_INT);
	ty(b, NULL, K_UNION, false, 2, 8);
	member(b, "a", T_INT, 0);
	member(b, "b", T_ULONG, 0);
	ty(b, "node", K_STRUCT, true, 8, 48);
	member(b, "next", T_RESTRICT_PTR, 0);
	member(b, "val", T_CONST_INT, 64);
	member(b, "flag", T_VOLATILE_UINT, 3u << 24 | 96);
	member(b, "flag2", T_UINT, 5u << 24 | 99);
	member(b, NULL, T_ANON_UNION, 128);
	member(b, "name", T_ARR16, 192);
	member(b, "uptr", T_PTR_TAG, 320);
	member(b, "tail", T_FLEX, 384);
	ty(b, NULL, K_ARRAY, false, 0, 0);
	w(b, T_CHAR); w(b, T_INT); w(b, 16);
	ty(b, NULL, K_ARRAY, false, 0, 0);
	w(b, T_INT); w(b, T_INT); w(b, 0);
	ty(b, NULL, K_PTR, false, 0, T_INNER);
	ty(b, "outer", K_STRUCT, false, 1, 8);
	member(b, "in", T_PTR_INNER, 0);
	ty(b, "inner", K_STRUCT, false, 1, 4);
	member(b, "x", T_INT, 0);
	/* Before kflag (v5.0): bitfields are INTs of so many bits. */
	ty(b, "oldbf", K_STRUCT, false, 2, 4);
	member(b, "lo", T_INT3, 0);
	member(b, "hi", T_INT3, 3);
	int_type(b, "unsigned int", 4, 0, 3);
	ty(b, "node_t", K_TYPEDEF, false, 0, T_NODE);
	ty(b, "node_tt", K_TYPEDEF, false, 0, T_TYPEDEF_A);
	ty(b, "color", K_ENUM, false, 3, 4);
	pair(b, "RED", 0);
	pair(b, "GREEN", 1);
	pair(b, "BIG", 0xffffffff);
	ty(b, "sgn", K_ENUM, true, 2, 4);
	pair(b, "NEG", (uint32_t)-5);
	pair(b, "POS", 7);
	ty(b, NULL, K_ENUM, false, 1, 4);
	pair(b, "ANON_A", 42);
	ty(b, "e64", K_ENUM64, false, 2, 8);
	w(b, str(b, "HUGE")); w(b, 0); w(b, 1u << 8);
	w(b, str(b, "SMALL")); w(b, 3); w(b, 0);
	ty(b, "efwd", K_ENUM, false, 0, 4);
	ty(b, NULL, K_FUNC_PROTO, false, 2, T_INT);
	pair(b, "x", T_INT);
	pair(b, "p", T_PTR_NODE);
	ty(b, "myfunc", K_FUNC, false, 1, T_PROTO);
	ty(b, NULL, K_PTR, false, 0, T_PROTO);
	ty(b, "handler_t", K_TYPEDEF, false, 0, T_PTR_PROTO);
	ty(b, "runqueues", K_VAR, false, 0, T_NODE);
	w(b, 1);
	ty(b, "counter", K_VAR, false, 0, T_CONST_INT);
	w(b, 1);
	ty(b, ".data..percpu", K_DATASEC, false, 2, 52);
	w(b, T_VAR); w(b, 0); w(b, 48);
	w(b, T_VAR2); w(b, 48); w(b, 4);
	ty(b, "tagged", K_DECL_TAG, false, 0, T_NODE);
	w(b, (uint32_t)-1);
	ty(b, NULL, K_PTR, false, 0, 0);
	ty(b, "holder", K_STRUCT, false, 4, 32);
	member(b, "vp", T_VOIDPTR, 0);
	member(b, "h", T_HANDLER, 64);
	member(b, "d", T_DOUBLE, 128);
	member(b, "b", T_BOOL, 192);
}

static struct vr_type *find(struct vr_btf *btf, enum vr_btf_ns ns,
			    const char *name)
{
	struct vr_type *t = NULL;
	struct vr_error *err = vr_btf_find_type(btf, ns, name, strlen(name),
						&t);

	if (err) {
		fprintf(stderr, "  %s: %s\n", name, err->message);
		vr_error_destroy(err);
	}
	return t;
}

static void check_node(struct vr_btf *btf, int *test_failed_)
{
	struct vr_type *node = find(btf, VR_BTF_NS_STRUCT, "node");
	struct vr_type *i = find(btf, VR_BTF_NS_ORDINARY, "int");
	struct vr_type *u = find(btf, VR_BTF_NS_ORDINARY, "unsigned int");
	const struct vr_member *m;
	char buf[128];

	CHECK(i && i->kind == VR_TYPE_INT && i->size == 4 && i->is_signed);
	CHECK(u && u->kind == VR_TYPE_INT && !u->is_signed);
	CHECK(node && node->kind == VR_TYPE_STRUCT && node->size == 48 &&
	      !node->incomplete && !node->lazy_id && node->nr_members == 8);
	if (!node || node->nr_members != 8)
		return;
	m = node->members;
	CHECK_STREQ(m[0].name, "next");
	/* Qualifiers are skipped; the struct points to itself. */
	CHECK(m[0].type->kind == VR_TYPE_POINTER && m[0].type->size == 8 &&
	      m[0].type->target == node);
	CHECK(m[1].bit_offset == 64 && m[1].type == i && !m[1].bit_size);
	CHECK(m[2].bit_offset == 96 && m[2].bit_size == 3 && m[2].type == u);
	CHECK(m[3].bit_offset == 99 && m[3].bit_size == 5);
	CHECK(m[4].name == NULL && m[4].type->kind == VR_TYPE_UNION &&
	      m[4].type->nr_members == 2 && m[4].bit_offset == 128);
	CHECK_STREQ(vr_type_name(m[5].type, buf, sizeof(buf)), "char [16]");
	CHECK(m[5].type->size == 16 && !m[5].type->incomplete);
	/* BTF_KIND_TYPE_TAG (v5.17) is skipped like a qualifier. */
	CHECK(m[6].type->kind == VR_TYPE_POINTER && m[6].type->target == i);
	/* A flexible array: incomplete, no elements, as DWARF's "[]". */
	CHECK(m[7].type->kind == VR_TYPE_ARRAY && m[7].type->incomplete &&
	      m[7].type->length == 0 && m[7].type->size == 0);
	CHECK(find(btf, VR_BTF_NS_STRUCT, "node") == node);
}

static void check_lazy_and_fwd(struct vr_btf *btf, int *test_failed_)
{
	struct vr_type *outer = find(btf, VR_BTF_NS_STRUCT, "outer");
	struct vr_type *inner, *fwd, *old;

	CHECK(outer && outer->nr_members == 1);
	if (!outer || outer->nr_members != 1)
		return;
	inner = outer->members[0].type->target;
	CHECK(inner->kind == VR_TYPE_STRUCT && inner->incomplete &&
	      inner->lazy_id != 0 && inner->nr_members == 0 &&
	      inner->size == 4);
	CHECK_OK(vr_btf_complete_lazy(btf, inner));
	CHECK(!inner->incomplete && !inner->lazy_id &&
	      inner->nr_members == 1);
	CHECK(find(btf, VR_BTF_NS_STRUCT, "inner") == inner);
	fwd = find(btf, VR_BTF_NS_UNION, "onlyfwd");
	CHECK(fwd && fwd->kind == VR_TYPE_UNION && fwd->incomplete &&
	      !fwd->lazy_id && fwd->size == 0);
	old = find(btf, VR_BTF_NS_STRUCT, "oldbf");
	CHECK(old && old->nr_members == 2);
	if (old && old->nr_members == 2) {
		CHECK(old->members[0].bit_size == 3 &&
		      old->members[0].bit_offset == 0);
		CHECK(old->members[1].bit_size == 3 &&
		      old->members[1].bit_offset == 3);
	}
}

static void check_typedefs_functions(struct vr_btf *btf, int *test_failed_)
{
	struct vr_type *node = find(btf, VR_BTF_NS_STRUCT, "node");
	struct vr_type *tt = find(btf, VR_BTF_NS_ORDINARY, "node_tt");
	struct vr_type *h = find(btf, VR_BTF_NS_ORDINARY, "handler_t");
	struct vr_type *holder = find(btf, VR_BTF_NS_STRUCT, "holder");
	struct vr_type *b = find(btf, VR_BTF_NS_ORDINARY, "bool");
	struct vr_type *ul = find(btf, VR_BTF_NS_ORDINARY, "unsigned long");

	CHECK(tt && tt->kind == VR_TYPE_TYPEDEF && tt->size == 48 &&
	      tt->target->kind == VR_TYPE_TYPEDEF &&
	      tt->target->target == node);
	CHECK(h && h->target->kind == VR_TYPE_POINTER &&
	      h->target->target->kind == VR_TYPE_FUNCTION &&
	      h->target->target->name == NULL &&
	      h->target->target->target ==
	      find(btf, VR_BTF_NS_ORDINARY, "int"));
	CHECK(holder && holder->nr_members == 4);
	if (holder && holder->nr_members == 4) {
		CHECK(holder->members[0].type->target->kind == VR_TYPE_VOID);
		CHECK(holder->members[2].type->kind == VR_TYPE_FLOAT &&
		      holder->members[2].type->size == 8);
		CHECK(holder->members[3].type->is_bool);
	}
	/* C spellings of base types find GCC's. */
	CHECK(b && b->is_bool && b->size == 1);
	CHECK(ul && ul->size == 8 && !ul->is_signed);
	CHECK_ERR(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "nosuch", 6, &b),
		  VR_ERR_NOT_FOUND);
	/* Namespaces are apart: no union "node", no struct "int". */
	CHECK_ERR(vr_btf_find_type(btf, VR_BTF_NS_UNION, "node", 4, &b),
		  VR_ERR_NOT_FOUND);
	CHECK_ERR(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "int", 3, &b),
		  VR_ERR_NOT_FOUND);
	/* A name need not end at its length. */
	b = NULL;
	CHECK_OK(vr_btf_find_type(btf, VR_BTF_NS_ORDINARY, "intxyz", 3, &b));
	CHECK(b && b == find(btf, VR_BTF_NS_ORDINARY, "int"));
}

static void check_enums(struct vr_btf *btf, int *test_failed_)
{
	struct vr_type *color = find(btf, VR_BTF_NS_ENUM, "color");
	struct vr_type *sgn = find(btf, VR_BTF_NS_ENUM, "sgn");
	struct vr_type *e64 = find(btf, VR_BTF_NS_ENUM, "e64");
	struct vr_type *efwd = find(btf, VR_BTF_NS_ENUM, "efwd");
	int64_t v = 0;

	CHECK(color && color->nr_enumerators == 3 && !color->is_signed &&
	      color->size == 4);
	if (color && color->nr_enumerators == 3) {
		CHECK(color->enumerators[2].value == 0xffffffffLL);
		/* DWARF's DW_AT_type of the enum, BTF's own base type. */
		CHECK(color->target ==
		      find(btf, VR_BTF_NS_ORDINARY, "unsigned int"));
	}
	CHECK(sgn && sgn->is_signed && sgn->target &&
	      sgn->target == find(btf, VR_BTF_NS_ORDINARY, "int"));
	CHECK(sgn && sgn->nr_enumerators == 2 &&
	      sgn->enumerators[0].value == -5);
	CHECK(e64 && e64->size == 8 && e64->nr_enumerators == 2 &&
	      e64->enumerators[0].value == 1LL << 40 && !e64->is_signed);
	CHECK(e64 && e64->target && e64->target->size == 8);
	CHECK(efwd && efwd->incomplete && efwd->nr_enumerators == 0);
	CHECK(vr_btf_constant(btf, "BIG", &v) && v == 0xffffffffLL);
	CHECK(vr_btf_constant(btf, "NEG", &v) && v == -5);
	CHECK(vr_btf_constant(btf, "ANON_A", &v) && v == 42);
	CHECK(vr_btf_constant(btf, "HUGE", &v) && v == 1LL << 40);
	CHECK(!vr_btf_constant(btf, "NOSUCH", &v));
}

static void check_variables(struct vr_btf *btf, int *test_failed_)
{
	struct vr_type *t = NULL;

	CHECK_OK(vr_btf_variable_type(btf, "runqueues", &t));
	CHECK(t && t == find(btf, VR_BTF_NS_STRUCT, "node"));
	CHECK_OK(vr_btf_variable_type(btf, "counter", &t));
	CHECK(t && t == find(btf, VR_BTF_NS_ORDINARY, "int"));
	CHECK_ERR(vr_btf_variable_type(btf, "nosuch", &t), VR_ERR_NOT_FOUND);
	/* Functions and variables are no types. */
	CHECK_ERR(vr_btf_find_type(btf, VR_BTF_NS_ORDINARY, "runqueues", 9,
				   &t), VR_ERR_NOT_FOUND);
}

static uint8_t buf1[24 + 4 * 16384 + 16384 + 64];
static uint8_t buf2[sizeof(buf1)];
static struct blob b1, b2;

static void check_synthetic(bool swap, int *test_failed_)
{
	struct vr_btf *btf = NULL;
	size_t size;

	build_main(&b1);
	CHECK(b1.next_id == T_LAST + 1);
	size = blob_finish(&b1, swap, buf1);
	CHECK_OK(vr_btf_open(buf1, size, NULL, 8, &btf));
	if (!btf)
		return;
	/* The blob was copied. */
	memset(buf1, 0xa5, size);
	check_node(btf, test_failed_);
	check_lazy_and_fwd(btf, test_failed_);
	check_typedefs_functions(btf, test_failed_);
	check_enums(btf, test_failed_);
	check_variables(btf, test_failed_);
	vr_btf_close(btf);
}

TEST(every_kind)
{
	check_synthetic(false, test_failed_);
}

/* s390x and ppc64 (big-endian) kernels have big-endian BTF. */
TEST(other_byte_order)
{
	check_synthetic(true, test_failed_);
}

/* Module BTF (v5.11): ids and string offsets continue the vmlinux's. */
TEST(split)
{
	struct vr_btf *base = NULL, *mod = NULL;
	struct vr_type *ms = NULL, *node, *t;
	size_t size;
	int64_t v;

	build_main(&b1);
	size = blob_finish(&b1, false, buf1);
	CHECK_OK(vr_btf_open(buf1, size, NULL, 8, &base));
	if (!base)
		return;
	blob_init(&b2, T_LAST + 1, (uint32_t)b1.slen);
	ty(&b2, NULL, K_PTR, false, 0, T_LAST + 2);		/* +1 */
	ty(&b2, "modstruct", K_STRUCT, true, 3, 64);		/* +2 */
	member(&b2, "n", T_NODE, 0);
	member(&b2, "self", T_LAST + 1, 384);
	member(&b2, "c", T_LAST + 3, 448);
	ty(&b2, "modenum", K_ENUM, false, 1, 4);		/* +3 */
	pair(&b2, "MOD_CONST", 9);
	ty(&b2, "node", K_FWD, false, 0, 0);			/* +4 */
	ty(&b2, "modvar", K_VAR, false, 0, T_INT);		/* +5 */
	w(&b2, 0);
	size = blob_finish(&b2, false, buf2);
	CHECK_OK(vr_btf_open(buf2, size, base, 8, &mod));
	if (!mod)
		goto out;
	node = find(base, VR_BTF_NS_STRUCT, "node");
	CHECK_OK(vr_btf_find_type(mod, VR_BTF_NS_STRUCT, "modstruct", 9, &ms));
	CHECK(ms && ms->nr_members == 3);
	if (ms && ms->nr_members == 3) {
		CHECK(ms->members[0].type == node);
		CHECK(ms->members[1].type->target == ms);
		CHECK(ms->members[2].type->kind == VR_TYPE_ENUM &&
		      ms->members[2].type->target ==
		      find(base, VR_BTF_NS_ORDINARY, "unsigned int"));
	}
	/* The base's definition beats the module's declaration. */
	CHECK(find(mod, VR_BTF_NS_STRUCT, "node") == node);
	CHECK(vr_btf_constant(mod, "MOD_CONST", &v) && v == 9);
	CHECK(vr_btf_constant(mod, "NEG", &v) && v == -5);
	CHECK(!vr_btf_constant(base, "MOD_CONST", &v));
	CHECK_OK(vr_btf_variable_type(mod, "runqueues", &t));
	CHECK_OK(vr_btf_variable_type(mod, "modvar", &t));
	CHECK_ERR(vr_btf_find_type(base, VR_BTF_NS_STRUCT, "modstruct", 9, &t),
		  VR_ERR_NOT_FOUND);
	vr_btf_close(mod);
	mod = NULL;
	/* A module type pointing past the module's last id. */
	b2.w[0 * 3 + 2] = T_LAST + 99;
	size = blob_finish(&b2, false, buf2);
	CHECK_ERR(vr_btf_open(buf2, size, base, 8, &mod), VR_ERR_FORMAT);
out:
	vr_btf_close(base);
}

/* ---- Corrupt blobs ---- */

static struct vr_error *open_blob(const struct blob *b, struct vr_btf **ret)
{
	size_t size = blob_finish(b, false, buf2);

	*ret = NULL;
	return vr_btf_open(buf2, size, NULL, 8, ret);
}

TEST(truncated)
{
	struct vr_btf *btf = NULL;
	size_t size;
	int bad = 0;

	build_main(&b1);
	size = blob_finish(&b1, false, buf1);
	for (size_t n = 0; n < size; n++) {
		struct vr_error *err = vr_btf_open(buf1, n, NULL, 8, &btf);

		if (!err || (err->code != VR_ERR_TRUNCATED &&
			     err->code != VR_ERR_FORMAT))
			bad++;
		if (err)
			vr_error_destroy(err);
		else
			vr_btf_close(btf);
	}
	CHECK(bad == 0);
	/* A header whose type section ends inside a record. */
	build_main(&b1);
	b1.nw -= 2;
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	CHECK_ERR(vr_btf_open("\x9f\xeb\x01\x00", 4, NULL, 8, &btf),
		  VR_ERR_TRUNCATED);
}

TEST(bad_header)
{
	struct vr_btf *btf;
	size_t size;

	build_main(&b1);
	size = blob_finish(&b1, false, buf1);
	buf1[0] ^= 1;
	CHECK_ERR(vr_btf_open(buf1, size, NULL, 8, &btf), VR_ERR_FORMAT);
	buf1[0] ^= 1;
	buf1[2] = 2;
	CHECK_ERR(vr_btf_open(buf1, size, NULL, 8, &btf), VR_ERR_UNSUPPORTED);
	buf1[2] = 1;
	put32(buf1 + 20, 0x7fffffff, false);	/* str_len */
	CHECK_ERR(vr_btf_open(buf1, size, NULL, 8, &btf), VR_ERR_TRUNCATED);
	put32(buf1 + 20, (uint32_t)b1.slen, false);
	put32(buf1 + 4, 26, false);		/* hdr_len */
	CHECK_ERR(vr_btf_open(buf1, size, NULL, 8, &btf), VR_ERR_FORMAT);
	put32(buf1 + 4, 24, false);
	buf1[size - 1] = 'x';			/* unterminated strings */
	CHECK_ERR(vr_btf_open(buf1, size, NULL, 8, &btf), VR_ERR_FORMAT);
	buf1[size - 1] = 0;
	/* A longer header of a future kernel is skipped. */
	memmove(buf1 + 32, buf1 + 24, size - 24);
	memset(buf1 + 24, 0, 8);
	put32(buf1 + 4, 32, false);
	CHECK_OK(vr_btf_open(buf1, size + 8, NULL, 8, &btf));
	vr_btf_close(btf);
}

TEST(bad_records)
{
	struct vr_btf *btf;

	/* A name offset past the strings. */
	build_main(&b1);
	b1.w[0] = (uint32_t)b1.slen + 5;
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	/* A member name offset past the strings. */
	build_main(&b1);
	blob_init(&b1, 1, 0);
	int_type(&b1, "int", 4, INT_SIGNED, 32);
	ty(&b1, "s", K_STRUCT, false, 1, 4);
	member(&b1, "x", 1, 0);
	b1.w[b1.nw - 3] = 100000;
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	/* A type id out of range, in a pointer, a member, an array. */
	blob_init(&b1, 1, 0);
	ty(&b1, NULL, K_PTR, false, 0, 2);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	int_type(&b1, "int", 4, INT_SIGNED, 32);
	ty(&b1, "s", K_STRUCT, false, 1, 4);
	member(&b1, "x", 77, 0);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	ty(&b1, NULL, K_ARRAY, false, 0, 0);
	w(&b1, 1); w(&b1, 9); w(&b1, 4);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	/* An unknown kind, a bad integer, a huge vlen with no data. */
	blob_init(&b1, 1, 0);
	ty(&b1, "x", 25, false, 0, 0);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	int_type(&b1, "int", 3, INT_SIGNED, 24);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	int_type(&b1, "int", 4, INT_SIGNED, 40);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	ty(&b1, "s", K_STRUCT, false, 0xffff, 4);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	ty(&b1, "e", K_ENUM64, false, 0xffff, 8);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	/* A misaligned type section. */
	build_main(&b1);
	{
		size_t size = blob_finish(&b1, false, buf2);

		put32(buf2 + 12, (uint32_t)b1.nw * 4 - 2, false);
		CHECK_ERR(vr_btf_open(buf2, size, NULL, 8, &btf),
			  VR_ERR_FORMAT);
	}
}

TEST(cycles)
{
	struct vr_btf *btf;
	struct vr_type *t;

	/* typedef a b; typedef b a; */
	blob_init(&b1, 1, 0);
	ty(&b1, "a", K_TYPEDEF, false, 0, 2);
	ty(&b1, "b", K_TYPEDEF, false, 0, 1);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	/* const const const ... */
	blob_init(&b1, 1, 0);
	ty(&b1, NULL, K_CONST, false, 0, 2);
	ty(&b1, NULL, K_VOLATILE, false, 0, 1);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	/* A pointer to itself, an array of itself, a function returning one. */
	blob_init(&b1, 1, 0);
	ty(&b1, NULL, K_PTR, false, 0, 1);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	ty(&b1, NULL, K_ARRAY, false, 0, 0);
	w(&b1, 1); w(&b1, 1); w(&b1, 2);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	blob_init(&b1, 1, 0);
	ty(&b1, NULL, K_FUNC_PROTO, false, 0, 2);
	ty(&b1, NULL, K_PTR, false, 0, 1);
	CHECK_ERR(open_blob(&b1, &btf), VR_ERR_FORMAT);
	/* A struct holding itself by value: converted, no endless loop. */
	blob_init(&b1, 1, 0);
	ty(&b1, "s", K_STRUCT, false, 1, 4);
	member(&b1, "me", 1, 0);
	CHECK_OK(open_blob(&b1, &btf));
	CHECK_OK(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "s", 1, &t));
	vr_btf_close(btf);
	/* Structs nested by value deeper than the converter goes. */
	blob_init(&b1, 1, 0);
	for (uint32_t i = 1; i <= 1000; i++) {
		char name[16];

		snprintf(name, sizeof(name), "s%u", i);
		ty(&b1, name, K_STRUCT, false, i < 1000, 4);
		if (i < 1000)
			member(&b1, "in", i + 1, 0);
	}
	CHECK_OK(open_blob(&b1, &btf));
	CHECK_ERR(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "s1", 2, &t),
		  VR_ERR_FORMAT);
	CHECK_OK(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "s900", 4, &t));
	vr_btf_close(btf);
	/* The same, all made lazy first (through pointers), then completed. */
	blob_init(&b1, 1, 0);
	for (uint32_t i = 1; i <= 1000; i++) {
		char name[16];

		snprintf(name, sizeof(name), "s%u", i);
		ty(&b1, name, K_STRUCT, false, i < 1000, 4);
		if (i < 1000)
			member(&b1, "in", 2 * i + 1, 0);
		ty(&b1, NULL, K_PTR, false, 0, 2 * i - 1);
	}
	ty(&b1, "all", K_STRUCT, false, 1000, 8000);
	for (uint32_t i = 1; i <= 1000; i++)
		member(&b1, "p", 2 * i, 64 * (i - 1));
	CHECK_OK(open_blob(&b1, &btf));
	CHECK_OK(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "all", 3, &t));
	CHECK(t && t->nr_members == 1000 &&
	      t->members[0].type->target->lazy_id);
	if (t && t->nr_members == 1000)
		CHECK_ERR(vr_btf_complete_lazy(btf,
					       t->members[0].type->target),
			  VR_ERR_FORMAT);
	vr_btf_close(btf);
	/* A member of a non-type (a variable). */
	blob_init(&b1, 1, 0);
	ty(&b1, "v", K_VAR, false, 0, 0);
	w(&b1, 0);
	ty(&b1, "s", K_STRUCT, false, 1, 4);
	member(&b1, "x", 1, 0);
	CHECK_OK(open_blob(&b1, &btf));
	CHECK_ERR(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "s", 1, &t),
		  VR_ERR_FORMAT);
	vr_btf_close(btf);
}

/* Look at everything a blob offers: no crash, no hang. */
static void walk_all(struct vr_btf *btf)
{
	static const char *const names[][2] = {
		{ "node", "outer" }, { "inner", "holder" },
		{ "oldbf", "onlyfwd" },
	};
	static const char *const ords[] = {
		"int", "node_t", "node_tt", "handler_t", "char", "bool",
	};
	struct vr_type *t;
	struct vr_error *err;
	int64_t v;

	for (size_t i = 0; i < 3; i++) {
		for (int j = 0; j < 2; j++) {
			err = vr_btf_find_type(btf, VR_BTF_NS_STRUCT,
					       names[i][j],
					       strlen(names[i][j]), &t);
			if (err) {
				vr_error_destroy(err);
				continue;
			}
			for (size_t k = 0; k < t->nr_members; k++) {
				const struct vr_type *m = t->members[k].type;
				char buf[512];

				vr_type_name(m, buf, sizeof(buf));
				vr_type_sizeof(m);
				if (m->kind == VR_TYPE_POINTER && m->target &&
				    m->target->lazy_id) {
					err = vr_btf_complete_lazy(btf,
						(struct vr_type *)m->target);
					if (err)
						vr_error_destroy(err);
				}
			}
		}
	}
	for (size_t i = 0; i < sizeof(ords) / sizeof(ords[0]); i++) {
		err = vr_btf_find_type(btf, VR_BTF_NS_ORDINARY, ords[i],
				       strlen(ords[i]), &t);
		if (!err) {
			vr_type_sizeof(t);
			continue;
		}
		vr_error_destroy(err);
	}
	err = vr_btf_variable_type(btf, "runqueues", &t);
	if (err)
		vr_error_destroy(err);
	vr_btf_constant(btf, "HUGE", &v);
}

/* Random bytes and words changed in a valid blob. */
TEST(mutations)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	size_t size;
	int opened = 0;

	build_main(&b1);
	size = blob_finish(&b1, false, buf1);
	for (int iter = 0; iter < 20000; iter++) {
		struct vr_btf *btf = NULL;
		struct vr_error *err;
		int changes;

		memcpy(buf2, buf1, size);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		changes = 1 + (int)((seed >> 60) & 3);
		for (int c = 0; c < changes; c++) {
			size_t at;

			seed = seed * 6364136223846793005ULL +
			       1442695040888963407ULL;
			at = (size_t)(seed >> 33) % size;
			if (seed & 1)
				buf2[at] = (uint8_t)(seed >> 8);
			else	/* a small word: a type id or a length? */
				put32(buf2 + (at & ~(size_t)3),
				      (uint32_t)(seed >> 12) % 64, false);
		}
		err = vr_btf_open(buf2, size, NULL, 8, &btf);
		if (err) {
			vr_error_destroy(err);
			continue;
		}
		opened++;
		walk_all(btf);
		vr_btf_close(btf);
	}
	CHECK(opened > 0);
}

/* ---- The fixtures' vmlinux BTF against their DWARF ---- */


/* Types the project reads, by C name. */
static const char *const kernel_types[] = {
	"struct task_struct", "struct mm_struct", "struct page",
	"struct module", "struct irq_desc", "struct kmem_cache",
	"struct kmem_cache_node", "struct zone", "struct pglist_data",
	"struct file", "struct dentry", "struct inode", "struct super_block",
	"struct mount", "struct vfsmount", "struct vm_area_struct",
	"struct printk_ringbuffer", "struct prb_desc", "struct prb_desc_ring",
	"struct prb_data_ring", "struct maple_node", "struct maple_tree",
	"struct xa_node", "struct xarray", "struct rb_node",
	"struct list_head", "struct hlist_node", "struct cpumask",
	"struct percpu_counter", "struct kernel_stat", "struct kernel_cpustat",
	"struct signal_struct", "struct cred", "struct pid", "struct upid",
	"struct irqaction", "struct timer_list", "struct irq_data",
	"struct irq_common_data", "struct kobject", "struct kset",
	"struct block_device", "struct gendisk", "struct slab",
	"struct mem_section", "struct vmap_area", "struct vm_struct",
	"struct kernfs_node", "struct cgroup", "struct css_set",
	"struct console", "struct resource", "struct swap_info_struct",
	"struct file_system_type", "struct mnt_namespace", "struct rq",
	"struct new_utsname", "struct uts_namespace", "struct idr",
	"struct mutex", "struct nsproxy", "struct files_struct",
	"struct fdtable", "struct path", "struct qstr", "struct sighand_struct",
	"struct rlimit", "struct task_cputime", "struct prev_cputime",
	"struct sched_entity", "struct sched_info", "struct thread_struct",
	"struct pt_regs", "struct worker_pool", "struct tty_driver",
	"struct module_sect_attrs", "struct module_memory",
	"union thread_union", "enum zone_stat_item", "enum node_stat_item",
	"enum vm_event_item", "enum zone_type", "enum cpu_usage_stat",
	"enum mod_mem_type", "enum desc_state", "enum node_states",
	"enum zone_watermarks", "enum numa_stat_item", "enum pageblock_bits",
	"pgd_t", "pte_t", "atomic_long_t", "atomic_t", "atomic64_t",
	"refcount_t", "spinlock_t", "raw_spinlock_t", "cpumask_var_t",
	"pid_t", "uid_t", "kuid_t", "dev_t", "u64", "__u32", "size_t",
	"long unsigned int", "int", "char", "_Bool", "long long int",
	"unsigned char", "short int",
};

static const char *const kernel_constants[] = {
	"NR_FREE_PAGES", "NR_VM_ZONE_STAT_ITEMS", "NR_VM_NODE_STAT_ITEMS",
	"NR_VM_EVENT_ITEMS", "MAX_NR_ZONES", "ZONE_NORMAL", "MOD_TEXT",
	"MOD_INIT_TEXT", "CPUTIME_USER", "NR_STATS", "CON_ENABLED",
	"CON_BOOT", "CON_CONSDEV", "CON_PRINTBUFFER", "GENHD_FL_HIDDEN",
	"SWP_USED", "MPOL_DEFAULT", "desc_committed", "desc_reusable",
	"IRQD_LEVEL", "IRQD_IRQ_DISABLED", "IRQD_PER_CPU", "PG_locked",
	"PG_slab", "PG_head", "N_ONLINE", "N_MEMORY", "cpuset_cgrp_id",
	"TASK_COMM_LEN", "HRTIMER_BASE_MONOTONIC", "NR_MM_COUNTERS",
	"MM_FILEPAGES", "PIDTYPE_PID", "PIDTYPE_MAX", "WMARK_MIN",
	"NR_FILE_PAGES", "CPUHP_ONLINE", "NR_SOFTIRQS", "RLIMIT_NOFILE",
};

static const char *const percpu_variables[] = {
	"runqueues", "kernel_cpustat", "kstat", "irq_stat", "vm_event_states",
	"cpu_info", "current_task", "pcpu_hot", "this_cpu_off",
	"cpu_number",
};

struct cmp {
	const char *fixture;
	const char *type;
	int diffs;
};

static void diff(struct cmp *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void diff(struct cmp *c, const char *fmt, ...)
{
	va_list ap;

	if (c->diffs++ >= 10)
		return;
	fprintf(stderr, "  %s: %s: ", c->fixture, c->type);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * pahole writes a multi-dimensional array as one dimension of all its
 * elements: DWARF's "unsigned long tags[3][1]" (struct xa_node) is BTF's
 * "unsigned long [3]", of the same size and layout; nothing in BTF tells
 * them apart.  Arrays are compared flattened: innermost element, count.
 */
static const struct vr_type *flatten(const struct vr_type *t, uint64_t *n)
{
	*n = 1;
	while (t && t->kind == VR_TYPE_ARRAY) {
		*n *= t->length;
		t = t->target;
	}
	return t;
}

static void tname(const struct vr_type *t, char *buf, size_t size)
{
	char inner[200];
	uint64_t n;

	if (t && t->kind == VR_TYPE_ARRAY) {
		t = flatten(t, &n);
		if (!vr_type_name(t, inner, sizeof(inner)))
			snprintf(inner, sizeof(inner), "?");
		snprintf(buf, size, "%s [%llu]", inner, (unsigned long long)n);
		return;
	}
	if (!vr_type_name(t, buf, size))
		snprintf(buf, size, "?");
}

static void compare(struct cmp *c, const char *path, const struct vr_type *d,
		    const struct vr_type *b, unsigned int depth);

static void compare_members(struct cmp *c, const char *path,
			    const struct vr_type *d, const struct vr_type *b,
			    unsigned int depth)
{
	char dn[256], bn[256], sub[512];

	if (d->nr_members != b->nr_members) {
		diff(c, "%s: %zu members in DWARF, %zu in BTF", path,
		     d->nr_members, b->nr_members);
		return;
	}
	for (size_t i = 0; i < d->nr_members; i++) {
		const struct vr_member *dm = &d->members[i];
		const struct vr_member *bm = &b->members[i];
		const char *mn = dm->name ? dm->name : "<anon>";

		if (!dm->name != !bm->name ||
		    (dm->name && strcmp(dm->name, bm->name) != 0))
			diff(c, "%s: member %zu: %s in DWARF, %s in BTF", path,
			     i, mn, bm->name ? bm->name : "<anon>");
		if (dm->bit_offset != bm->bit_offset ||
		    dm->bit_size != bm->bit_size)
			diff(c, "%s.%s: bits %llu:%u in DWARF, %llu:%u in BTF",
			     path, mn, (unsigned long long)dm->bit_offset,
			     dm->bit_size, (unsigned long long)bm->bit_offset,
			     bm->bit_size);
		tname(dm->type, dn, sizeof(dn));
		tname(bm->type, bn, sizeof(bn));
		if (strcmp(dn, bn) != 0)
			diff(c, "%s.%s: type %s in DWARF, %s in BTF", path, mn,
			     dn, bn);
		snprintf(sub, sizeof(sub), "%s.%s", path, mn);
		compare(c, sub, dm->type, bm->type, depth + 1);
	}
}

static void compare_enum(struct cmp *c, const char *path,
			 const struct vr_type *d, const struct vr_type *b)
{
	char dn[256], bn[256];

	if (d->nr_enumerators != b->nr_enumerators) {
		diff(c, "%s: %zu enumerators in DWARF, %zu in BTF", path,
		     d->nr_enumerators, b->nr_enumerators);
		return;
	}
	for (size_t i = 0; i < d->nr_enumerators; i++) {
		const struct vr_enumerator *de = &d->enumerators[i];
		const struct vr_enumerator *be = &b->enumerators[i];

		if (strcmp(de->name, be->name) || de->value != be->value)
			diff(c, "%s: %s = %lld in DWARF, %s = %lld in BTF",
			     path, de->name, (long long)de->value, be->name,
			     (long long)be->value);
	}
	tname(d->target, dn, sizeof(dn));
	tname(b->target, bn, sizeof(bn));
	if (!d->target != !b->target || (d->target && strcmp(dn, bn)))
		diff(c, "%s: compatible type %s in DWARF, %s in BTF", path,
		     d->target ? dn : "none", b->target ? bn : "none");
}

/*
 * The same shape: kind, name, size, flags, then what the kind holds.
 * Pointer targets are compared by name only: DWARF's may be a
 * declaration of the unit at hand where BTF's (deduplicated) is lazy.
 */
static void compare(struct cmp *c, const char *path, const struct vr_type *d,
		    const struct vr_type *b, unsigned int depth)
{
	uint64_t dn, bn;

	if (depth > 8)
		return;
	if (d->kind == VR_TYPE_ARRAY && b->kind == VR_TYPE_ARRAY) {
		const struct vr_type *de = flatten(d, &dn);
		const struct vr_type *be = flatten(b, &bn);

		/*
		 * BTF has no "[]": a flexible array is one of 0 elements,
		 * so BTF calls "[0]" (struct cacheline_padding's x[0])
		 * incomplete where DWARF does not.
		 */
		bool zero = !d->incomplete && !dn && b->incomplete && !bn;

		if (dn != bn || d->size != b->size ||
		    (d->incomplete != b->incomplete && !zero))
			diff(c, "%s: array of %llu (%llu bytes%s) in DWARF, of %llu (%llu bytes%s) in BTF",
			     path, (unsigned long long)dn,
			     (unsigned long long)d->size,
			     d->incomplete ? ", incomplete" : "",
			     (unsigned long long)bn,
			     (unsigned long long)b->size,
			     b->incomplete ? ", incomplete" : "");
		compare(c, path, de, be, depth + 1);
		return;
	}
	if (d->kind != b->kind || !d->name != !b->name ||
	    (d->name && strcmp(d->name, b->name) != 0)) {
		diff(c, "%s: kind/name %d %s in DWARF, %d %s in BTF", path,
		     d->kind, d->name ? d->name : "-", b->kind,
		     b->name ? b->name : "-");
		return;
	}
	if (d->size != b->size || d->is_signed != b->is_signed ||
	    d->is_bool != b->is_bool || d->length != b->length)
		diff(c, "%s: size/signed/bool/length %llu/%d/%d/%llu in DWARF, %llu/%d/%d/%llu in BTF",
		     path, (unsigned long long)d->size, d->is_signed,
		     d->is_bool, (unsigned long long)d->length,
		     (unsigned long long)b->size, b->is_signed, b->is_bool,
		     (unsigned long long)b->length);
	if (d->kind != VR_TYPE_POINTER && d->incomplete != b->incomplete)
		diff(c, "%s: incomplete %d in DWARF, %d in BTF", path,
		     d->incomplete, b->incomplete);
	switch (d->kind) {
	case VR_TYPE_STRUCT:
	case VR_TYPE_UNION:
		/* By value: both complete. */
		compare_members(c, path, d, b, depth);
		break;
	case VR_TYPE_ENUM:
		compare_enum(c, path, d, b);
		break;
	case VR_TYPE_TYPEDEF:
		compare(c, path, d->target, b->target, depth + 1);
		break;
	default:
		break;
	}
}

static enum vr_btf_ns split_name(const char *name, const char **rest)
{
	static const struct { const char *kw; enum vr_btf_ns ns; } kws[] = {
		{ "struct ", VR_BTF_NS_STRUCT },
		{ "union ", VR_BTF_NS_UNION },
		{ "enum ", VR_BTF_NS_ENUM },
	};

	for (size_t i = 0; i < 3; i++) {
		if (strncmp(name, kws[i].kw, strlen(kws[i].kw)) == 0) {
			*rest = name + strlen(kws[i].kw);
			return kws[i].ns;
		}
	}
	*rest = name;
	return VR_BTF_NS_ORDINARY;
}

static int compare_types(const char *fixture, struct vr_debuginfo *dbg,
			 struct vr_btf *btf, int *test_failed_)
{
	int compared = 0;

	for (size_t i = 0; i < sizeof(kernel_types) / sizeof(kernel_types[0]);
	     i++) {
		const char *name = kernel_types[i], *rest;
		enum vr_btf_ns ns = split_name(name, &rest);
		const struct vr_type *d = NULL;
		struct vr_type *b = NULL;
		struct vr_error *derr = vr_debuginfo_find_type(dbg, name, &d);
		struct vr_error *berr = vr_btf_find_type(btf, ns, rest,
							 strlen(rest), &b);
		struct cmp c = { fixture, name, 0 };

		/* Types of another architecture or kernel version. */
		if (derr && berr) {
			vr_error_destroy(derr);
			vr_error_destroy(berr);
			continue;
		}
		if (derr || berr) {
			fprintf(stderr, "  %s: %s: %s\n", fixture, name,
				(derr ? derr : berr)->message);
			vr_error_destroy(derr ? derr : berr);
			CHECK(!"type in one of DWARF and BTF only");
			continue;
		}
		compare(&c, name, d, b, 0);
		CHECK(c.diffs == 0);
		compared++;
	}
	return compared;
}

static int compare_constants(const char *fixture, struct vr_debuginfo *dbg,
			     struct vr_btf *btf, int *test_failed_)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(kernel_constants) /
			       sizeof(kernel_constants[0]); i++) {
		const char *name = kernel_constants[i];
		int64_t dv = 0, bv = 0;
		struct vr_error *err = vr_debuginfo_constant(dbg, name, &dv);
		bool found = vr_btf_constant(btf, name, &bv);

		n += found;
		if (err)
			vr_error_destroy(err);
		if (!err != found || dv != bv) {
			fprintf(stderr, "  %s: %s: DWARF %s %lld, BTF %s %lld\n",
				fixture, name, err ? "none" : "",
				(long long)dv, found ? "" : "none",
				(long long)bv);
			CHECK(!"constant differs");
		}
	}
	return n;
}

static int compare_variables(const char *fixture, struct vr_debuginfo *dbg,
			     struct vr_btf *btf, int *test_failed_)
{
	int found = 0;

	for (size_t i = 0; i < sizeof(percpu_variables) /
			       sizeof(percpu_variables[0]); i++) {
		const char *name = percpu_variables[i];
		const struct vr_type *d = NULL;
		struct vr_type *b = NULL;
		struct vr_error *berr = vr_btf_variable_type(btf, name, &b);
		struct vr_error *derr;
		struct cmp c = { fixture, name, 0 };

		/* Not a per-CPU variable of this architecture or kernel. */
		if (berr) {
			vr_error_destroy(berr);
			continue;
		}
		found++;
		derr = vr_debuginfo_variable_type(dbg, name, &d);
		if (derr) {
			fprintf(stderr, "  %s: %s: %s\n", fixture, name,
				derr->message);
			vr_error_destroy(derr);
			CHECK(!"BTF variable not in DWARF");
			continue;
		}
		compare(&c, name, d, b, 0);
		CHECK(c.diffs == 0);
	}
	/* runqueues and kernel_cpustat are per-CPU everywhere. */
	CHECK(found >= 2);
	return found;
}

/* A struct reached through a pointer is lazy until completed. */
static void check_lazy(const char *fixture, struct vr_debuginfo *dbg,
		       struct vr_btf *btf, int *test_failed_)
{
	struct vr_type *task = NULL, *mm;
	const struct vr_type *dmm = NULL;
	const struct vr_member *m;
	struct cmp c = { fixture, "task_struct.mm", 0 };
	uint64_t off = 0;

	CHECK_OK(vr_btf_find_type(btf, VR_BTF_NS_STRUCT, "task_struct", 11,
				  &task));
	CHECK_OK(vr_debuginfo_find_type(dbg, "struct mm_struct", &dmm));
	m = task ? vr_type_find_member(task, "mm", 2, &off) : NULL;
	CHECK(m && m->type->kind == VR_TYPE_POINTER);
	if (!m || !dmm)
		return;
	mm = m->type->target;
	/* Unless something converted it by value already. */
	if (mm->lazy_id) {
		CHECK(mm->incomplete && mm->nr_members == 0);
		CHECK_OK(vr_btf_complete_lazy(btf, mm));
	}
	CHECK(!mm->incomplete && !mm->lazy_id);
	compare(&c, "mm_struct", dmm, mm, 0);
	CHECK(c.diffs == 0);
}

/* Module BTF split over the vmlinux's. */
static void check_module(const char *dir, const char *fixture,
			 struct vr_btf *base, int *test_failed_)
{
	char path[4096];
	size_t size = 0;
	unsigned int ptr_size = 8;
	struct vr_btf *mod = NULL;
	struct vr_type *t = NULL;
	void *data;

	snprintf(path, sizeof(path), "%s/%s/modules/loop.ko", dir, fixture);
	data = read_btf_section(path, &size, &ptr_size);
	if (!data)
		return;
	CHECK_OK(vr_btf_open(data, size, base, ptr_size, &mod));
	free(data);
	if (!mod)
		return;
	CHECK_OK(vr_btf_find_type(mod, VR_BTF_NS_STRUCT, "loop_device", 11,
				  &t));
	CHECK(t && t->nr_members > 5);
	/* Its members' types are the vmlinux's. */
	CHECK_OK(vr_btf_find_type(mod, VR_BTF_NS_STRUCT, "task_struct", 11,
				  &t));
	CHECK(t && t->nr_members > 50);
	vr_btf_close(mod);
}

static uint64_t fnv(const void *p, size_t n)
{
	const uint8_t *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i += 64)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h ^ n;
}

static void check_fixture(const char *dir, const char *fixture, void *data,
			  size_t size, unsigned int ptr_size,
			  int *test_failed_)
{
	char path[4096];
	struct vr_debuginfo *dbg = NULL;
	struct vr_btf *btf = NULL;
	int n, nc, nv;

	CHECK_OK(vr_btf_open(data, size, NULL, ptr_size, &btf));
	if (!btf)
		return;
	snprintf(path, sizeof(path), "%s/%s/vmlinux", dir, fixture);
	CHECK_OK(vr_debuginfo_open(path, &dbg));
	if (dbg) {
		n = compare_types(fixture, dbg, btf, test_failed_);
		CHECK(n > 80);
		nc = compare_constants(fixture, dbg, btf, test_failed_);
		nv = compare_variables(fixture, dbg, btf, test_failed_);
		check_lazy(fixture, dbg, btf, test_failed_);
		printf("  %s: %d types, %d constants, %d per-CPU variables as in DWARF\n",
		       fixture, n, nc, nv);
		vr_debuginfo_close(dbg);
	}
	check_module(dir, fixture, btf, test_failed_);
	vr_btf_close(btf);
}

static void swap_words(uint8_t *p, size_t from, size_t to)
{
	for (size_t off = from; off + 4 <= to; off += 4) {
		uint32_t v;

		memcpy(&v, p + off, 4);
		v = bswap_32(v);
		memcpy(p + off, &v, 4);
	}
}

/* A header word of @p, in the blob's own byte order (magic 0xeB9F). */
static uint32_t blob_word(const uint8_t *p, size_t off)
{
	bool be = p[0] == 0xeb;

	return be ? (uint32_t)p[off] << 24 | (uint32_t)p[off + 1] << 16 |
		    (uint32_t)p[off + 2] << 8 | p[off + 3]
		  : (uint32_t)p[off + 3] << 24 | (uint32_t)p[off + 2] << 16 |
		    (uint32_t)p[off + 1] << 8 | p[off];
}

/*
 * The same BTF in the other byte order: big-endian from the little-endian
 * fixtures, little-endian from the big-endian ones (s390x 6.12).
 */
static void swap_blob(uint8_t *p)
{
	uint32_t hdr_len = blob_word(p, 4), type_off = blob_word(p, 8);
	uint32_t type_len = blob_word(p, 12);
	uint8_t t = p[0];

	p[0] = p[1];
	p[1] = t;
	swap_words(p, 4, hdr_len);
	swap_words(p, (size_t)hdr_len + type_off,
		   (size_t)hdr_len + type_off + type_len);
}

/* The other byte order gives the same types. */
static void check_swapped(const char *fixture, void *data, size_t size,
			  unsigned int ptr_size, int *test_failed_)
{
	struct vr_btf *a = NULL, *b = NULL;
	uint8_t *copy = malloc(size);

	if (!copy)
		return;
	memcpy(copy, data, size);
	swap_blob(copy);
	CHECK_OK(vr_btf_open(data, size, NULL, ptr_size, &a));
	CHECK_OK(vr_btf_open(copy, size, NULL, ptr_size, &b));
	free(copy);
	for (size_t i = 0; a && b && i < sizeof(kernel_types) /
				       sizeof(kernel_types[0]); i++) {
		const char *rest;
		enum vr_btf_ns ns = split_name(kernel_types[i], &rest);
		struct vr_type *ta = NULL, *tb = NULL;
		struct vr_error *ea = vr_btf_find_type(a, ns, rest,
						       strlen(rest), &ta);
		struct vr_error *eb = vr_btf_find_type(b, ns, rest,
						       strlen(rest), &tb);
		struct cmp c = { fixture, kernel_types[i], 0 };

		CHECK(!ea == !eb);
		if (ea || eb) {
			vr_error_destroy(ea);
			vr_error_destroy(eb);
			continue;
		}
		compare(&c, kernel_types[i], ta, tb, 0);
		CHECK(c.diffs == 0);
	}
	vr_btf_close(a);
	vr_btf_close(b);
}

TEST(fixtures)
{
	char dir[2048], path[4096];
	uint64_t seen[64];
	size_t nseen = 0;
	struct dirent *de;
	int with_btf = 0;
	DIR *d = opendir(fixture_cache_dir(dir, sizeof(dir)));

	if (!d) {
		printf("######## no fixture cache: test_btf fixtures SKIPPED ########\n");
		return;
	}
	while ((de = readdir(d))) {
		size_t size = 0;
		unsigned int ptr_size = 8;
		uint64_t h;
		bool dup = false;
		void *data;

		if (de->d_name[0] == '.' || strstr(de->d_name, ".partial-"))
			continue;
		snprintf(path, sizeof(path), "%s/%s/vmlinux", dir, de->d_name);
		if (access(path, R_OK))
			continue;
		data = read_btf_section(path, &size, &ptr_size);
		if (!data) {
			/* CONFIG_DEBUG_INFO_BTF=n (Debian 12's ppc64el, s390x). */
			printf("  %s: no .BTF section, skipped\n", de->d_name);
			continue;
		}
		with_btf++;
		h = fnv(data, size);
		for (size_t i = 0; i < nseen; i++)
			dup |= seen[i] == h;
		if (dup) {
			printf("  %s: same vmlinux as another fixture, skipped\n",
			       de->d_name);
		} else {
			if (nseen < 64)
				seen[nseen++] = h;
			check_fixture(dir, de->d_name, data, size, ptr_size,
				      test_failed_);
			check_swapped(de->d_name, data, size, ptr_size,
				      test_failed_);
		}
		free(data);
	}
	closedir(d);
	if (!with_btf)
		printf("######## no fixture vmlinux with BTF: test_btf fixtures SKIPPED ########\n");
}

TEST_MAIN(T(every_kind), T(other_byte_order), T(split), T(truncated),
	  T(bad_header), T(bad_records), T(cycles), T(mutations),
	  T(fixtures))
