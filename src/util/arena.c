// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>

#include "vr/arena.h"

#define ARENA_BLOCK_SIZE (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b;
	size_t need = (size + 15) & ~(size_t)15;

	if (need < size)
		return NULL;
	if (!a->head || a->head->size - a->used < need) {
		size_t bsize = need > ARENA_BLOCK_SIZE ? need : ARENA_BLOCK_SIZE;

		b = malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		b->next = a->head;
		a->head = b;
		a->used = 0;
		a->total += bsize;
	}
	b = a->head;
	memset(b->data + a->used, 0, need);
	a->used += need;
	return b->data + a->used - need;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
	memset(a, 0, sizeof(*a));
}
