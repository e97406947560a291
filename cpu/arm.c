/* What the AArch64 and AArch32 images share: stopping, and saying so when an exception no handler expects arrives. */
#include "harness.h"

void unexpected_exception(void)
{
	puts_("X unexpected exception\n");
	halt();
}

void halt(void)
{
	for (;;)
		__asm__ volatile("wfe");
}
