// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IRQ descriptors: with CONFIG_SPARSE_IRQ in a maple tree `sparse_irqs`
 * since v6.5 and in a radix tree `irq_desc_tree` before; without it, the
 * array irq_desc[NR_IRQS].
 */
#include "vr/irq.h"
#include "vr/tree.h"

struct vr_error *irq_get_nr_irqs(struct vr_program *prog, uint64_t *ret)
{
	/* int nr_irqs; total_nr_irqs since v7.2. */
	struct kobj n = kobj_var(prog, "total_nr_irqs");

	if (n.err == VR_ERR_NOT_FOUND)
		n = kobj_var(prog, "nr_irqs");
	return kobj_read_u64(n, ret);
}

struct vr_error *irq_to_desc(struct vr_program *prog, uint64_t irq,
			     uint64_t *desc)
{
	struct kobj tree = kobj_var(prog, "sparse_irqs");

	if (kobj_ok(&tree))
		return mtree_load(prog, kobj_addr(&tree), irq, desc);
	tree = kobj_var(prog, "irq_desc_tree");
	if (kobj_ok(&tree))
		return radix_tree_lookup(prog, kobj_addr(&tree), irq, desc);
	tree = kobj_index(kobj_var(prog, "irq_desc"), irq);
	if (!kobj_ok(&tree))
		return kobj_error(&tree);
	*desc = kobj_addr(&tree);
	return NULL;
}
