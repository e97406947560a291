#include "harness.h"

volatile struct trap_record trap_seen;
volatile reg_t undef_seen;
const struct test *volatile current_test;
volatile reg_t secondary_seen[4];
volatile reg_t booted_el;

/* GCC may call memset and memcpy (to clear or copy an array) even in a freestanding build. */
void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *b = d;
	const unsigned char *a = s;
	while (n--)
		*b++ = *a++;
	return d;
}

void *memset(void *p, int c, unsigned long n)
{
	unsigned char *b = p;
	while (n--)
		*b++ = (unsigned char)c;
	return p;
}

void puts_(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

void puthex(reg_t v)
{
	int started = 0;
	for (int i = (int)sizeof(v) * 8 - 4; i >= 0; i -= 4) {
		unsigned d = (v >> i) & 0xf;
		if (d || started || i == 0) {
			uart_putc((char)(d < 10 ? '0' + d : 'a' + d - 10));
			started = 1;
		}
	}
}

static void field(const char *key, reg_t v)
{
	puts_(key);
	puthex(v);
}

static void list(const char *key, const volatile reg_t *v, unsigned n)
{
	puts_(key);
	for (unsigned i = 0; i < n; i++) {
		if (i)
			uart_putc(',');
		puthex(v[i]);
	}
}

/* A handler of our own answers as the plan says: lost registers scribbled, then the results. */
void answer(reg_t *frame)
{
	const struct test *t = current_test;
	trap_seen.count++;
	for (unsigned i = 0; i < NREGS; i++)
		trap_seen.entry[i] = frame[i];
	if (!t)
		return;
	for (unsigned i = 0; i < NREGS; i++)
		if (t->lost & (1ull << i))
			frame[i] = SCRIBBLE(i);
	for (unsigned i = 0; i < t->nset; i++)
		frame[t->set_reg[i]] = t->set_val[i];
}

static void reset_records(const struct test *t)
{
	trap_seen.count = 0;
	undef_seen = 0;
	current_test = t;
}

/* " t=<syndrome>,<elr>,<insn> e=<entry registers>" when our handler saw the trap; " u=<syndrome>" when it was UNDEFINED. */
static void report_trap(void)
{
	if (trap_seen.count) {
		puts_(" t=");
		puthex(trap_seen.syndrome);
		uart_putc(',');
		puthex(trap_seen.elr);
		uart_putc(',');
		puthex(trap_seen.insn);
		list(" e=", trap_seen.entry, NREGS);
	}
	if (undef_seen)
		field(" u=", undef_seen);
}

static void run(unsigned i)
{
	const struct test *t = &tests[i];
	reg_t out[32] = { 0 };
	field("S ", i);
	uart_putc('\n');
	reset_records(t);
	t->fn(out);
	current_test = 0;
	/* On a line of its own: a call may have printed (the legacy CONSOLE_PUTCHAR). */
	uart_putc('\n');
	field("R ", i);
	report_trap();
	list(" o=", out, t->nout);
	uart_putc('\n');
	if (t->flags & WAIT_SECONDARY) {
		for (unsigned long n = 0; n < 100000000ul && !secondary_seen[0]; n++)
			;
		field("C ", i);
		list(" c=", secondary_seen, 4);
		uart_putc('\n');
	}
	if (t->raw) {
		reg_t regs[NREGS];
		for (unsigned r = 0; r < NREGS; r++)
			regs[r] = t->raw_in[r];
		reset_records(t);
		t->raw(regs);
		current_test = 0;
		uart_putc('\n');
		field("W ", i);
		report_trap();
		list(" a=", regs, NREGS);
		uart_putc('\n');
	}
}

int main(void)
{
	field("B ", booted_el);
	uart_putc('\n');
	for (unsigned i = 0; i < ntests; i++)
		run(i);
	puts_("D\n");
	halt();
	return 0;
}
