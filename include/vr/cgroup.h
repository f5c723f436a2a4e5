/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Cgroups of a task, named as in kernel/cgroup/cgroup.c: the css_set of a
 * task, the cgroup it is in on a hierarchy (task_cgroup_from_root()), and
 * a cgroup's path (cgroup_path_ns_locked(), kernfs_path_from_node()) as a
 * reader in the initial cgroup namespace sees it.
 */
#ifndef VR_CGROUP_H
#define VR_CGROUP_H

#include <stdint.h>

#include "vr/object.h"
#include "vr/strbuf.h"

/* Bound on the depth of a cgroup path (kernfs nodes up to the root). */
#define VR_CGROUP_MAX_DEPTH	4096

/*
 * task_cgroup_from_root(): the struct cgroup (an address) @task is in on
 * the hierarchy @root (a struct cgroup_root address); 0 when the task's
 * css_set has no link to that hierarchy (an unmounted root).
 */
uint64_t task_cgroup_from_root(struct kobj task, uint64_t root,
			       struct vr_error **err);

/*
 * cgroup_path_ns_locked() in the initial cgroup namespace (whose root
 * css_set is init_css_set): the path of @cgrp (a struct cgroup address)
 * from its hierarchy's root cgroup, "/" for the root, appended to @out.
 */
struct vr_error *cgroup_path(struct vr_program *prog, uint64_t cgrp,
			     struct strbuf *out);

#endif
