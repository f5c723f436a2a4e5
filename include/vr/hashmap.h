/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Open-addressing hash map with either integer keys or string keys (plus a
 * small integer "namespace", so "struct foo" and "union foo" can share one
 * table).  String keys are not copied: they must outlive the map.
 */
#ifndef VR_HASHMAP_H
#define VR_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hashmap_entry {
	uint64_t hash;		/* 0 = empty slot */
	uint64_t key;		/* integer key, or namespace for string keys */
	const char *str;	/* string key, or NULL */
	uint32_t str_len;
	void *value;
};

struct hashmap {
	struct hashmap_entry *entries;
	size_t cap;		/* power of two */
	size_t len;
};

void hashmap_free(struct hashmap *map);
void *hashmap_get_u64(const struct hashmap *map, uint64_t key);
bool hashmap_put_u64(struct hashmap *map, uint64_t key, void *value);
void *hashmap_get_str(const struct hashmap *map, uint64_t ns, const char *s,
		      size_t len);
/* Insert or replace. */
bool hashmap_put_str(struct hashmap *map, uint64_t ns, const char *s,
		     size_t len, void *value);
/*
 * The value slot of a string key, added (with a NULL value) if it was not
 * there: one hash for "look up, else insert".  NULL if out of memory.
 */
void **hashmap_insert_str(struct hashmap *map, uint64_t ns, const char *s,
			  size_t len);
/* Pointer to the value slot of a string key, or NULL. */
void **hashmap_slot_str(const struct hashmap *map, uint64_t ns, const char *s,
			size_t len);

#endif
