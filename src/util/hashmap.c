// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "vr/hashmap.h"
#include "vr/util.h"

void hashmap_free(struct hashmap *map)
{
	free(map->entries);
	memset(map, 0, sizeof(*map));
}

static uint64_t str_hash(uint64_t ns, const char *s, size_t len)
{
	uint64_t h = hash_bytes(s, len) ^ hash_u64(ns + 1);

	return h ? h : 1;
}

static uint64_t int_hash(uint64_t key)
{
	uint64_t h = hash_u64(key);

	return h ? h : 1;
}

static struct hashmap_entry *find_slot(const struct hashmap *map, uint64_t hash,
				       uint64_t key, const char *s, size_t len)
{
	size_t mask = map->cap - 1, i = hash & mask;

	for (;;) {
		struct hashmap_entry *e = &map->entries[i];

		if (!e->hash)
			return e;
		if (e->hash == hash && e->key == key &&
		    (s ? e->str && e->str_len == len &&
			 memcmp(e->str, s, len) == 0 : !e->str))
			return e;
		i = (i + 1) & mask;
	}
}

static bool grow(struct hashmap *map)
{
	struct hashmap old = *map;
	size_t cap = old.cap ? old.cap * 2 : 64;

	map->entries = calloc(cap, sizeof(*map->entries));
	if (!map->entries) {
		*map = old;
		return false;
	}
	map->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		struct hashmap_entry *e = &old.entries[i];

		if (e->hash)
			*find_slot(map, e->hash, e->key, e->str, e->str_len) = *e;
	}
	free(old.entries);
	return true;
}

static bool put(struct hashmap *map, uint64_t hash, uint64_t key,
		const char *s, size_t len, void *value)
{
	struct hashmap_entry *e;

	if ((map->len + 1) * 4 > map->cap * 3 && !grow(map))
		return false;
	e = find_slot(map, hash, key, s, len);
	if (!e->hash) {
		e->hash = hash;
		e->key = key;
		e->str = s;
		e->str_len = (uint32_t)len;
		map->len++;
	}
	e->value = value;
	return true;
}

void **hashmap_insert_str(struct hashmap *map, uint64_t ns, const char *s,
			  size_t len)
{
	uint64_t hash = str_hash(ns, s, len);
	struct hashmap_entry *e;

	if ((map->len + 1) * 4 > map->cap * 3 && !grow(map))
		return NULL;
	e = find_slot(map, hash, ns, s, len);
	if (!e->hash) {
		e->hash = hash;
		e->key = ns;
		e->str = s;
		e->str_len = (uint32_t)len;
		e->value = NULL;
		map->len++;
	}
	return &e->value;
}

void *hashmap_get_u64(const struct hashmap *map, uint64_t key)
{
	struct hashmap_entry *e;

	if (!map->cap)
		return NULL;
	e = find_slot(map, int_hash(key), key, NULL, 0);
	return e->hash ? e->value : NULL;
}

bool hashmap_put_u64(struct hashmap *map, uint64_t key, void *value)
{
	return put(map, int_hash(key), key, NULL, 0, value);
}

void **hashmap_slot_str(const struct hashmap *map, uint64_t ns, const char *s,
			size_t len)
{
	struct hashmap_entry *e;

	if (!map->cap)
		return NULL;
	e = find_slot(map, str_hash(ns, s, len), ns, s, len);
	return e->hash ? &e->value : NULL;
}

void *hashmap_get_str(const struct hashmap *map, uint64_t ns, const char *s,
		      size_t len)
{
	void **slot = hashmap_slot_str(map, ns, s, len);

	return slot ? *slot : NULL;
}

bool hashmap_put_str(struct hashmap *map, uint64_t ns, const char *s,
		     size_t len, void *value)
{
	return put(map, str_hash(ns, s, len), ns, s, len, value);
}
