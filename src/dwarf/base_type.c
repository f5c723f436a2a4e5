// SPDX-License-Identifier: GPL-2.0-or-later
/* C spellings of base types to GCC's names (see vr/base_type.h). */
#include <string.h>

#include "vr/base_type.h"

static const char *const base_type_aliases[][2] = {
	{ "unsigned", "unsigned int" },
	{ "unsigned long", "long unsigned int" },
	{ "unsigned long int", "long unsigned int" },
	{ "long", "long int" },
	{ "signed long", "long int" },
	{ "unsigned long long", "long long unsigned int" },
	{ "long long", "long long int" },
	{ "unsigned short", "short unsigned int" },
	{ "short", "short int" },
	{ "bool", "_Bool" },
};

const char *gcc_base_type_name(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(base_type_aliases) /
			       sizeof(base_type_aliases[0]); i++) {
		const char *alias = base_type_aliases[i][0];

		if (strlen(alias) == len && memcmp(alias, name, len) == 0)
			return base_type_aliases[i][1];
	}
	return NULL;
}
