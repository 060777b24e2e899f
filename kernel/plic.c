// The platform-level interrupt controller: routes the UARTs' and the
// disk's interrupts to the harts' supervisor contexts.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "defs.h"

static void
plic_source_on(int irq)
{
  *(volatile uint32 *)(PLIC_PRIORITY + irq * 4) = 1;   // any non-zero priority
}

// The sources the kernel drives, as a bit mask of IRQ numbers.
static uint32
plic_sources(void)
{
  uint32 mask = 1U << VIRTIO0_IRQ;
  for(int i = 0; i < machine.nuart; i++)
    if(machine.uart[i].irq > 0 && machine.uart[i].irq < 32)
      mask |= 1U << machine.uart[i].irq;
  return mask;
}

void
plicinit(void)
{
  uint32 mask = plic_sources();
  for(int irq = 1; irq < 32; irq++)
    if(mask & (1U << irq))
      plic_source_on(irq);
}

// Enable the sources for this hart's S-mode context and accept every
// priority.
void
plicinithart(void)
{
  int hart = cpuid();
  *(volatile uint32 *)PLIC_SENABLE(hart) = plic_sources();
  *(volatile uint32 *)PLIC_SPRIORITY(hart) = 0;
}

// The highest-priority pending source for this hart, claimed (0: none).
int
plic_claim(void)
{
  return *(volatile uint32 *)PLIC_SCLAIM(cpuid());
}

void
plic_complete(int irq)
{
  *(volatile uint32 *)PLIC_SCLAIM(cpuid()) = irq;
}
