// Traps: system calls, exceptions and interrupts, from user mode
// (trampoline.S -> usertrap) and from the kernel (kernelvec.S -> kerneltrap).
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

struct spinlock tickslock;
uint ticks;   // timer ticks since boot (TICK_HZ per second), counted by hart 0
static uint slices;   // hart 0's timer interrupts (SCHED_HZ per second)

extern char trampoline[], uservec[], userret[];
void kernelvec(void);
static int devintr(void);

void
trapinit(void)
{
  initlock(&tickslock, "time");
}

// Take kernel traps on this hart, and start its timer.
void
trapinithart(void)
{
  csr_write(stvec, (uint64)kernelvec);
  csr_write(CSR_STIMECMP, r_time() + TIMEBASE_HZ / SCHED_HZ);
  // User programs may read the time CSR (rdtime): a clock that keeps real
  // time even when timer interrupts come late.
  csr_write(scounteren, SCOUNTEREN_TM);
}

// From trampoline.S: a trap in user mode.
void
usertrap(void)
{
  if(csr_read(sstatus) & SSTATUS_SPP)
    panic("usertrap: not from user mode");
  // Traps from now on are the kernel's.
  csr_write(stvec, (uint64)kernelvec);

  struct proc *p = myproc();
  p->trapframe->epc = csr_read(sepc);
  uint64 scause = csr_read(scause);
  int which = 0;

  if(scause == SCAUSE_ECALL_U){
    if(killed(p))
      exit(-1);
    p->trapframe->epc += 4;   // return after the ecall
    // sepc, scause and sstatus are saved: interrupts may come now.
    intr_on();
    syscall();
  } else if((which = devintr()) != 0){
    // handled
  } else {
    // A fault the process caused (bad address, write to its text, the
    // stack guard page, an illegal instruction): it dies, the kernel lives.
    // The message goes to its group's console, where its user looks.
    uint64 sepc = csr_read(sepc), stval = csr_read(stval);
    intr_on();
    cprintf(pg_console(p->pgroup), "pid %d %s: trap scause %lx sepc %lx stval %lx: killed\n",
            p->vpid, p->name, scause, sepc, stval);
    setkilled(p);
  }

  if(killed(p))
    exit(-1);
  if(which == 2)
    yield();   // the timer ticked: round robin
  pg_freeze_point(p);
  if(killed(p))
    exit(-1);
  usertrapret();
}

// Return to user mode through userret in the trampoline.
void
usertrapret(void)
{
  struct proc *p = myproc();

  // stvec is about to point at uservec, which only works from user mode.
  intr_off();
  csr_write(stvec, TRAMPOLINE + (uservec - trampoline));

  // What uservec needs to come back into the kernel next time.
  p->trapframe->kernel_satp = csr_read(satp);
  p->trapframe->kernel_sp = p->kstack + PGSIZE;
  p->trapframe->kernel_trap = (uint64)usertrap;
  p->trapframe->kernel_hartid = r_tp();

  // sret: to user mode, with interrupts on.
  uint64 x = csr_read(sstatus);
  x &= ~SSTATUS_SPP;
  x |= SSTATUS_SPIE;
  csr_write(sstatus, x);
  csr_write(sepc, p->trapframe->epc);

  void (*ret)(uint64, uint64) = (void (*)(uint64, uint64))(TRAMPOLINE + (userret - trampoline));
  ret(asid_satp(p), asid_fence_needed(p));
}

// From kernelvec.S: an interrupt or exception in the kernel, on whatever
// kernel stack was in use.
void
kerneltrap(void)
{
  uint64 sepc = csr_read(sepc);
  uint64 sstatus = csr_read(sstatus);
  uint64 scause = csr_read(scause);

  if((sstatus & SSTATUS_SPP) == 0)
    panic("kerneltrap: not from supervisor mode");
  if(intr_get())
    panic("kerneltrap: interrupts enabled");

  int which = devintr();
  if(which == 0){
    printf("scause %lx sepc %lx stval %lx\n", scause, sepc, csr_read(stval));
    panic("kerneltrap");
  }
  if(which == 2 && myproc() != 0)
    yield();

  // yield() may have let other traps overwrite these.
  csr_write(sepc, sepc);
  csr_write(sstatus, sstatus);
}

static void
clockintr(void)
{
  if(cpuid() == 0 && ++slices % (SCHED_HZ / TICK_HZ) == 0){
    acquire(&tickslock);
    ticks++;
    wakeup(&ticks);
    release(&tickslock);
    if(ticks % TICK_HZ == 0)
      pgcpu_second();
    telemetry_publish();
  }
  // Sstc: writing stimecmp also clears the pending timer interrupt.
  csr_write(CSR_STIMECMP, r_time() + TIMEBASE_HZ / SCHED_HZ);
}

// Handle a device interrupt: 1 for an external one (PLIC), 2 for the timer,
// 3 for an IPI, 0 if scause is not an interrupt we know.
static int
devintr(void)
{
  uint64 scause = csr_read(scause);
  if(scause == SCAUSE_SEI){
    int irq = plic_claim();
    int unit;
    if(irq == VIRTIO0_IRQ)
      virtio_disk_intr();
    else if((unit = uart_unit_of_irq(irq)) >= 0)
      uartintr(unit);
    else if(irq)
      printf("unexpected interrupt irq=%d\n", irq);
    // The PLIC sends no more from this source until completed.
    if(irq)
      plic_complete(irq);
    return 1;
  } else if(scause == SCAUSE_STI){
    clockintr();
    return 2;
  } else if(scause == SCAUSE_SSI){
    ipi_receive();
    return 3;
  }
  return 0;
}
