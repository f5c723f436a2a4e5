// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's BTF (include/uapi/linux/btf.h) into our type model, making
 * the same types as src/dwarf/types.c makes from DWARF: qualifiers are
 * skipped, a struct or union is converted with all its members, a struct
 * or union reached through a pointer is lazy (lazy_id = its BTF type id)
 * and completed when something looks inside it.
 *
 * The blob is copied, checked once (every offset, length and type id is
 * bounded, every chain of typedefs, qualifiers, pointers and arrays ends)
 * and brought to host byte order at open: the type section is nothing but
 * 32-bit words.  Conversion then trusts it.
 *
 * BTF appeared in v4.18 (INT to RESTRICT); later kinds are noted where
 * they are read.
 *
 * Where the types differ from DWARF's, because BTF does not say:
 * - pahole writes a multi-dimensional array as one dimension of all the
 *   elements: DWARF's unsigned long [3][1] (struct xa_node's tags) is
 *   unsigned long [3] here; same size and layout.
 * - BTF has no "[]": an array of 0 elements is made incomplete, as DWARF
 *   makes a flexible array; DWARF's "[0]" (struct cacheline_padding) is
 *   complete there.
 * - A pointer's target struct is always the one definition (BTF is
 *   deduplicated), lazy; DWARF's may be a declaration of the unit at hand.
 * - Before v6.0 an enumerator was a signed 32-bit value and the enum had no
 *   signedness flag; such a negative enumerator reads here as unsigned.
 * As in types.c, enums are never lazy: their enumerators come at once.
 */
#include <byteswap.h>
#include <stdlib.h>
#include <string.h>

#include "vr/arena.h"
#include "vr/base_type.h"
#include "vr/btf.h"
#include "vr/hashmap.h"

#define BTF_MAGIC		0xeb9f
#define BTF_VERSION		1
#define BTF_HDR_MIN		24	/* struct btf_header of v4.18 */
/* As include/linux/btf.h of the kernel. */
#define BTF_MAX_TYPE		0x000fffff
/* Longest chain of typedefs, qualifiers, pointers, arrays accepted. */
#define BTF_MAX_CHAIN		64
/* Deepest nesting of conversions (structs within structs by value). */
#define BTF_MAX_DEPTH		256

enum {
	BTF_KIND_UNKN,
	BTF_KIND_INT,
	BTF_KIND_PTR,
	BTF_KIND_ARRAY,
	BTF_KIND_STRUCT,
	BTF_KIND_UNION,
	BTF_KIND_ENUM,
	BTF_KIND_FWD,
	BTF_KIND_TYPEDEF,
	BTF_KIND_VOLATILE,
	BTF_KIND_CONST,
	BTF_KIND_RESTRICT,
	BTF_KIND_FUNC,		/* v5.0 */
	BTF_KIND_FUNC_PROTO,	/* v5.0 */
	BTF_KIND_VAR,		/* v5.2 */
	BTF_KIND_DATASEC,	/* v5.2 */
	BTF_KIND_FLOAT,		/* v5.13 */
	BTF_KIND_DECL_TAG,	/* v5.16 */
	BTF_KIND_TYPE_TAG,	/* v5.17 */
	BTF_KIND_ENUM64,	/* v6.0 */
	BTF_KIND_NR,
};

/* BTF_KIND_INT's extra word: encoding, bit offset, bits. */
#define BTF_INT_SIGNED		(1u << 0)
#define BTF_INT_BOOL		(1u << 2)
#define BTF_INT_ENCODING(w)	(((w) >> 24) & 0x0f)
#define BTF_INT_OFFSET(w)	(((w) >> 16) & 0xff)
#define BTF_INT_BITS(w)		((w) & 0xff)

/* Name namespaces: vr_btf_ns, then ours. */
enum {
	NS_VARIABLE = VR_BTF_NS_ORDINARY + 1,
	NS_ENUMERATOR,
};

/* Index values: type id << 1, bit 0 set for a forward declaration. */
#define INDEX_DECL		1u
/* Enumerator index values: the record's address, low bits flags. */
#define ENUMERATOR_64		1u
#define ENUMERATOR_SIGNED	2u

struct vr_btf {
	struct vr_btf *base;		/* split BTF: the vmlinux's */
	unsigned int ptr_size;
	uint32_t start_id;		/* our first type id */
	uint32_t nr_types;
	uint32_t str_start;		/* our first string offset */
	uint32_t str_len;
	uint32_t *data;			/* the blob, host byte order */
	const uint32_t *type_sec;
	const char *strs;
	uint32_t *rec_off;		/* by id - start_id: word in type_sec */
	struct vr_type **types;		/* by id - start_id: converted */
	struct hashmap names;		/* (NS_*, name) -> index value */
	struct vr_type void_type;
	unsigned int depth;
	struct arena arena;
};

static inline unsigned int btf_kind(uint32_t info)
{
	return (info >> 24) & 0x1f;
}

static inline uint32_t btf_vlen(uint32_t info)
{
	return info & 0xffff;
}

static inline bool btf_kflag(uint32_t info)
{
	return info >> 31;
}

static struct vr_error *corrupt(const char *what, uint32_t id)
{
	return vr_error_create(VR_ERR_FORMAT, "BTF: %s (type id %u)", what,
			       id);
}

/* The BTF among @btf and its bases that holds type @id, or NULL. */
static struct vr_btf *btf_owner(struct vr_btf *btf, uint32_t id)
{
	if (id >= btf->start_id + btf->nr_types)
		return NULL;
	while (btf->base && id < btf->start_id)
		btf = btf->base;
	return btf;
}

/* Type record of @id, owned by @btf (btf_owner()). */
static const uint32_t *btf_rec(const struct vr_btf *btf, uint32_t id)
{
	return btf->type_sec + btf->rec_off[id - btf->start_id];
}

/* A name, NULL for none; offsets were checked at open. */
static const char *btf_name(const struct vr_btf *btf, uint32_t off)
{
	while (btf->base && off < btf->str_start)
		btf = btf->base;
	off -= btf->str_start;
	return btf->strs[off] ? btf->strs + off : NULL;
}

/* Words after the three of struct btf_type, or -1 for an unknown kind. */
static long extra_words(uint32_t info)
{
	uint32_t vlen = btf_vlen(info);

	switch (btf_kind(info)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 1;
	case BTF_KIND_ARRAY:
		return 3;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_DATASEC:
	case BTF_KIND_ENUM64:
		return 3L * vlen;
	case BTF_KIND_ENUM:
	case BTF_KIND_FUNC_PROTO:
		return 2L * vlen;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	default:
		return -1;
	}
}

/* ---- Opening: header, sections, records ---- */

struct btf_header {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	uint32_t type_off;
	uint32_t type_len;
	uint32_t str_off;
	uint32_t str_len;
};

static struct vr_error *read_header(const void *data, size_t size,
				    struct btf_header *h, bool *swap)
{
	if (size < BTF_HDR_MIN)
		return vr_error_create(VR_ERR_TRUNCATED,
				       "BTF: %zu bytes, shorter than a header",
				       size);
	memcpy(h, data, sizeof(*h));
	*swap = h->magic == bswap_16(BTF_MAGIC);
	if (h->magic != BTF_MAGIC && !*swap)
		return vr_error_create(VR_ERR_FORMAT, "BTF: bad magic 0x%04x",
				       h->magic);
	if (*swap) {
		h->hdr_len = bswap_32(h->hdr_len);
		h->type_off = bswap_32(h->type_off);
		h->type_len = bswap_32(h->type_len);
		h->str_off = bswap_32(h->str_off);
		h->str_len = bswap_32(h->str_len);
	}
	if (h->version != BTF_VERSION)
		return vr_error_create(VR_ERR_UNSUPPORTED,
				       "BTF: version %u", h->version);
	/* A longer header (newer kernels may add fields) is skipped. */
	if (h->hdr_len < BTF_HDR_MIN || h->hdr_len % 4)
		return vr_error_create(VR_ERR_FORMAT,
				       "BTF: bad header length %u", h->hdr_len);
	if (h->hdr_len > size ||
	    (uint64_t)h->type_off + h->type_len > size - h->hdr_len ||
	    (uint64_t)h->str_off + h->str_len > size - h->hdr_len)
		return vr_error_create(VR_ERR_TRUNCATED,
				       "BTF: sections beyond the %zu bytes",
				       size);
	if (h->type_off % 4 || h->type_len % 4)
		return vr_error_create(VR_ERR_FORMAT,
				       "BTF: misaligned type section");
	return NULL;
}

static struct vr_error *check_strings(struct vr_btf *btf)
{
	if (!btf->base && (!btf->str_len || btf->strs[0]))
		return vr_error_create(VR_ERR_FORMAT,
				       "BTF: string section does not start with an empty string");
	if (btf->str_len && btf->strs[btf->str_len - 1])
		return vr_error_create(VR_ERR_FORMAT,
				       "BTF: unterminated string section");
	if ((uint64_t)btf->str_start + btf->str_len > UINT32_MAX)
		return vr_error_create(VR_ERR_FORMAT,
				       "BTF: string section too large");
	return NULL;
}

/* Find where each record starts; the count first, then the offsets. */
static struct vr_error *index_records(struct vr_btf *btf, size_t nwords)
{
	size_t pos = 0, n = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (pos = 0, n = 0; pos < nwords; n++) {
			long extra;

			if (nwords - pos < 3)
				return vr_error_create(VR_ERR_TRUNCATED,
						       "BTF: type section ends inside a type");
			extra = extra_words(btf->type_sec[pos + 1]);
			if (extra < 0)
				return corrupt("unknown kind",
					       btf->start_id + (uint32_t)n);
			if ((size_t)extra > nwords - pos - 3)
				return corrupt("type beyond the type section",
					       btf->start_id + (uint32_t)n);
			if ((uint64_t)btf->start_id + n >= BTF_MAX_TYPE)
				return vr_error_create(VR_ERR_LIMIT,
						       "BTF: more than %u types",
						       BTF_MAX_TYPE);
			if (pass)
				btf->rec_off[n] = (uint32_t)pos;
			pos += 3 + (size_t)extra;
		}
		if (pass)
			break;
		btf->nr_types = (uint32_t)n;
		btf->rec_off = calloc(n ? n : 1, sizeof(*btf->rec_off));
		btf->types = calloc(n ? n : 1, sizeof(*btf->types));
		if (!btf->rec_off || !btf->types)
			return &vr_enomem;
	}
	return NULL;
}

/* ---- Checking every record ---- */

struct check {
	uint32_t end_id;	/* one past the last type id */
	uint32_t str_end;	/* one past the last string offset */
};

static bool id_ok(const struct check *c, uint32_t id)
{
	return id < c->end_id;
}

static bool str_ok(const struct check *c, uint32_t off)
{
	return off < c->str_end;
}

/* @n entries of @stride words: name offset at +0, type id at +@type_at. */
static bool entries_ok(const struct check *c, const uint32_t *e, uint32_t n,
		       unsigned int stride, int name_at, int type_at)
{
	for (uint32_t i = 0; i < n; i++, e += stride) {
		if (name_at >= 0 && !str_ok(c, e[name_at]))
			return false;
		if (type_at >= 0 && !id_ok(c, e[type_at]))
			return false;
	}
	return true;
}

static struct vr_error *check_int(const uint32_t *r, uint32_t id)
{
	uint32_t size = r[2], w = r[3];

	if (size != 1 && size != 2 && size != 4 && size != 8 && size != 16)
		return corrupt("bad integer size", id);
	if (BTF_INT_BITS(w) > 128 ||
	    BTF_INT_OFFSET(w) + BTF_INT_BITS(w) > size * 8)
		return corrupt("bad integer bits", id);
	return NULL;
}

static struct vr_error *check_record(const struct check *c, const uint32_t *r,
				     uint32_t id)
{
	uint32_t info = r[1], vlen = btf_vlen(info);
	const uint32_t *x = r + 3;

	if (!str_ok(c, r[0]))
		return corrupt("bad name offset", id);
	switch (btf_kind(info)) {
	case BTF_KIND_INT:
		return check_int(r, id);
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_TYPE_TAG:
		return id_ok(c, r[2]) ? NULL :
		       corrupt("type id out of range", id);
	case BTF_KIND_FUNC_PROTO:
		if (!id_ok(c, r[2]) || !entries_ok(c, x, vlen, 2, 0, 1))
			return corrupt("bad function prototype", id);
		return NULL;
	case BTF_KIND_ARRAY:
		if (!id_ok(c, x[0]) || !id_ok(c, x[1]))
			return corrupt("array type id out of range", id);
		return NULL;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return entries_ok(c, x, vlen, 3, 0, 1) ? NULL :
		       corrupt("bad member", id);
	case BTF_KIND_ENUM:
		return entries_ok(c, x, vlen, 2, 0, -1) ? NULL :
		       corrupt("bad enumerator", id);
	case BTF_KIND_ENUM64:
		return entries_ok(c, x, vlen, 3, 0, -1) ? NULL :
		       corrupt("bad enumerator", id);
	case BTF_KIND_DATASEC:
		return entries_ok(c, x, vlen, 3, -1, 0) ? NULL :
		       corrupt("bad section variable", id);
	default:
		return NULL;
	}
}

/*
 * The next link of a chain that a conversion follows without memoizing
 * (qualifiers) or that vr_type_sizeof()/vr_type_name() follow (typedefs,
 * arrays, pointers): 0 when the chain ends.
 */
static uint32_t chain_next(const uint32_t *r)
{
	switch (btf_kind(r[1])) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_FUNC:
	case BTF_KIND_FUNC_PROTO:
		return r[2];
	case BTF_KIND_ARRAY:
		return r[3];
	default:
		return 0;
	}
}

/* Every chain from our types ends (the base's were checked already). */
static struct vr_error *check_chains(struct vr_btf *btf)
{
	for (uint32_t i = 0; i < btf->nr_types; i++) {
		uint32_t id = btf->start_id + i;
		unsigned int steps = 0;

		while (id >= btf->start_id) {
			id = chain_next(btf_rec(btf, id));
			if (++steps > BTF_MAX_CHAIN)
				return corrupt("cycle of typedefs, qualifiers, pointers or arrays",
					       btf->start_id + i);
		}
	}
	return NULL;
}

static struct vr_error *check_records(struct vr_btf *btf)
{
	struct check c = {
		.end_id = btf->start_id + btf->nr_types,
		.str_end = btf->str_start + btf->str_len,
	};
	struct vr_error *err;

	for (uint32_t i = 0; i < btf->nr_types; i++) {
		err = check_record(&c, btf_rec(btf, btf->start_id + i),
				   btf->start_id + i);
		if (err)
			return err;
	}
	return check_chains(btf);
}

/* ---- The name index ---- */

static bool index_name(struct vr_btf *btf, int ns, uint32_t name_off,
		       uint32_t id, bool decl)
{
	const char *name = btf_name(btf, name_off);
	uintptr_t value = (uintptr_t)id << 1 | (decl ? INDEX_DECL : 0);
	void **slot;

	if (!name)
		return true;
	slot = hashmap_insert_str(&btf->names, ns, name, strlen(name));
	if (!slot)
		return false;
	/* The first definition wins and replaces a declaration. */
	if (!*slot || (((uintptr_t)*slot & INDEX_DECL) && !decl))
		*slot = (void *)value;
	return true;
}

/* Enumerators of every enum, anonymous ones included: the first wins. */
static bool index_enumerators(struct vr_btf *btf, const uint32_t *r)
{
	bool is64 = btf_kind(r[1]) == BTF_KIND_ENUM64;
	unsigned int stride = is64 ? 3 : 2;
	uintptr_t flags = (is64 ? ENUMERATOR_64 : 0) |
			  (btf_kflag(r[1]) ? ENUMERATOR_SIGNED : 0);
	const uint32_t *e = r + 3;

	for (uint32_t i = 0; i < btf_vlen(r[1]); i++, e += stride) {
		const char *name = btf_name(btf, e[0]);
		void **slot;

		if (!name)
			continue;
		slot = hashmap_insert_str(&btf->names, NS_ENUMERATOR, name,
					  strlen(name));
		if (!slot)
			return false;
		if (!*slot)
			*slot = (void *)((uintptr_t)e | flags);
	}
	return true;
}

static bool index_type(struct vr_btf *btf, uint32_t id)
{
	const uint32_t *r = btf_rec(btf, id);
	bool kflag = btf_kflag(r[1]);

	switch (btf_kind(r[1])) {
	case BTF_KIND_STRUCT:
		return index_name(btf, VR_BTF_NS_STRUCT, r[0], id, false);
	case BTF_KIND_UNION:
		return index_name(btf, VR_BTF_NS_UNION, r[0], id, false);
	case BTF_KIND_FWD:
		/* kflag: a union (v5.0). */
		return index_name(btf, kflag ? VR_BTF_NS_UNION :
				  VR_BTF_NS_STRUCT, r[0], id, true);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		/* No enumerators: a forward declaration. */
		return index_name(btf, VR_BTF_NS_ENUM, r[0], id,
				  btf_vlen(r[1]) == 0) &&
		       index_enumerators(btf, r);
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		return index_name(btf, VR_BTF_NS_ORDINARY, r[0], id, false);
	case BTF_KIND_VAR:
		return index_name(btf, NS_VARIABLE, r[0], id, false);
	default:
		return true;
	}
}

static struct vr_error *build_index(struct vr_btf *btf)
{
	for (uint32_t i = 0; i < btf->nr_types; i++) {
		if (!index_type(btf, btf->start_id + i))
			return &vr_enomem;
	}
	return NULL;
}

static struct vr_error *load(struct vr_btf *btf, const void *data,
			     size_t size)
{
	struct btf_header h;
	struct vr_error *err;
	bool swap = false;
	size_t nwords;

	err = read_header(data, size, &h, &swap);
	if (err)
		return err;
	btf->data = malloc(size);
	if (!btf->data)
		return &vr_enomem;
	memcpy(btf->data, data, size);
	btf->type_sec = btf->data + ((size_t)h.hdr_len + h.type_off) / 4;
	nwords = h.type_len / 4;
	if (swap) {
		uint32_t *w = btf->data + ((size_t)h.hdr_len + h.type_off) / 4;

		for (size_t i = 0; i < nwords; i++)
			w[i] = bswap_32(w[i]);
	}
	btf->strs = (const char *)btf->data + (size_t)h.hdr_len + h.str_off;
	btf->str_len = h.str_len;
	err = check_strings(btf);
	if (!err)
		err = index_records(btf, nwords);
	if (!err)
		err = check_records(btf);
	if (!err)
		err = build_index(btf);
	return err;
}

struct vr_error *vr_btf_open(const void *data, size_t size,
			     struct vr_btf *base, unsigned int ptr_size,
			     struct vr_btf **ret)
{
	struct vr_btf *btf = calloc(1, sizeof(*btf));
	struct vr_error *err;

	if (!btf)
		return &vr_enomem;
	btf->base = base;
	btf->ptr_size = ptr_size;
	btf->void_type.kind = VR_TYPE_VOID;
	btf->void_type.name = "void";
	btf->start_id = 1;
	/* Split BTF (v5.11): type ids and string offsets go on. */
	if (base) {
		btf->start_id = base->start_id + base->nr_types;
		btf->str_start = base->str_start + base->str_len;
	}
	err = load(btf, data, size);
	if (err) {
		vr_btf_close(btf);
		return err;
	}
	*ret = btf;
	return NULL;
}

void vr_btf_close(struct vr_btf *btf)
{
	if (!btf)
		return;
	hashmap_free(&btf->names);
	arena_free(&btf->arena);
	free(btf->types);
	free(btf->rec_off);
	free(btf->data);
	free(btf);
}

/* ---- Conversion ---- */

static struct vr_error *convert(struct vr_btf *btf, uint32_t id,
				bool complete, struct vr_type **ret);
static bool lookup(struct vr_btf *btf, int ns, const char *name, size_t len,
		   uint32_t *id);

static struct vr_type *new_type(struct vr_btf *btf, enum vr_type_kind kind,
				const uint32_t *r)
{
	struct vr_type *t = arena_alloc(&btf->arena, sizeof(*t));

	if (!t)
		return NULL;
	t->kind = kind;
	t->name = r ? btf_name(btf, r[0]) : NULL;
	t->from_btf = true;
	return t;
}

/*
 * A member's bit size.  With the struct's kflag (v5.0) the offset word
 * holds it in its high 8 bits; before, a bitfield's type was an INT of
 * that many bits, at a bit offset of its own.
 */
static uint32_t member_bits(struct vr_btf *btf, uint32_t type, bool kflag,
			    uint32_t *off)
{
	const uint32_t *r;
	struct vr_btf *owner;

	if (kflag) {
		uint32_t bits = *off >> 24;

		*off &= 0xffffff;
		return bits;
	}
	for (unsigned int i = 0; i < BTF_MAX_CHAIN; i++) {
		owner = btf_owner(btf, type);
		if (!owner || !type)
			return 0;
		r = btf_rec(owner, type);
		switch (btf_kind(r[1])) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			type = r[2];
			continue;
		case BTF_KIND_INT:
			if (BTF_INT_BITS(r[3]) == r[2] * 8 &&
			    !BTF_INT_OFFSET(r[3]))
				return 0;
			*off += BTF_INT_OFFSET(r[3]);
			return BTF_INT_BITS(r[3]);
		default:
			return 0;
		}
	}
	return 0;
}

static struct vr_error *convert_members(struct vr_btf *btf, const uint32_t *r,
					struct vr_type *t)
{
	uint32_t n = btf_vlen(r[1]);
	const uint32_t *m = r + 3;
	struct vr_error *err;

	if (!n)
		return NULL;
	t->members = arena_alloc(&btf->arena, n * sizeof(*t->members));
	if (!t->members)
		return &vr_enomem;
	for (uint32_t i = 0; i < n; i++, m += 3) {
		struct vr_member *vm = &t->members[i];
		uint32_t off = m[2];

		vm->name = btf_name(btf, m[0]);
		vm->bit_size = member_bits(btf, m[1], btf_kflag(r[1]), &off);
		vm->bit_offset = off;
		err = convert(btf, m[1], true, &vm->type);
		if (err)
			return err;
		t->nr_members = i + 1;
	}
	return NULL;
}

/* Fill in the members of a lazy struct or union, in place. */
static struct vr_error *complete_lazy(struct vr_btf *btf, struct vr_type *t)
{
	struct vr_btf *owner;
	const uint32_t *r;
	struct vr_error *err;
	unsigned int kind;

	if (!t->lazy_id)
		return NULL;
	owner = t->lazy_id <= UINT32_MAX ?
		btf_owner(btf, (uint32_t)t->lazy_id) : NULL;
	if (!owner)
		return vr_error_create(VR_ERR_INVALID,
				       "BTF: lazy type id %llu not ours",
				       (unsigned long long)t->lazy_id);
	r = btf_rec(owner, (uint32_t)t->lazy_id);
	kind = btf_kind(r[1]);
	if (kind != BTF_KIND_STRUCT && kind != BTF_KIND_UNION)
		return vr_error_create(VR_ERR_INVALID,
				       "BTF: lazy type id %llu is no struct",
				       (unsigned long long)t->lazy_id);
	t->lazy_id = 0;
	t->incomplete = false;
	err = convert_members(owner, r, t);
	if (err) {
		t->nr_members = 0;
		t->incomplete = true;
	}
	return err;
}

/* Make sure what a by-value use of @t needs (struct members) is there. */
static struct vr_error *ensure_complete(struct vr_btf *btf, struct vr_type *t)
{
	for (unsigned int i = 0; t && i < BTF_MAX_CHAIN; i++) {
		if (t->kind != VR_TYPE_TYPEDEF && t->kind != VR_TYPE_ARRAY)
			return complete_lazy(btf, t);
		t = t->target;
	}
	return NULL;
}

/*
 * The integer type GCC gives an enum in DWARF (DW_AT_type), which BTF does
 * not record: unsigned unless an enumerator is negative, of the enum's
 * size.  The BTF's own base type of that name, else one made here.
 */
static struct vr_error *enum_compatible(struct vr_btf *btf, uint64_t size,
					bool is_signed, struct vr_type **ret)
{
	static const char *const names[][2] = {
		{ "unsigned char", "signed char" },
		{ "short unsigned int", "short int" },
		{ "unsigned int", "int" },
		{ "long unsigned int", "long int" },
		{ "long long unsigned int", "long long int" },
		{ "__int128 unsigned", "__int128" },
	};
	int i = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 :
		size == 8 ? (btf->ptr_size == 8 ? 3 : 4) : size == 16 ? 5 : -1;
	const char *name;
	struct vr_type *t;
	uint32_t id;

	*ret = NULL;
	if (i < 0)
		return NULL;
	name = names[i][is_signed];
	if (lookup(btf, VR_BTF_NS_ORDINARY, name, strlen(name), &id) &&
	    btf_kind(btf_rec(btf_owner(btf, id), id)[1]) == BTF_KIND_INT)
		return convert(btf, id, false, ret);
	t = new_type(btf, VR_TYPE_INT, NULL);
	if (!t)
		return &vr_enomem;
	t->name = name;
	t->size = size;
	t->is_signed = is_signed;
	*ret = t;
	return NULL;
}

/*
 * BTF_KIND_ENUM: 32-bit values, signed if kflag (v6.0; unsigned before
 * by this rule).  BTF_KIND_ENUM64 (v6.0): low and high words.
 */
static struct vr_error *convert_enum(struct vr_btf *btf, const uint32_t *r,
				     struct vr_type *t)
{
	bool is64 = btf_kind(r[1]) == BTF_KIND_ENUM64, kflag = btf_kflag(r[1]);
	uint32_t n = btf_vlen(r[1]);
	const uint32_t *e = r + 3;

	t->size = r[2];
	if (!n) {
		t->incomplete = true;
		return NULL;
	}
	t->enumerators = arena_alloc(&btf->arena, n * sizeof(*t->enumerators));
	if (!t->enumerators)
		return &vr_enomem;
	t->is_signed = kflag;
	for (uint32_t i = 0; i < n; i++, e += is64 ? 3 : 2) {
		int64_t v;

		if (is64)
			v = (int64_t)((uint64_t)e[2] << 32 | e[1]);
		else
			v = kflag ? (int64_t)(int32_t)e[1] : (int64_t)e[1];
		t->enumerators[i].name = btf_name(btf, e[0]);
		t->enumerators[i].value = v;
		if (v < 0)
			t->is_signed = true;
	}
	t->nr_enumerators = n;
	return enum_compatible(btf, t->size, t->is_signed, &t->target);
}

/*
 * An array; BTF has no "[]": a flexible array member is one of 0
 * elements, which DWARF calls incomplete (no bound).
 */
static struct vr_error *convert_array(struct vr_btf *btf, const uint32_t *r,
				      struct vr_type *t, bool complete)
{
	struct vr_error *err = convert(btf, r[3], complete, &t->target);

	if (err)
		return err;
	t->length = r[5];
	t->incomplete = !t->length;
	t->size = t->length * vr_type_sizeof(t->target);
	return NULL;
}

static enum vr_type_kind model_kind(const uint32_t *r)
{
	switch (btf_kind(r[1])) {
	case BTF_KIND_INT:
		return VR_TYPE_INT;
	case BTF_KIND_FLOAT:
		return VR_TYPE_FLOAT;
	case BTF_KIND_PTR:
		return VR_TYPE_POINTER;
	case BTF_KIND_TYPEDEF:
		return VR_TYPE_TYPEDEF;
	case BTF_KIND_STRUCT:
		return VR_TYPE_STRUCT;
	case BTF_KIND_UNION:
		return VR_TYPE_UNION;
	case BTF_KIND_FWD:
		return btf_kflag(r[1]) ? VR_TYPE_UNION : VR_TYPE_STRUCT;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return VR_TYPE_ENUM;
	case BTF_KIND_ARRAY:
		return VR_TYPE_ARRAY;
	default:
		return VR_TYPE_FUNCTION;
	}
}

static struct vr_error *fill_type(struct vr_btf *btf, uint32_t id,
				  const uint32_t *r, struct vr_type *t,
				  bool complete)
{
	struct vr_error *err;
	uint32_t w;

	switch (btf_kind(r[1])) {
	case BTF_KIND_INT:
		w = r[3];
		t->size = r[2];
		t->is_signed = BTF_INT_ENCODING(w) & BTF_INT_SIGNED;
		t->is_bool = BTF_INT_ENCODING(w) & BTF_INT_BOOL;
		return NULL;
	case BTF_KIND_FLOAT:	/* v5.13 */
		t->size = r[2];
		return NULL;
	case BTF_KIND_PTR:
		t->size = btf->ptr_size;
		return convert(btf, r[2], false, &t->target);
	case BTF_KIND_TYPEDEF:
		err = convert(btf, r[2], complete, &t->target);
		if (!err)
			t->size = t->target->size;
		return err;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		t->size = r[2];
		t->incomplete = true;
		t->lazy_id = id;
		return complete ? complete_lazy(btf, t) : NULL;
	case BTF_KIND_FWD:
		t->incomplete = true;
		return NULL;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return convert_enum(btf, r, t);
	case BTF_KIND_ARRAY:
		return convert_array(btf, r, t, complete);
	default:	/* BTF_KIND_FUNC_PROTO (v5.0): the return type */
		t->name = NULL;
		return convert(btf, r[2], false, &t->target);
	}
}

static struct vr_error *convert_new(struct vr_btf *btf, uint32_t id,
				    bool complete, struct vr_type **ret)
{
	const uint32_t *r = btf_rec(btf, id);
	struct vr_type *t;

	switch (btf_kind(r[1])) {
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:	/* v5.17 */
		/* Qualifiers do not change how a value is read. */
		return convert(btf, r[2], complete, ret);
	case BTF_KIND_FUNC:	/* v5.0: a function; its prototype */
		return convert(btf, r[2], complete, ret);
	case BTF_KIND_VAR:	/* v5.2 */
	case BTF_KIND_DATASEC:	/* v5.2 */
	case BTF_KIND_DECL_TAG:	/* v5.16 */
		return corrupt("reference to a non-type", id);
	}
	t = new_type(btf, model_kind(r), r);
	if (!t)
		return &vr_enomem;
	/* Memoize first: a struct may point to itself. */
	btf->types[id - btf->start_id] = t;
	*ret = t;
	return fill_type(btf, id, r, t, complete);
}

static struct vr_error *convert(struct vr_btf *btf, uint32_t id,
				bool complete, struct vr_type **ret)
{
	struct vr_btf *owner = btf_owner(btf, id);
	struct vr_error *err;
	struct vr_type *t;

	if (!owner)
		return corrupt("type id out of range", id);
	if (!id) {
		while (owner->base)
			owner = owner->base;
		*ret = &owner->void_type;
		return NULL;
	}
	t = owner->types[id - owner->start_id];
	if (t && !complete) {
		*ret = t;
		return NULL;
	}
	/* Converting or completing recurses into members by value. */
	if (owner->depth >= BTF_MAX_DEPTH)
		return corrupt("types nested too deeply", id);
	owner->depth++;
	if (t) {
		*ret = t;
		err = ensure_complete(owner, t);
	} else {
		err = convert_new(owner, id, complete, ret);
	}
	owner->depth--;
	return err;
}

/* ---- Lookups ---- */

/* Find @name in @btf and its bases: a definition, else a declaration. */
static bool lookup(struct vr_btf *btf, int ns, const char *name, size_t len,
		   uint32_t *id)
{
	uintptr_t decl = 0;

	for (; btf; btf = btf->base) {
		uintptr_t v = (uintptr_t)hashmap_get_str(&btf->names, ns,
							 name, len);

		if (v && !(v & INDEX_DECL)) {
			*id = (uint32_t)(v >> 1);
			return true;
		}
		if (v && !decl)
			decl = v;
	}
	*id = (uint32_t)(decl >> 1);
	return decl != 0;
}

static bool lookup_alias(struct vr_btf *btf, const char *name, size_t len,
			 uint32_t *id)
{
	const char *canon = gcc_base_type_name(name, len);

	return canon && lookup(btf, VR_BTF_NS_ORDINARY, canon, strlen(canon),
			       id);
}

struct vr_error *vr_btf_find_type(struct vr_btf *btf, enum vr_btf_ns ns,
				  const char *name, size_t len,
				  struct vr_type **ret)
{
	uint32_t id;

	if (ns > VR_BTF_NS_ORDINARY)
		return vr_error_create(VR_ERR_INVALID,
				       "BTF: bad namespace %d", ns);
	if (!lookup(btf, ns, name, len, &id) &&
	    !(ns == VR_BTF_NS_ORDINARY && lookup_alias(btf, name, len, &id)))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "type %s%.*s not found in BTF",
				       ns == VR_BTF_NS_STRUCT ? "struct " :
				       ns == VR_BTF_NS_UNION ? "union " :
				       ns == VR_BTF_NS_ENUM ? "enum " : "",
				       (int)len, name);
	return convert(btf, id, true, ret);
}

struct vr_error *vr_btf_complete_lazy(struct vr_btf *btf, struct vr_type *t)
{
	return complete_lazy(btf, t);
}

struct vr_error *vr_btf_variable_type(struct vr_btf *btf, const char *name,
				      struct vr_type **ret)
{
	struct vr_btf *owner;
	uint32_t id;

	if (!lookup(btf, NS_VARIABLE, name, strlen(name), &id))
		return vr_error_create(VR_ERR_NOT_FOUND,
				       "variable %s not found in BTF", name);
	owner = btf_owner(btf, id);
	return convert(owner, btf_rec(owner, id)[2], true, ret);
}

bool vr_btf_constant(struct vr_btf *btf, const char *name, int64_t *ret)
{
	size_t len = strlen(name);

	for (; btf; btf = btf->base) {
		uintptr_t v = (uintptr_t)hashmap_get_str(&btf->names,
							 NS_ENUMERATOR,
							 name, len);
		const uint32_t *e = (const uint32_t *)(v & ~(uintptr_t)3);

		if (!v)
			continue;
		if (v & ENUMERATOR_64)
			*ret = (int64_t)((uint64_t)e[2] << 32 | e[1]);
		else if (v & ENUMERATOR_SIGNED)
			*ret = (int32_t)e[1];
		else
			*ret = e[1];
		return true;
	}
	return false;
}
