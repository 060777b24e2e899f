# The page that switches between user and kernel page tables. It is mapped
# at TRAMPOLINE in the kernel's and every process's address space, so the
# code keeps running while satp changes under it. stvec points at uservec
# while a process runs in user mode.
#
# Offsets are those of struct trapframe (proc.h): kernel fields first, then
# x1..x31 at 40 + 8 * (n - 1).
#include "riscv.h"
#include "memlayout.h"

.section trampsec
.globl trampoline
.globl uservec
.globl userret
trampoline:
.balign 4
uservec:
        # Still the user page table. Park a0 in sscratch to get a register
        # that can hold the trapframe's address (mapped in every process).
        csrw    sscratch, a0
        li      a0, TRAPFRAME
        sd      ra, 40(a0)
        sd      sp, 48(a0)
        sd      gp, 56(a0)
        sd      tp, 64(a0)
        sd      t0, 72(a0)
        sd      t1, 80(a0)
        sd      t2, 88(a0)
        sd      s0, 96(a0)
        sd      s1, 104(a0)
        sd      a1, 120(a0)
        sd      a2, 128(a0)
        sd      a3, 136(a0)
        sd      a4, 144(a0)
        sd      a5, 152(a0)
        sd      a6, 160(a0)
        sd      a7, 168(a0)
        sd      s2, 176(a0)
        sd      s3, 184(a0)
        sd      s4, 192(a0)
        sd      s5, 200(a0)
        sd      s6, 208(a0)
        sd      s7, 216(a0)
        sd      s8, 224(a0)
        sd      s9, 232(a0)
        sd      s10, 240(a0)
        sd      s11, 248(a0)
        sd      t3, 256(a0)
        sd      t4, 264(a0)
        sd      t5, 272(a0)
        sd      t6, 280(a0)
        csrr    t0, sscratch
        sd      t0, 112(a0)             # the user's a0

        ld      sp, 8(a0)               # kernel_sp
        ld      tp, 32(a0)              # kernel_hartid
        ld      t0, 16(a0)              # kernel_trap: usertrap()
        ld      t1, 0(a0)               # kernel_satp

        # The kernel runs under ASID 0 and the process under its own, so
        # both keep their translations (asid.c). A process under ASID 0
        # means the hart has too few ASID bits: then flush.
        csrr    t2, satp
        csrw    satp, t1
        srli    t2, t2, SATP_ASID_SHIFT
        slli    t2, t2, 48
        bnez    t2, 1f
        sfence.vma zero, zero
1:
        jr      t0                      # usertrap() does not return

# userret(satp, fence): from usertrapret() to user mode; a0 is the process's
# satp, a1 non-zero when its ASID must be fenced on this hart first (its
# page table changed since). Fenced after the switch, so that nothing the
# kernel does under ASID 0 can refill what a shared ASID 0 drops.
userret:
        csrw    satp, a0
        beqz    a1, 1f
        srli    a1, a0, SATP_ASID_SHIFT
        slli    a1, a1, 48
        srli    a1, a1, 48
        sfence.vma zero, a1
1:
        li      a0, TRAPFRAME
        ld      ra, 40(a0)
        ld      sp, 48(a0)
        ld      gp, 56(a0)
        ld      tp, 64(a0)
        ld      t0, 72(a0)
        ld      t1, 80(a0)
        ld      t2, 88(a0)
        ld      s0, 96(a0)
        ld      s1, 104(a0)
        ld      a1, 120(a0)
        ld      a2, 128(a0)
        ld      a3, 136(a0)
        ld      a4, 144(a0)
        ld      a5, 152(a0)
        ld      a6, 160(a0)
        ld      a7, 168(a0)
        ld      s2, 176(a0)
        ld      s3, 184(a0)
        ld      s4, 192(a0)
        ld      s5, 200(a0)
        ld      s6, 208(a0)
        ld      s7, 216(a0)
        ld      s8, 224(a0)
        ld      s9, 232(a0)
        ld      s10, 240(a0)
        ld      s11, 248(a0)
        ld      t3, 256(a0)
        ld      t4, 264(a0)
        ld      t5, 272(a0)
        ld      t6, 280(a0)
        ld      a0, 112(a0)
        sret
