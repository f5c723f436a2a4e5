/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bump allocator: many small objects, freed all at once. */
#ifndef VR_ARENA_H
#define VR_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used;		/* bytes used in head */
	size_t total;		/* bytes allocated from the system */
};

/* Zeroed, 16-byte aligned memory, or NULL. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t len);
void arena_free(struct arena *a);

#endif
