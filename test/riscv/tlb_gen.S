// TLB invalidation over many flushes. Our core flushes by giving the
// translation regime a new context number, kept in each entry's tag, and
// clears the entries for real only when the numbers wrap (every GEN_PERIOD
// flushes), so a fault in that scheme shows only after thousands of
// flushes. Switching satp between two regimes keeps both numbers. Two phases of ROUNDS
// rounds each, every round naming page A (even rounds) or page B (odd
// rounds) and reading through the virtual address that must now reach it:
//
//   checks 1, 2  the leaf PTE is rewritten in place, then SFENCE.VMA;
//   checks 3, 4  two fixed page tables with their own ASIDs, and satp
//                switched between them (no page table ever changes, so no
//                fence is needed by the spec, and our core keeps both).
//
// VA_FLIP is read every round. VA_SLEEPY is read once every GEN_PERIOD
// rounds only: on our core with one flush per round its entry is then in the
// very generation it was filled in, one wrap earlier, and only a real clear
// at the wrap keeps that stale entry from hitting (checks 2 and 4).
#include "rvtest.h"
#include "sv39.h"

#define VA_FLIP    0x40000000
#define VA_SLEEPY  0x40001000
#define ROUNDS     10000     // crosses the generation wrap twice per phase
#define GEN_PERIOD 4095      // flushes from one real clear to the next
#define MARK_A     0xa0a0a0a0a0a0a0a1
#define MARK_B     0xb0b0b0b0b0b0b0b2
#define ASID_A     1
#define ASID_B     2
#define RW_AD  (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define FLIP_SLOT   (VPN0(VA_FLIP) * 8)
#define SLEEPY_SLOT (VPN0(VA_SLEEPY) * 8)

  .text
  .globl main
main:
  la t0, s_trap
  csrw stvec, t0
  // Both trees map RAM by an identity gigapage (code, stacks, and the page
  // tables themselves, which S rewrites) and VA_FLIP, VA_SLEEPY by 4 KiB
  // pages: tree A onto page A, tree B onto page B.
  RAM_AND_TREE(root_a, l1_a, l0_a, VA_FLIP)
  RAM_AND_TREE(root_b, l1_b, l0_b, VA_FLIP)
  la s3, page_a
  la s4, page_b
  SET_PTE(l0_a, VPN0(VA_FLIP), s3, RW_AD)
  SET_PTE(l0_a, VPN0(VA_SLEEPY), s3, RW_AD)
  SET_PTE(l0_b, VPN0(VA_FLIP), s4, RW_AD)
  SET_PTE(l0_b, VPN0(VA_SLEEPY), s4, RW_AD)
  li t0, MARK_A
  sd t0, 0(s3)
  li t0, MARK_B
  sd t0, 0(s4)
  LEAF_PTE(s6, page_a, RW_AD)
  LEAF_PTE(s7, page_b, RW_AD)
  la s2, l0_a
  ENABLE_SV39(root_a)
  GOTO_S

  // Phase 1: tree A's leaves rewritten in place, one SFENCE.VMA per round.
  li s0, 0              // round
  li s1, 1              // rounds until VA_SLEEPY is due (round 0 first)
fence_round:
  andi t0, s0, 1
  mv a1, s6
  li t6, MARK_A
  beqz t0, 5f
  mv a1, s7
  li t6, MARK_B
5:
  sd a1, FLIP_SLOT(s2)
  addi s1, s1, -1
  bnez s1, 6f
  sd a1, SLEEPY_SLOT(s2)
6:
  sfence.vma
  li a2, VA_FLIP
  ld a0, 0(a2)
  li gp, 1
  bne a0, t6, fail
  bnez s1, 7f
  li s1, GEN_PERIOD
  li a2, VA_SLEEPY
  ld a0, 0(a2)
  li gp, 2
  bne a0, t6, fail
7:
  addi s0, s0, 1
  li t0, ROUNDS
  bltu s0, t0, fence_round

  // Phase 2: tree A back on page A for good, then only satp changes.
  sd s6, FLIP_SLOT(s2)
  sd s6, SLEEPY_SLOT(s2)
  sfence.vma
  SATP_FOR(s6, root_a, ASID_A)
  SATP_FOR(s7, root_b, ASID_B)
  li s0, 0
  li s1, 1
satp_round:
  andi t0, s0, 1
  mv a1, s6
  li t6, MARK_A
  beqz t0, 5f
  mv a1, s7
  li t6, MARK_B
5:
  csrw satp, a1
  li a2, VA_FLIP
  ld a0, 0(a2)
  li gp, 3
  bne a0, t6, fail
  addi s1, s1, -1
  bnez s1, 7f
  li s1, GEN_PERIOD
  li a2, VA_SLEEPY
  ld a0, 0(a2)
  li gp, 4
  bne a0, t6, fail
7:
  addi s0, s0, 1
  li t0, ROUNDS
  bltu s0, t0, satp_round
  PASS

  .bss
  PAGE_TABLES(root_a, l1_a, l0_a)
  PAGE_TABLES(root_b, l1_b, l0_b)
page_a: .zero 4096
page_b: .zero 4096
