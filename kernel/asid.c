// Address-space identifiers: each process's user page table runs under its
// own ASID (its slot number + 1; the kernel's is 0), so a hart's TLB may keep
// the kernel's and processes' translations across traps instead of flushing
// at every crossing (privileged spec 4.1.11 and 4.2.1).
//
// The kernel page table never changes after boot, so its ASID needs no
// fence. A process's ASID is fenced on a hart before the process returns to
// user mode there, if its page table changed (or the slot got a new
// process) since that hart last fenced it: each change takes a number from a
// machine-wide counter, and each hart remembers the number it fenced at.
//
// A hart with fewer ASID bits than slots (found by writing ones and reading
// back, as the spec says to) runs every process under ASID 0 and flushes at
// every crossing, as before.
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

extern struct proc proc[NPROC];

static int usable;
static uint64 changes;

void
asid_probe(uint64 satp)
{
  csr_write(satp, satp | SATP_ASID_MASK);
  uint64 max = (csr_read(satp) & SATP_ASID_MASK) >> SATP_ASID_SHIFT;
  csr_write(satp, satp);
  usable = max >= NPROC;
}

uint64
asid_satp(struct proc *p)
{
  uint64 asid = usable ? (uint64)(p - proc) + 1 : 0;
  return MAKE_SATP(p->pagetable) | (asid << SATP_ASID_SHIFT);
}

// p's page table is new or changed: every hart must fence its ASID again.
void
asid_changed(struct proc *p)
{
  p->vmgen = __atomic_add_fetch(&changes, 1, __ATOMIC_RELAXED);
}

// Whether this hart must fence p's ASID before entering p's user mode;
// interrupts are off.
int
asid_fence_needed(struct proc *p)
{
  int c = cpuid();
  if(usable && p->vmgen_fenced[c] == p->vmgen)
    return 0;
  p->vmgen_fenced[c] = p->vmgen;
  return 1;
}
