// Where the JIT keeps things. Compiled code is shared by every hart, so it
// reaches per-hart state only through the hart block, whose address it
// imports: the hot values that otherwise live in this instance's wasm
// globals (TLB generation, interrupt enables, code epoch) are copied to
// fixed offsets of the block before each entry.
//
//  hart block +0x720 (hart/layout.ts)
//   +0x720 u64 exit pc: where compiled code stopped, bit 0 set when the
//              instruction there is for the interpreter
//   +0x728 u64 TLB tag (mmu/tlb.ts tlbTag)
//   +0x730 u64 interrupts that would be taken now if pending (trap/interrupt.ts)
//   +0x738 u64 the core's own pending bits (mipLocal)
//   +0x740 u32 code epoch the store TLB is consistent with
//   +0x744 u32 wasm address of this hart's msip word
//   +0x748 i32 a hotness counter for code outside any decoded page
//   +0x74c u32 TLB salt (mmu/tlb.ts tlbSalt)
//   +0x750 u64 instructions retired in compiled code (for --stats and the bench)
//
//  JIT page record, one per decode page slot (hart/layout.ts OFF_JIT_PAGES), 32 B:
//   +0  i32 hotness: block ends left before the page is compiled; <= 0 once it is
//   +4  u32 table index of the page's compiled function, 0 none, NO_CODE failed
//   +8  u32 entries the interpreter asked for that the function lacks
//   +12 u32 translations of this decoded page so far
//   +16 u32 the hart's instret (low word) when the count in +0, or in +8
//           once compiled, started: counts that take too long start again
//
//  JIT area (JIT_BASE + hartid * JIT_STRIDE): the module being emitted, then
//  the translator's scratch tables, then another build's region from the host.

import { JIT_BASE, JIT_STRIDE } from "../../build/gen/platform";

export const OFF_JIT_NPC: u32 = 0x720;
export const OFF_JIT_TAG: u32 = 0x728;
export const OFF_JIT_MASK: u32 = 0x730;
export const OFF_JIT_MIPL: u32 = 0x738;
export const OFF_JIT_EPOCH: u32 = 0x740;
export const OFF_JIT_MSIP: u32 = 0x744;
export const OFF_JIT_NOPAGE: u32 = 0x748;
export const OFF_JIT_SALT: u32 = 0x74c;
export const OFF_JIT_RETIRED: u32 = 0x750;

export const REC_HOT: u32 = 0;
export const REC_FN: u32 = 4;
export const REC_MISSES: u32 = 8;
export const REC_BUILDS: u32 = 12;
export const REC_SINCE: u32 = 16;
export const REC_SHIFT: u32 = 5;

/** REC_FN of a page that could not be compiled. */
export const NO_CODE: u32 = 0xffffffff;

export const JIT_AREA: u32 = <u32>JIT_BASE;
export const JIT_AREA_STRIDE: u32 = <u32>JIT_STRIDE;
/** The module is emitted at the area's start, into at most this much. */
export const MODULE_MAX: u32 = 0x70000;
/** Per 2-byte page offset: the translator's marks (jit/region.ts). */
export const OFF_MARKS: u32 = 0x70000;
/** Per 2-byte page offset: the case number of a leader. */
export const OFF_CASES: u32 = 0x70800;
/** The translator's work list of page offsets. */
export const OFF_WORK: u32 = 0x71800;
/** The page offsets where the open skip blocks end (jit/frame.ts). */
export const OFF_SKIPS: u32 = 0x74000;
export const SKIPS_MAX: u32 = 64;
/** A marks table (as OFF_MARKS) of another build of the page, which the
 *  host puts here for the next translation or adoption (jit/enter.ts). */
export const OFF_BASE: u32 = 0x74800;
/** Per 2-byte offset (u16): the part of each instruction of the region, and
 *  the grouping's scratch (jit/parts.ts); then one part's marks table. */
export const OFF_PARTS: u32 = 0x75000;
export const OFF_PARTS_SCRATCH: u32 = 0x76000;
export const OFF_PART_MARKS: u32 = 0x77000;

// Byte 15 of a decoded slot is free (decode/ops.ts); the JIT marks entries
// there. ENTRY: compiled code starts here; NO_ENTRY: the interpreter runs
// from here (the compiled function has no case here, or one that exits at
// once); WANTED: a block started here in the interpreter, so the next
// translation makes it an entry.
export const SLOT_MARK: u32 = 15;
export const MARK_ENTRY: u32 = 1;
export const MARK_NO_ENTRY: u32 = 2;
export const MARK_WANTED: u32 = 4;
/** Bits 3-6 of an entry's mark count its calls that retired too few
 *  instructions (up one for each, down one for each long one); at
 *  SHORT_LIMIT the entry becomes NO_ENTRY (jit/enter.ts). */
export const MARK_SHORT: u32 = 8;
export const SHORT_MASK: u32 = 0x78;
export const SHORT_LIMIT: u32 = 15;
/** The entry is the head of a loop in the page (a backward jump's target):
 *  never given back. The interpreter enters there at the loop's back edge
 *  after one turn, so a loop that turns twice makes a short call, and a
 *  loop head given back for a burst of short loops (memmove's of 16 bytes)
 *  would leave its long ones (a page copied) to the interpreter. */
export const MARK_LOOP: u32 = 0x80;
