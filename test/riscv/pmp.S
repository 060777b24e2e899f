// Physical memory protection (privileged spec 3.7): what software probing
// the CSRs learns (4-byte granularity, 16 entries), NAPOT, TOR and NA4
// matching, the lowest-numbered matching entry deciding, partial matches
// failing, accesses no entry matches failing in S and U only, MPRV, page
// table walks checked as S-mode accesses, and locked entries binding M-mode
// and refusing writes. Every fault is an access fault with xtval = the
// address.
#include "rvtest.h"
#include "sv39.h"

// pmpNcfg bytes.
#define R 0x01
#define W 0x02
#define X 0x04
#define TOR 0x08
#define NA4 0x10
#define NAPOT 0x18
#define L 0x80
#define CFG(entry, v) ((v) << (8 * ((entry) % 8)))

// pmpaddr value of a NAPOT range: base (a label, plus an offset) and size.
#define NAPOT_ADDR(reg, label, off, size) \
  la reg, label; li t1, off; add reg, reg, t1; srli reg, reg, 2; ori reg, reg, ((size) / 8 - 1)
// pmpaddr value of an address (TOR bound, NA4).
#define ADDR(reg, label, off) la reg, label; li t1, off; add reg, reg, t1; srli reg, reg, 2

// s0 = a CSR the hart does not implement: 0 either way, whether it reads
// zero after a write of all ones (ours) or raises illegal instruction
// (QEMU 7.2, for pmpaddr16..63).
#define PROBE_ABSENT(n, csr) \
  li gp, n; TREC_ADDR; la t6, 2f; sd t6, TREC_RESUME(t5); li s0, 0; li t0, -1; \
  csrw csr, t0; csrr s0, csr; \
  2: TREC_ADDR; sd zero, TREC_RESUME(t5); CHECK(n, s0, 0)

#define VA_DENIED 0x40000000   // mapped through l0, which S may not read

  .text
  .globl main
main:
  // ---- What probing learns: G = 0 (4 bytes) and 16 entries ----
  csrw pmpcfg0, zero
  csrw pmpcfg2, zero
  li t0, -1
  csrw pmpaddr0, t0
  csrr s0, pmpaddr0
  // The lowest set bit is bit G: granularity 2^(G+2) = 4 bytes.
  TEST_CASE(1, a0, 1, andi a0, s0, 1)
  // pmpaddr holds bits 55:2 of an address: bits 53:0 all writable. (Bits
  // 63:54 read zero here; QEMU 7.2 keeps them, so they are left out.)
  TEST_CASE(2, a0, 0x3fffffffffffff, slli a0, s0, 10; srli a0, a0, 10)
  li t0, -1
  csrw pmpaddr15, t0
  csrr s0, pmpaddr15
  TEST_CASE(3, a0, 0x3fffffffffffff, slli a0, s0, 10; srli a0, a0, 10)
  li t0, CFG(15, R)
  csrw pmpcfg2, t0
  csrr s0, pmpcfg2
  CHECK(4, s0, CFG(15, R))
  csrw pmpcfg2, zero
  PROBE_ABSENT(5, 0x3c0)      // pmpaddr16
  PROBE_ABSENT(6, 0x3ef)      // pmpaddr63

  // ---- The rules ----
  //  0 NAPOT P0 (4 KiB)          R
  //  1 NAPOT code_page           R X
  //  2 OFF, bound P1
  //  3 TOR [P1, P2 + 0x800)      none: cuts page P2 in two
  //  4 NA4 P3 + 0x10             R
  //  5 NAPOT P3                  R W
  //  6 NAPOT P3                  none (5 comes first)
  //  8 NAPOT l0                  none: the walk may not read it
  //  9 NAPOT split_code + 0x800 (2 KiB)  R: cuts a code page in two
  // 12 OFF, bound 0; 13 TOR [0, P4) RWX; 14 OFF, bound P4 + 0x1000;
  // 15 TOR [P4 + 0x1000, top) RWX: everything but P4, which no entry matches
  NAPOT_ADDR(t0, pages, 0, 4096)
  csrw pmpaddr0, t0
  NAPOT_ADDR(t0, code_page, 0, 4096)
  csrw pmpaddr1, t0
  ADDR(t0, pages, 0x1000)
  csrw pmpaddr2, t0
  ADDR(t0, pages, 0x2800)
  csrw pmpaddr3, t0
  ADDR(t0, pages, 0x3010)
  csrw pmpaddr4, t0
  NAPOT_ADDR(t0, pages, 0x3000, 4096)
  csrw pmpaddr5, t0
  csrw pmpaddr6, t0
  NAPOT_ADDR(t0, l0, 0, 4096)
  csrw pmpaddr8, t0
  NAPOT_ADDR(t0, split_code, 0x800, 2048)
  csrw pmpaddr9, t0
  csrw pmpaddr12, zero
  ADDR(t0, pages, 0x4000)
  csrw pmpaddr13, t0
  ADDR(t0, pages, 0x5000)
  csrw pmpaddr14, t0
  li t0, -1
  csrw pmpaddr15, t0
  li t0, CFG(0, NAPOT | R) | CFG(1, NAPOT | R | X) | CFG(3, TOR) | CFG(4, NA4 | R) | CFG(5, NAPOT | R | W) | CFG(6, NAPOT)
  csrw pmpcfg0, t0
  li t0, CFG(8, NAPOT) | CFG(9, NAPOT | R) | CFG(13, TOR | R | W | X) | CFG(15, TOR | R | W | X)
  csrw pmpcfg2, t0
  la s1, pages               // P0
  li t0, 0x1000
  add s2, s1, t0             // P1
  add s3, s2, t0             // P2
  add s4, s3, t0             // P3
  add s5, s4, t0             // P4
  la s6, code_page
  la s7, split_code

  // ---- M-mode: no entry is locked, so none binds it ----
  TEST_CASE(7, a0, 0x77, li a1, 0x77; sd a1, 0(s1); ld a0, 0(s1))
  TEST_CASE(8, a0, 0x44, li a1, 0x44; sd a1, 0(s5); ld a0, 0(s5))
  TEST_CASE(9, a0, 0x11, li a1, 0x11; sd a1, 0(s2); ld a0, 0(s2))

  // ---- MPRV: M's loads and stores checked as S's ----
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV | MSTATUS_MPP_S
  csrs mstatus, t0
  TEST_CASE(10, a0, 0x77, ld a0, 0(s1))
  EXPECT_TRAP(11, 3, CAUSE_STORE_ACCESS, sd a0, 0(s1))
  CHECK_TVAL_REG(12, s1)
  // (The trap's MRET left MPP = U; loads stay allowed for U.)
  TEST_CASE(13, a0, 0x77, ld a0, 0(s1))
  // A PMP write applies at once, even to a page just loaded from.
  li t0, CFG(0, R)
  csrc pmpcfg0, t0
  EXPECT_TRAP(14, 3, CAUSE_LOAD_ACCESS, ld a0, 0(s1))
  CHECK_TVAL_REG(15, s1)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  li t0, CFG(0, R)
  csrs pmpcfg0, t0

  // ---- S-mode ----
  GOTO_S
  // NAPOT, R only.
  TEST_CASE(16, a0, 0x77, ld a0, 0(s1))
  EXPECT_TRAP(17, 3, CAUSE_STORE_ACCESS, sd a0, 8(s1))
  TEST_CASE(18, t4, 8, TREC_ADDR; ld t4, TREC_TVAL(t5); sub t4, t4, s1)
  EXPECT_TRAP(19, 3, CAUSE_FETCH_ACCESS, jalr s1)
  CHECK_TVAL_REG(20, s1)
  CHECK_EPC_LABEL(21, pages)
  // NAPOT, R X: runs.
  TEST_CASE(22, a0, 42, jalr s6)
  // TOR: P1 and the first half of P2 denied, the rest of P2 allowed.
  EXPECT_TRAP(23, 3, CAUSE_LOAD_ACCESS, ld a0, 0(s2))
  CHECK_TVAL_REG(24, s2)
  li t0, 0x7fc
  add s8, s3, t0
  EXPECT_TRAP(25, 3, CAUSE_LOAD_ACCESS, lw a0, 0(s8))
  CHECK_TVAL_REG(26, s8)
  TEST_CASE(27, a0, 0x55, li a1, 0x55; sw a1, 4(s8); lw a0, 4(s8))
  // ...and the allowed half leaves nothing behind that lets the other in.
  EXPECT_TRAP(28, 3, CAUSE_LOAD_ACCESS, lw a0, 0(s8))
  EXPECT_TRAP(29, 3, CAUSE_STORE_ACCESS, sw a0, 0(s8))
  // NA4 before NAPOT: entry 4 (R) decides for its 4 bytes, entry 5 (R W)
  // for the rest of P3, entry 6 (none) never.
  TEST_CASE(30, a0, 0, lw a0, 0x10(s4))
  EXPECT_TRAP(31, 3, CAUSE_STORE_ACCESS, sw a0, 0x10(s4))
  // An access that entry 4 matches only in part fails, R or not.
  EXPECT_TRAP(32, 3, CAUSE_LOAD_ACCESS, ld a0, 0x10(s4))
  TEST_CASE(33, a0, 0x66, li a1, 0x66; sd a1, 0x20(s4); ld a0, 0x20(s4))
  TEST_CASE(34, a0, 0x77, li a1, 0x77; sw a1, 0x14(s4); lw a0, 0x14(s4))
  // No entry matches P4: S may not touch it.
  EXPECT_TRAP(35, 3, CAUSE_LOAD_ACCESS, ld a0, 0(s5))
  CHECK_TVAL_REG(36, s5)
  EXPECT_TRAP(37, 3, CAUSE_STORE_ACCESS, sd a0, 0(s5))
  // A code page that entry 9 cuts: the first half runs, the second half
  // faults, and its bytes may still be read. (Falling through from the
  // first half into the second faults too, but not on QEMU 7.2, which
  // checks a sequence of fetches only at its start: pmp_cut.S, ours only.)
  TEST_CASE(38, a0, 5, jalr s7)
  la s9, split_high
  EXPECT_TRAP(39, 3, CAUSE_FETCH_ACCESS, jalr s9)
  CHECK_TVAL_REG(40, s9)
  CHECK_EPC_LABEL(41, split_high)
  TEST_CASE(42, a0, 0x00100513, lwu a0, 0(s9))   // li a0, 1

  // ---- U-mode: the same rules ----
  ENTER_M
  GOTO_U
  TEST_CASE(44, a0, 0x77, ld a0, 0(s1))
  EXPECT_TRAP(45, 3, CAUSE_STORE_ACCESS, sd a0, 0(s1))
  CHECK_TVAL_REG(46, s1)
  EXPECT_TRAP(47, 3, CAUSE_FETCH_ACCESS, jalr s1)
  TEST_CASE(48, a0, 42, jalr s6)
  EXPECT_TRAP(49, 3, CAUSE_LOAD_ACCESS, ld a0, 0(s5))
  EXPECT_TRAP(50, 3, CAUSE_LOAD_ACCESS, ld a0, 0(s2))

  // ---- The page-table walk reads as S: l0 is out of its reach ----
  ENTER_M
  li s0, RAM_BASE
  SET_PTE(root, VPN2(RAM_BASE), s0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  SET_PTR(root, VPN2(VA_DENIED), l1)
  SET_PTR(l1, VPN1(VA_DENIED), l0)
  la t2, pages
  li t0, 0x3000
  add t2, t2, t0
  SET_PTE(l0, VPN0(VA_DENIED), t2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  ENABLE_SV39(root)
  GOTO_S
  // An access fault (the walk's), not a page fault, at the virtual address.
  li s8, VA_DENIED
  EXPECT_TRAP(51, 3, CAUSE_LOAD_ACCESS, ld a0, 0x20(s8))
  TEST_CASE(52, t4, 0x20, TREC_ADDR; ld t4, TREC_TVAL(t5); sub t4, t4, s8)
  EXPECT_TRAP(53, 3, CAUSE_STORE_ACCESS, sd a0, 0x20(s8))
  // Through the gigapage, which needs no l0, P3 is as before.
  TEST_CASE(54, a0, 0x66, ld a0, 0x20(s4))
  ENTER_M
  csrw satp, zero
  sfence.vma

  // ---- Locked entries bind M-mode and refuse writes ----
  // 7 NAPOT P5, L R.
  li t0, 0x1000
  add s8, s5, t0             // P5
  add s9, s8, t0             // P6
  li a1, 0x99
  sd a1, 0(s8)
  NAPOT_ADDR(t0, pages, 0x5000, 4096)
  csrw pmpaddr7, t0
  li t0, CFG(7, L | NAPOT | R)
  csrs pmpcfg0, t0
  TEST_CASE(55, a0, 0x99, ld a0, 0(s8))
  EXPECT_TRAP(56, 3, CAUSE_STORE_ACCESS, sd a0, 0(s8))
  CHECK_TVAL_REG(57, s8)
  EXPECT_TRAP(58, 3, CAUSE_FETCH_ACCESS, jalr s8)
  CHECK_TVAL_REG(59, s8)
  // Writes to a locked entry's cfg and address are ignored.
  csrr s10, pmpaddr7
  li t0, CFG(7, 0xff)
  csrc pmpcfg0, t0
  csrr a0, pmpcfg0
  srli a0, a0, 56
  CHECK(60, a0, L | NAPOT | R)
  csrw pmpaddr7, zero
  TEST_CASE(61, a0, 0, csrr a0, pmpaddr7; sub a0, a0, s10)
  // 11 TOR [P6, P6 + 0x1000), L R: pmpaddr10, its lower bound, is locked too.
  ADDR(t0, pages, 0x6000)
  csrw pmpaddr10, t0
  ADDR(t0, pages, 0x7000)
  csrw pmpaddr11, t0
  li t0, CFG(11, L | TOR | R)
  csrs pmpcfg2, t0
  csrr s10, pmpaddr10
  csrw pmpaddr10, zero
  TEST_CASE(62, a0, 0, csrr a0, pmpaddr10; sub a0, a0, s10)
  csrr s10, pmpaddr11
  csrw pmpaddr11, zero
  TEST_CASE(63, a0, 0, csrr a0, pmpaddr11; sub a0, a0, s10)
  TEST_CASE(64, a0, 0, ld a0, 0(s9))
  EXPECT_TRAP(65, 3, CAUSE_STORE_ACCESS, sd a0, 0(s9))
  CHECK_TVAL_REG(66, s9)
  // Locked entries bind S as any entry does.
  GOTO_S
  TEST_CASE(67, a0, 0x99, ld a0, 0(s8))
  EXPECT_TRAP(68, 3, CAUSE_STORE_ACCESS, sd a0, 0(s8))
  EXPECT_TRAP(69, 3, CAUSE_STORE_ACCESS, sd a0, 0(s9))
  PASS

  .align 12
code_page:
  li a0, 42
  ret

  // A page whose second half entry 9 makes R only.
  .align 12
split_code:
  li a0, 5
  ret
  .org split_code + 0x800
  .option push
  .option norvc
split_high:
  li a0, 1
  ret
  .option pop
  .align 12

  .bss
  .align 12
pages: .zero 7 * 4096       // P0..P6
root: .zero 4096
l1: .zero 4096
l0: .zero 4096
