/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A minimal unit-test harness.  Each test file defines TEST(name) functions;
 * CHECK() records a failure and keeps going.  main() comes from
 * TEST_MAIN(...) and prints "N passed, N failed".
 */
#ifndef VR_TEST_H
#define VR_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(int *failed);
};

#define TEST(name) static void test_##name(int *test_failed_)

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n",		\
			__FILE__, __LINE__, #cond);			\
		(*test_failed_)++;					\
	}								\
} while (0)

#define CHECK_EQ_U64(a, b) do {						\
	unsigned long long a_ = (a), b_ = (b);				\
	if (a_ != b_) {							\
		fprintf(stderr, "  %s:%d: %s == %s: 0x%llx != 0x%llx\n",	\
			__FILE__, __LINE__, #a, #b, a_, b_);		\
		(*test_failed_)++;					\
	}								\
} while (0)

#define CHECK_STREQ(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (!a_ || !b_ || strcmp(a_, b_) != 0) {			\
		fprintf(stderr, "  %s:%d: %s == %s: \"%s\" != \"%s\"\n",	\
			__FILE__, __LINE__, #a, #b, a_ ? a_ : "(null)",	\
			b_ ? b_ : "(null)");				\
		(*test_failed_)++;					\
	}								\
} while (0)

/* CHECK that a struct vr_error * is NULL; print and free it otherwise. */
#define CHECK_OK(expr) do {						\
	struct vr_error *e_ = (expr);					\
	if (e_) {							\
		fprintf(stderr, "  %s:%d: %s: error: %s\n", __FILE__,	\
			__LINE__, #expr, e_->message);			\
		vr_error_destroy(e_);					\
		(*test_failed_)++;					\
	}								\
} while (0)

/* CHECK that a struct vr_error * has the given code; free it. */
#define CHECK_ERR(expr, want) do {					\
	struct vr_error *e_ = (expr);					\
	if (!e_ || e_->code != (want)) {				\
		fprintf(stderr, "  %s:%d: %s: want %s, got %s\n",	\
			__FILE__, __LINE__, #expr, #want,		\
			e_ ? e_->message : "success");			\
		(*test_failed_)++;					\
	}								\
	if (e_)								\
		vr_error_destroy(e_);					\
} while (0)

#define T(name) { #name, test_##name }

#define TEST_MAIN(...)							\
int main(void)								\
{									\
	static const struct test_case cases[] = { __VA_ARGS__ };	\
	int passed = 0, failed = 0;					\
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) { \
		int f = 0;						\
		cases[i].fn(&f);					\
		printf("%s %s\n", f ? "FAIL" : "ok  ", cases[i].name);	\
		if (f)							\
			failed++;					\
		else							\
			passed++;					\
	}								\
	printf("%d passed, %d failed\n", passed, failed);		\
	return failed ? 1 : 0;						\
}

#endif
