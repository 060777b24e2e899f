// Supervisor-mode start of every hart. The boot hart (0) brings up the
// kernel's subsystems in dependency order; the others wait for it, then
// turn on paging and interrupts for themselves and join the scheduler.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "defs.h"

extern uint64 boot_fdt;
static volatile int started = 0;

void
main(void)
{
  if(cpuid() == 0){
    // The FDT sits in RAM that kinit() hands out: read it first.
    int fdt_ok = fdt_read(boot_fdt);
    consoleinit();
    printfinit();
    printf("\nxv6-wasm kernel: %d hart%s, %d MiB RAM, %d UART%s%s\n",
           machine.nharts, machine.nharts == 1 ? "" : "s",
           (int)((machine.ram_end - RAM_BASE) >> 20),
           machine.nuart, machine.nuart == 1 ? "" : "s",
           fdt_ok == 0 ? "" : " (no usable device tree: defaults)");
    kinit();
    kvminit();
    kvminithart();
    procinit();
    pginit();
    pgprocinit();
    trapinit();
    trapinithart();
    plicinit();
    plicinithart();
    binit();
    iinit();
    fileinit();
    virtio_disk_init();
    telemetry_init();
    userinit();
    __sync_synchronize();
    started = 1;
    // The other harts wait in WFI; wake them.
    for(int h = 1; h < machine.nharts; h++)
      *(volatile uint32 *)CLINT_MSIP_OF(h) = 1;
  } else {
    // Interrupts are off (sstatus.SIE = 0), but WFI still ends when an
    // interrupt enabled in sie is pending: the IPI above. It stays pending
    // and is taken, harmlessly, once the scheduler turns interrupts on.
    while(started == 0)
      wfi();
    __sync_synchronize();
    kvminithart();
    trapinithart();
    plicinithart();
  }
  scheduler();
}
