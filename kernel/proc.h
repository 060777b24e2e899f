#ifndef PROC_H
#define PROC_H
// Processes, harts, and what swtch and the trampoline save.

// Callee-saved registers of a kernel thread, saved by swtch.S.
struct context {
  uint64 ra;
  uint64 sp;
  uint64 s[12];   // s0..s11
};

// Per-hart state.
struct cpu {
  struct proc *proc;        // running on this hart, or null
  struct context context;   // swtch() here to enter scheduler()
  int noff;                 // depth of push_off() nesting
  int intena;               // interrupts enabled before the first push_off()?
  volatile int idle;        // parked in WFI: wake it with an IPI
  // What it runs now, for cpu.max on other harts: the group (-1: none)
  // and since when (time CSR). Written by this hart, read by any.
  uint64 runstart;
  int rungroup;
};

extern struct cpu cpus[NCPU];

// The page the trampoline saves user registers into, mapped just below the
// trampoline in every user page table. The first five words are the kernel
// state uservec needs to enter the kernel; then x1..x31 in register order
// (offset 40 + 8 * (n - 1) for xn), which trampoline.S relies on.
struct trapframe {
  uint64 kernel_satp;   //   0
  uint64 kernel_sp;     //   8 top of this process's kernel stack
  uint64 kernel_trap;   //  16 usertrap()
  uint64 epc;           //  24 user pc
  uint64 kernel_hartid; //  32 tp of the hart that last ran the process
  uint64 ra;            //  40
  uint64 sp;
  uint64 gp;
  uint64 tp;
  uint64 t0;
  uint64 t1;
  uint64 t2;
  uint64 s0;
  uint64 s1;
  uint64 a0;            // 112
  uint64 a1;
  uint64 a2;
  uint64 a3;
  uint64 a4;
  uint64 a5;
  uint64 a6;
  uint64 a7;
  uint64 s2;
  uint64 s3;
  uint64 s4;
  uint64 s5;
  uint64 s6;
  uint64 s7;
  uint64 s8;
  uint64 s9;
  uint64 s10;
  uint64 s11;
  uint64 t3;
  uint64 t4;
  uint64 t5;
  uint64 t6;            // 280
};

enum procstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

struct proc {
  struct spinlock lock;

  // p->lock must be held to use these:
  enum procstate state;
  void *chan;                  // sleeping on chan, if non-zero
  int killed;
  int xstate;                  // exit status for the parent's wait()
  int pid;                     // global: what the root group sees
  int vpid;                    // in its pgroup's namespace (root: = pid)

  // wait_lock must be held to use this:
  struct proc *parent;

  // Private to the process, so p->lock need not be held:
  int pgroup;                  // owning pgroup (0 = root); fixed for life
  int chargeg;                 // the group kalloc() charges: pgroup, except
                               // while fork() builds a child for another group
  int charged;                 // allocproc() charged the slot and kernel stack
  uint64 kstack;               // virtual address of the kernel stack
  uint64 sz;                   // user memory size in bytes (the break)
  pagetable_t pagetable;
  uint64 vmgen;                // when pagetable last changed (asid.c)
  uint64 vmgen_fenced[NCPU];   // vmgen at each hart's last fence of its ASID
  struct trapframe *trapframe; // page for trampoline.S
  struct context context;      // swtch() here to run the process
  struct file *ofile[NOFILE];
  struct inode *cwd;
  char name[16];               // for debugging
};
#endif
