// Building Sv39 page tables from M-mode test code.
//
//   VA bits: 38..30 VPN[2] | 29..21 VPN[1] | 20..12 VPN[0] | 11..0 offset
//   PTE:     53..10 PPN | 7 D | 6 A | 5 G | 4 U | 3 X | 2 W | 1 R | 0 V
#ifndef RVTEST_SV39_H
#define RVTEST_SV39_H

#define VPN2(va) (((va) >> 30) & 0x1ff)
#define VPN1(va) (((va) >> 21) & 0x1ff)
#define VPN0(va) (((va) >> 12) & 0x1ff)

// table[index] = PTE for physical address in register `pa` with `flags`.
// Clobbers t0, t1.
#define SET_PTE(table, index, pa, flags) \
  la t0, table; srli t1, pa, 12; slli t1, t1, 10; ori t1, t1, flags; \
  sd t1, ((index) * 8)(t0)

// The same for a pointer to the next-level table (V only).
#define SET_PTR(table, index, next) \
  la t2, next; SET_PTE(table, index, t2, PTE_V)

// Tables root -> l1 -> l0 for the gigapage and the 2 MiB around va.
#define SET_TREE(root, l1, l0, va) \
  SET_PTR(root, VPN2(va), l1); SET_PTR(l1, VPN1(va), l0)

// An address space: RAM by an identity gigapage (RWX, A and D set, no U),
// and the tables root -> l1 -> l0 for va. Clobbers t0-t2.
#define RAM_AND_TREE(root, l1, l0, va) \
  li t2, RAM_BASE; \
  SET_PTE(root, VPN2(RAM_BASE), t2, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); \
  SET_TREE(root, l1, l0, va)

// reg = satp for root table `label` under `asid`. Clobbers t0.
#define SATP_FOR(reg, label, asid) \
  la reg, label; srli reg, reg, 12; li t0, SATP_SV39 | ((asid) << 44); or reg, reg, t0

// reg = the leaf PTE naming the page at `label` with `flags`.
#define LEAF_PTE(reg, label, flags) \
  la reg, label; srli reg, reg, 12; slli reg, reg, 10; ori reg, reg, flags

// Three zeroed, aligned page tables (in .bss).
#define PAGE_TABLES(root, l1, l0) \
  .align 12; root: .zero 4096; l1: .zero 4096; l0: .zero 4096

// satp = Sv39 with root table `root`, then flush.
#define ENABLE_SV39(root) \
  la t0, root; srli t0, t0, 12; li t1, SATP_SV39; or t0, t0, t1; \
  csrw satp, t0; sfence.vma

#endif
