/*
 * Boot for the AArch32 QEMU virt runs of check:cpu (cortex-a15). Booted in
 * SVC mode (virtualization=off), QEMU's PSCI answers HVC. Booted in Hyp
 * mode (virtualization=on), this installs hyp_vectors, whose handler
 * (hyp_trap in traps.c) records each HVC and answers it as the plan says,
 * and drops to SVC mode; QEMU's PSCI answers SMC.
 */
	.arch_extension virt
	.arch_extension sec
	.section .text.boot, "ax"
	.arm
	.global _start
_start:
	ldr	r1, =__bss_start
	ldr	r2, =__bss_end
	mov	r3, #0
1:	cmp	r1, r2
	strlo	r3, [r1], #4
	blo	1b
	mrs	r0, cpsr
	and	r0, r0, #0x1f
	cmp	r0, #0x1a		/* Hyp */
	moveq	r0, #2
	movne	r0, #1
	ldr	r1, =booted_el
	str	r0, [r1]
	bne	svc_entry
	ldr	sp, =__stack_hyp
	ldr	r1, =hyp_vectors
	mcr	p15, 4, r1, c12, c0, 0	/* HVBAR */
	mov	r1, #0
	mcr	p15, 4, r1, c1, c1, 0	/* HCR: nothing trapped (TSC clear: SMC reaches QEMU's PSCI) */
	mov	r1, #0x1d3		/* SVC, IRQ, FIQ and asynchronous aborts masked */
	msr	spsr_cxsf, r1		/* SPSR_hyp: Hyp mode may not name its own banked SPSR */
	ldr	r1, =svc_entry
	msr	elr_hyp, r1
	isb
	eret

svc_entry:
	cps	#0x1b			/* Undefined mode: its own stack */
	ldr	sp, =__stack_und
	cps	#0x13
	ldr	sp, =__stack_svc
	ldr	r1, =svc_vectors
	mcr	p15, 0, r1, c12, c0, 0	/* VBAR */
	isb
	bl	main
2:	wfe
	b	2b

	.balign 32
svc_vectors:
	b	unexpected		/* reset */
	b	und_entry		/* undefined: an HVC or SMC nobody answers */
	b	unexpected		/* SVC */
	b	unexpected		/* prefetch abort */
	b	unexpected		/* data abort */
	b	unexpected
	b	unexpected		/* IRQ */
	b	unexpected		/* FIQ */

	.balign 32
hyp_vectors:
	b	unexpected
	b	unexpected
	b	unexpected
	b	unexpected
	b	unexpected
	b	hyp_entry		/* Hyp trap: the HVCs under test */
	b	unexpected
	b	unexpected

und_entry:
	push	{r0-r3, r12, lr}
	sub	r0, lr, #4
	bl	svc_undefined
	pop	{r0-r3, r12, lr}
	movs	pc, lr

/* r0-r12 and the caller's lr (LR_svc; Hyp mode has no lr of its own) in a frame of NREGS words. */
hyp_entry:
	sub	sp, sp, #64
	stm	sp, {r0-r12}
	mrs	r0, LR_svc
	str	r0, [sp, #56]
	mov	r0, sp
	bl	hyp_trap
	ldr	r0, [sp, #56]
	msr	LR_svc, r0
	ldm	sp, {r0-r12}
	add	sp, sp, #64
	eret

unexpected:
	b	unexpected_exception
	.ltorg

/* CPU_ON's entry point (link.ld): the second CPU records its mode and r0, then waits. */
	.section .secondary, "ax"
	.global secondary_entry
secondary_entry:
	mrs	r1, cpsr
	and	r1, r1, #0x1f
	cmp	r1, #0x1a
	moveq	r1, #2
	movne	r1, #1
	ldr	r2, =secondary_seen
	str	r1, [r2, #4]
	str	r0, [r2, #8]
	mov	r1, #1
	str	r1, [r2]
	dsb
	sev
3:	wfe
	b	3b
	.ltorg
