// Machine-mode set-up on every hart, then a drop into supervisor mode at
// main(). After this the kernel runs in S-mode; M-mode keeps only mvec.S.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "defs.h"

void main(void);
void mvec(void);

// Boot stacks, one page per hart; entry.S points sp at them. Page alignment
// lets panic's backtrace know where a stack ends.
__attribute__((aligned(PGSIZE))) char stack0[PGSIZE * NCPU];

// The FDT the firmware (QEMU or our host) handed over; main() on the boot
// hart reads it.
uint64 boot_fdt;

// Per-hart scratch for mvec.S; the layout is fixed there.
struct mscratch {
  uint64 save_t1;
  uint64 msip;
};
static struct mscratch mscratch[NCPU];

void
start(uint64 hartid, uint64 fdt)
{
  if(hartid == 0)
    boot_fdt = fdt;

  // mret goes to main() in supervisor mode, with paging off.
  uint64 x = csr_read(mstatus);
  x &= ~MSTATUS_MPP_MASK;
  x |= MSTATUS_MPP_S;
  csr_write(mstatus, x);
  csr_write(mepc, (uint64)main);
  csr_write(satp, 0);

  // All exceptions and the supervisor interrupts are handled in S-mode.
  csr_write(medeleg, 0xffff);
  csr_write(mideleg, IRQ_SSI | IRQ_STI | IRQ_SEI);
  csr_set(sie, IRQ_SSI | IRQ_STI | IRQ_SEI);

  // Let S-mode reach all of physical memory.
  csr_write(pmpaddr0, 0x3fffffffffffffUL);
  csr_write(pmpcfg0, 0xf);

  // Sstc: S-mode programs its own timer through stimecmp and may read time.
  csr_set(CSR_MENVCFG, MENVCFG_STCE);
  csr_set(mcounteren, MCOUNTEREN_TM);
  csr_write(CSR_STIMECMP, ~0UL);

  // IPIs arrive in M-mode as CLINT software interrupts; mvec forwards them.
  mscratch[hartid].msip = CLINT_MSIP_OF(hartid);
  csr_write(mscratch, (uint64)&mscratch[hartid]);
  csr_write(mtvec, (uint64)mvec);
  csr_write(mie, csr_read(mie) | IRQ_MSI);

  // cpuid() reads tp.
  w_tp(hartid);

  asm volatile("mret");
}
