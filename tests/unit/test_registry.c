// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The emitter table: every path is unique (a file registered twice would
 * be written twice into the archive), well formed, and every enumerated
 * path names an enumerator that exists.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vr/emitter.h"

TEST(paths_unique_and_well_formed)
{
	size_t n = 0;
	const struct emitter *const *all = emitters_sorted(&n);

	CHECK(all != NULL);
	CHECK(n > 50);
	for (size_t i = 0; all && i < n; i++) {
		const char *p = all[i]->path;

		if (i && strcmp(all[i - 1]->path, p) == 0) {
			fprintf(stderr, "  %s registered twice\n", p);
			CHECK(0);
		}
		CHECK(p[0] != '/' && !strstr(p, "//") && p[strlen(p) - 1] != '/');
		CHECK(all[i]->emit != NULL);
		/* {placeholders} exactly when there is an enumerator. */
		CHECK((strchr(p, '{') != NULL) == (all[i]->enumerator != NULL));
		if (all[i]->enumerator && !enumerator_find(all[i]->enumerator)) {
			fprintf(stderr, "  %s: no enumerator %s\n", p,
				all[i]->enumerator);
			CHECK(0);
		}
	}
	free((void *)all);
}

TEST_MAIN(T(paths_unique_and_well_formed))
