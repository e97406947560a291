/*
 * Boot for the RISC-V QEMU virt run of check:cpu, in S-mode under OpenSBI
 * (a0 = hart id). The tests run on hart 0 and start hart 1; when OpenSBI
 * chose hart 1 to boot, it starts hart 0 here and stops itself.
 */
	.section .text.boot, "ax"
	.global _start
_start:
	bnez	a0, become_hart0
	la	sp, __stack
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	li	t0, 1
	la	t1, booted_el
	sd	t0, 0(t1)
	la	t0, trap_entry
	csrw	stvec, t0
	call	main
3:	wfi
	j	3b

become_hart0:
	li	a7, 0x48534d		/* HSM */
	li	a6, 0			/* HART_START */
	li	a0, 0
	la	a1, _start
	li	a2, 0
	ecall
	/* Hart 0 may not have reached OpenSBI's wait for HART_START yet: ask again. */
	bnez	a0, become_hart0
	li	a7, 0x48534d
	li	a6, 1			/* HART_STOP */
	ecall
4:	wfi
	j	4b

	.balign 4
trap_entry:
	call	unexpected_exception

/* HART_START's entry point (link.ld): hart 1 records a0 (hart id) and a1 (opaque), then waits. */
	.section .secondary, "ax"
	.global secondary_entry
secondary_entry:
	la	t0, secondary_seen
	li	t1, 1			/* S-mode */
	sd	t1, 8(t0)
	sd	a0, 16(t0)
	sd	a1, 24(t0)
	fence
	sd	t1, 0(t0)
5:	wfi
	j	5b

	.section .hartmask, "a"
	.dword	1			/* hart 0 */
