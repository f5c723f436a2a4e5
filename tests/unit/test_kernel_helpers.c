// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel helpers on every fixture: invariants the kernel itself keeps,
 * so a wrong offset, translation or walk shows up as a failure.
 */
#include "test.h"
#include "fixture_util.h"
#include "vr/kernel.h"
#include "vr/percpu.h"

/* Fixture guests have 2 vCPUs (shared/fixtures/README.md). */
#define FIXTURE_CPUS 2

static void check_percpu(struct vr_program *prog, const char *fx,
			 int *test_failed_)
{
	struct cpumask_set possible, online;
	unsigned int cpu;

	CHECK_OK(cpu_possible_mask(prog, &possible));
	CHECK_OK(cpu_online_mask(prog, &online));
	if (cpumask_weight(&online) != FIXTURE_CPUS)
		fprintf(stderr, "  %s: %u CPUs online\n", fx,
			cpumask_weight(&online));
	CHECK_EQ_U64(cpumask_weight(&online), FIXTURE_CPUS);
	/* kernel/sched/core.c sched_init(): rq->cpu = i for each CPU. */
	for_each_cpu(cpu, &possible) {
		struct kobj rq = per_cpu(kobj_var(prog, "runqueues"), cpu);
		uint64_t rq_cpu = ~0ULL;

		CHECK_OK(kobj_read_u64(kobj_member(rq, "cpu"), &rq_cpu));
		if (rq_cpu != cpu)
			fprintf(stderr, "  %s: runqueues[%u].cpu = %llu\n", fx,
				cpu, (unsigned long long)rq_cpu);
		CHECK_EQ_U64(rq_cpu, cpu);
	}
}

TEST(percpu_runqueues)
{
	int n = for_each_fixture("vmcore.kdump-zlib", check_percpu,
				 test_failed_);

	if (!n)
		printf("######## no fixture: percpu test SKIPPED ########\n");
}

static void check_tasks(struct vr_program *prog, const char *fx,
			int *test_failed_)
{
	uint64_t *pids = NULL;
	size_t n = 0;

	CHECK_OK(for_each_process_pids(prog, &pids, &n));
	/* init (pid 1) and kthreadd (pid 2) exist on every booted kernel. */
	if (n < 20 || pids[0] != 1 || pids[1] != 2)
		fprintf(stderr, "  %s: %zu processes\n", fx, n);
	CHECK(n >= 20 && pids[0] == 1 && pids[1] == 2);
	free(pids);
}

TEST(task_list)
{
	for_each_fixture("vmcore.kdump-zlib", check_tasks, test_failed_);
}

TEST_MAIN(T(percpu_runqueues), T(task_list))
