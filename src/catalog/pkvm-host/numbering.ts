/**
 * enum __kvm_host_smccc_func as read in two copies of
 * arch/arm64/include/asm/kvm_asm.h, in order: a call's number is its
 * position (__kvm_hyp_init, #defined as 0, first). Kernel-internal and
 * renumbered as calls come and go, so each copy is transcribed whole rather
 * than number by number, and every number the catalog shows or states in a
 * note is computed from these lists.
 */

/** The mirror's copy (sources.ts MIRROR_AT), whose numbers the catalog shows. */
export const HOST_SMCCC_FUNCS = [
  '__kvm_hyp_init',
  '__pkvm_init',
  '__pkvm_create_private_mapping',
  '__pkvm_cpu_set_vector',
  '__kvm_enable_ssbs',
  '__vgic_v3_init_lrs',
  '__vgic_v3_get_gic_config',
  '__pkvm_prot_finalize',
  '__pkvm_host_share_hyp',
  '__pkvm_host_unshare_hyp',
  '__pkvm_host_share_guest',
  '__pkvm_host_unshare_guest',
  '__pkvm_host_relax_perms_guest',
  '__pkvm_host_wrprotect_guest',
  '__pkvm_host_test_clear_young_guest',
  '__pkvm_host_mkyoung_guest',
  '__kvm_adjust_pc',
  '__kvm_vcpu_run',
  '__kvm_flush_vm_context',
  '__kvm_tlb_flush_vmid_ipa',
  '__kvm_tlb_flush_vmid_ipa_nsh',
  '__kvm_tlb_flush_vmid',
  '__kvm_tlb_flush_vmid_range',
  '__kvm_flush_cpu_context',
  '__kvm_timer_set_cntvoff',
  '__vgic_v3_save_vmcr_aprs',
  '__vgic_v3_restore_vmcr_aprs',
  '__pkvm_init_vm',
  '__pkvm_init_vcpu',
  '__pkvm_teardown_vm',
  '__pkvm_vcpu_load',
  '__pkvm_vcpu_put',
  '__pkvm_tlb_flush_vmid',
] as const;

/** The torvalds/linux copy at sources.ts OLDER_AT: an earlier numbering, shown only in a note. */
export const OLDER_HOST_SMCCC_FUNCS = [
  '__kvm_hyp_init',
  '__kvm_get_mdcr_el2',
  '__pkvm_init',
  '__pkvm_create_private_mapping',
  '__pkvm_cpu_set_vector',
  '__kvm_enable_ssbs',
  '__vgic_v3_init_lrs',
  '__vgic_v3_get_gic_config',
  '__pkvm_prot_finalize',
  '__pkvm_host_share_hyp',
  '__pkvm_host_unshare_hyp',
  '__kvm_adjust_pc',
  '__kvm_vcpu_run',
  '__kvm_flush_vm_context',
  '__kvm_tlb_flush_vmid_ipa',
  '__kvm_tlb_flush_vmid_ipa_nsh',
  '__kvm_tlb_flush_vmid',
  '__kvm_flush_cpu_context',
  '__kvm_timer_set_cntvoff',
  '__vgic_v3_read_vmcr',
  '__vgic_v3_write_vmcr',
  '__vgic_v3_save_aprs',
  '__vgic_v3_restore_aprs',
  '__pkvm_vcpu_init_traps',
  '__pkvm_init_vm',
  '__pkvm_init_vcpu',
  '__pkvm_teardown_vm',
] as const;

/** The torvalds/linux copy at docs.ts LINUX_6_18 (Linux 6.18): the later numbering, shown only in a note. */
export const LINUX_6_18_HOST_SMCCC_FUNCS = [
  '__kvm_hyp_init',
  '__pkvm_init',
  '__pkvm_create_private_mapping',
  '__pkvm_cpu_set_vector',
  '__kvm_enable_ssbs',
  '__vgic_v3_init_lrs',
  '__vgic_v3_get_gic_config',
  '__pkvm_prot_finalize',
  '__pkvm_host_share_hyp',
  '__pkvm_host_unshare_hyp',
  '__pkvm_host_share_guest',
  '__pkvm_host_unshare_guest',
  '__pkvm_host_relax_perms_guest',
  '__pkvm_host_wrprotect_guest',
  '__pkvm_host_test_clear_young_guest',
  '__pkvm_host_mkyoung_guest',
  '__kvm_adjust_pc',
  '__kvm_vcpu_run',
  '__kvm_flush_vm_context',
  '__kvm_tlb_flush_vmid_ipa',
  '__kvm_tlb_flush_vmid_ipa_nsh',
  '__kvm_tlb_flush_vmid',
  '__kvm_tlb_flush_vmid_range',
  '__kvm_flush_cpu_context',
  '__kvm_timer_set_cntvoff',
  '__vgic_v3_save_vmcr_aprs',
  '__vgic_v3_restore_vmcr_aprs',
  '__pkvm_reserve_vm',
  '__pkvm_unreserve_vm',
  '__pkvm_init_vm',
  '__pkvm_init_vcpu',
  '__pkvm_teardown_vm',
  '__pkvm_vcpu_load',
  '__pkvm_vcpu_put',
  '__pkvm_tlb_flush_vmid',
] as const;

export type HostFunc = (typeof HOST_SMCCC_FUNCS)[number];

/** A call's number in one copy of the enum, or undefined when that copy has no such entry. */
export function numberIn(funcs: readonly string[], name: string): number | undefined {
  const n = funcs.indexOf(name);
  return n < 0 ? undefined : n;
}

/** Entries one copy has and the other lacks, in the first copy's order. */
export function onlyIn(funcs: readonly string[], other: readonly string[]): string[] {
  return funcs.filter((f) => !other.includes(f));
}
