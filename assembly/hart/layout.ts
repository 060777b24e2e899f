// Where this core keeps each hart's state in the shared memory. The platform
// table fixes the fields other threads touch (HS_*); everything from
// HS_CORE_PRIVATE on is the core's own.
//
//  hart block (HART_STATE_BASE + hartid * HART_STATE_STRIDE), 64 KiB
//  +0x0000 ┌──────────────────────────────┐
//          │ HS_* shared fields           │ see platform.json "hart"
//  +0x0100 ├──────────────────────────────┤
//          │ x0..x31, then a sink for x0  │ 33 x u64; writes to x0 land in the sink
//  +0x02f8 │ fence word                   │
//  +0x0300 ├──────────────────────────────┤
//          │ special decoded slots        │ FETCH, then scratch (3 slots of 16 B)
//  +0x0400 ├──────────────────────────────┤
//          │ pmp0cfg..pmp15cfg            │ 16 x u8 (csr/pmp.ts)
//  +0x0440 ├──────────────────────────────┤
//          │ pmpaddr0..15                 │ 16 x u64
//  +0x04c0 ├──────────────────────────────┤
//          │ PMP rules                    │ up to 16 x 24 B: lo, hi, cfg (mmu/pmp.ts)
//  +0x0640 ├──────────────────────────────┤
//          │ saved CSRs and pc (HSV_*)    │ while the hart holds (hart/saved.ts)
//  +0x0720 ├──────────────────────────────┤
//          │ what compiled code reads     │ jit/places.ts: exit pc, TLB tag, interrupt mask, ...
//  +0x0800 ├──────────────────────────────┤
//          │ decode-page headers          │ per page slot: u32 ppn+1, u32 generation
//  +0x0c00 ├──────────────────────────────┤
//          │ decode-set MRU ways          │ u8 per set: the way entered last
//  +0x1000 ├──────────────────────────────┤
//          │ TLB contexts  16 x 16 B      │ u64 satp, u32 mode, u32 context (mmu/tlb-context.ts)
//  +0x1100 ├──────────────────────────────┤
//          │ JIT page records  128 x 32 B │ per page slot: hotness, function, misses, builds (jit/places.ts)
//  +0x2100 ├──────────────────────────────┤
//          │ live state                   │ priv, mstatus, supervisor trap CSRs (hart/live.ts)
//  +0x2148 ├──────────────────────────────┤
//          │ (unused)                     │
//  +0x4000 ├──────────────────────────────┤
//          │ TLB fetch  512 x 16 B        │ each entry: u64 tag (generation, vpn), u64 addend
//  +0x6000 ├──────────────────────────────┤
//          │ TLB load   512 x 16 B        │
//  +0x8000 ├──────────────────────────────┤
//          │ TLB store  512 x 16 B        │
//  +0xa000 └──────────────────────────────┘
//
//  decode region (DECODE_BASE + hartid * DECODE_STRIDE), 8 MiB
//  ┌──── page slot k = 2 * set + way (set = guest page index & 63), 64 KiB ──┐
//  │ 2048 decoded slots of 16 B, one per 2-byte offset │ PAGE_END sentinel,  │
//  │                                                   │ then u32 "used"     │
//  └──────────────────────────────────────────────────────────────────────────┘

import {
  HART_STATE_BASE, HART_STATE_STRIDE, HS_CORE_PRIVATE, DECODE_BASE, DECODE_STRIDE,
  CONTROL_BASE, CTL_CODE_EPOCH, CLINT_STATE_BASE, PAGEGEN_BASE, GUEST_RAM_BASE, RAM_BASE,
  HSV_PMPCFG, HSV_PMPADDR,
} from "../../build/gen/platform";

export const HART_BASE: u32 = <u32>HART_STATE_BASE;
export const HART_STRIDE: u32 = <u32>HART_STATE_STRIDE;
export const DECODE_AREA: u32 = <u32>DECODE_BASE;
export const DECODE_AREA_STRIDE: u32 = <u32>DECODE_STRIDE;
export const CODE_EPOCH_ADDR: u32 = <u32>(CONTROL_BASE + CTL_CODE_EPOCH);
export const CLINT_STATE: u32 = <u32>CLINT_STATE_BASE;
export const PAGEGEN: u32 = <u32>PAGEGEN_BASE;
export const GUEST_RAM: u32 = <u32>GUEST_RAM_BASE;
export const RAM_START: u64 = RAM_BASE;

export const OFF_REGS: u32 = <u32>HS_CORE_PRIVATE;
/** Register index that instructions writing x0 are decoded to. */
export const REG_SINK: u32 = 32;
/** A word only this hart touches, for a fence made of an atomic RMW. */
export const OFF_FENCE_WORD: u32 = 0x2f8;
export const OFF_SPECIAL: u32 = 0x300;
export const OFF_PMPCFG: u32 = <u32>HSV_PMPCFG;
export const OFF_PMPADDR: u32 = <u32>HSV_PMPADDR;
export const OFF_PMP_RULES: u32 = 0x4c0;
export const OFF_DECODE_HDR: u32 = 0x800;
export const OFF_DECODE_MRU: u32 = 0xc00;
export const OFF_TLB_CONTEXTS: u32 = 0x1000;
export const OFF_JIT_PAGES: u32 = 0x1100;
export const OFF_LIVE: u32 = 0x2100;
export const OFF_TLB_FETCH: u32 = 0x4000;
export const OFF_TLB_LOAD: u32 = 0x6000;
export const OFF_TLB_STORE: u32 = 0x8000;

export const TLB_BITS: u32 = 9;
export const TLB_ENTRIES: u32 = 1 << TLB_BITS;
export const TLB_MASK: u32 = TLB_ENTRIES - 1;
export const TLB_BYTES: u32 = TLB_ENTRIES * 16;
/** Translation regimes whose TLB entries are kept at once. */
export const TLB_CONTEXTS: u32 = 16;

export const DECODE_PAGES: u32 = 128;
/** Two-way sets: two hot pages whose numbers collide both stay decoded. */
export const DECODE_WAYS_SHIFT: u32 = 1;
export const DECODE_SETS: u32 = DECODE_PAGES >> DECODE_WAYS_SHIFT;
export const DECODE_PAGE_STRIDE: u32 = 0x10000;
/** A 16-byte decoded slot per 2 bytes of code: byte offset in the page << 3. */
export const SLOT_SHIFT: u32 = 3;
export const SLOTS_BYTES: u32 = 0x1000 << SLOT_SHIFT;

/** PAGEGEN bit meaning "some hart holds this page decoded": stores to such a
 *  page take the slow path, which bumps the generation and clears the bit. */
export const PAGEGEN_DECODED: u32 = 0x80000000;
