/*
 * The test loop shared by every image check:cpu builds. scripts/check-cpu.mjs
 * generates tests.c: the inline-asm snippets (src/share/c-snippet.ts), one
 * RAW trap routine per instruction, and tests[] below.
 */
#ifndef TRAPSCOPE_HARNESS_H
#define TRAPSCOPE_HARNESS_H

typedef unsigned long reg_t;

#if defined(__aarch64__)
#define NREGS 31 /* x0-x30 */
#elif defined(__arm__)
#define NREGS 15 /* r0-r14 */
#else
#define NREGS 32 /* x0-x31; x0 reads as zero and x2 is sp, neither is loaded */
#endif

/* The test waits, after the call, for the CPU it started to reach its entry point. */
#define WAIT_SECONDARY 1

struct test {
	void (*fn)(reg_t *out);    /* the snippet: results into out[] */
	void (*raw)(reg_t *regs);  /* the same trap with every register loaded, or 0 */
	const reg_t *raw_in;       /* NREGS values for raw: inputs and canaries */
	unsigned nout;
	/* How a handler of our own answers (when the trap reaches one): outputs, then scribbles. */
	unsigned nset;
	const unsigned char *set_reg;
	const reg_t *set_val;
	unsigned long long lost;   /* register numbers the handler overwrites with SCRIBBLE(n) */
	unsigned flags;
};

#define SCRIBBLE(n) ((reg_t)0xdeadbe00u | (reg_t)(n))

extern const struct test tests[];
extern const unsigned ntests;

/* What a trap handler of our own saw; cleared before each call. */
struct trap_record {
	unsigned count;
	reg_t syndrome, elr, insn;
	reg_t entry[NREGS];
};
extern volatile struct trap_record trap_seen;
/* An exception the caller's own level took instead (HVC or SMC UNDEFINED): its syndrome. */
extern volatile reg_t undef_seen;
extern const struct test *volatile current_test;
/* Written by the CPU that CPU_ON or HART_START woke: flag, level, first argument, second. */
extern volatile reg_t secondary_seen[4];
extern volatile reg_t booted_el;

void answer(reg_t *frame);
void uart_putc(char c);
void puts_(const char *s);
void puthex(reg_t v);
void halt(void);

#endif
