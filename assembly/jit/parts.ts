// The parts of a region: its instructions grouped by the ways control
// passes between them inside the page, so that each part can be a function
// of its own (jit/module.ts).
//
// Why: V8 compiles a function again with its optimising tier once it is hot,
// at about 1.5 ms of CPU per KB of WebAssembly, on a background thread. A
// kernel page's region is 30-40 KB, but the hot loop in it (memmove, say)
// is a few hundred bytes: as one function, all of it was optimised for that
// loop's sake, and with every host core running a hart that CPU came from
// the harts (docs/JIT.md, "Several harts"). As parts, V8 optimises the hot
// part alone, and never even compiles a part that is not called.
//
// Fall-through, a jump inside the page and the return point of a call
// inside the page join the parts at both ends, so compiled code never goes
// from one part to another; a jump to a leader that has no case in its
// function would leave for the interpreter anyway, so the grouping is
// about speed, never about what the guest sees.

import { Op, slotOp } from "../decode/ops";
import { REG_SINK, SLOT_SHIFT } from "../hart/layout";
import { markAt, MARK_VISIT, kindOf, K_STRAIGHT, K_BRANCH_NEAR, K_BRANCH_FAR, K_JAL_NEAR, rdOf, slotLen,
  nearTarget } from "./region";

/** Per 2-byte offset (u16): union-find parents while grouping. */
let parent: u32 = 0;
let marks: u32 = 0;

function find(i: u32): u32 {
  while (true) {
    const p = <u32>load<u16>(parent + (i << 1));
    if (p == i) return i;
    const g = <u32>load<u16>(parent + (p << 1));
    store<u16>(parent + (i << 1), <u16>g);
    i = g;
  }
}

/** Join the parts of the instructions at page offsets a and b (b may lie
 *  outside the region or the page: then nothing happens). The smaller
 *  index stays the root, so a part's root is its first instruction. */
function join(a: u32, b: u32): void {
  if (b >= 0x1000 || (markAt(marks, b) & MARK_VISIT) == 0) return;
  const ra = find(a >> 1);
  const rb = find(b >> 1);
  if (ra < rb) store<u16>(parent + (rb << 1), <u16>ra);
  else if (rb < ra) store<u16>(parent + (ra << 1), <u16>rb);
}

/** Number the parts of the region in `regionMarks` (jit/region.ts), in the
 *  order of their first instructions: `numbers` gets the part of each
 *  instruction (u16 per 2-byte offset); `scratch` is as big. Returns how
 *  many parts there are. */
export function findParts(slots: u32, regionMarks: u32, numbers: u32, scratch: u32): u32 {
  marks = regionMarks;
  parent = scratch;
  for (let i: u32 = 0; i < 0x800; i++) store<u16>(parent + (i << 1), <u16>i);
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    if ((markAt(marks, off) & MARK_VISIT) == 0) continue;
    const p = slots + (off << SLOT_SHIFT);
    const op = slotOp(p);
    if (op == Op.DECODE) continue;
    const next = off + slotLen(p);
    switch (kindOf(op)) {
      case K_STRAIGHT: case K_BRANCH_FAR: join(off, next); break;
      case K_BRANCH_NEAR: join(off, next); join(off, nearTarget(p, off)); break;
      case K_JAL_NEAR:
        join(off, nearTarget(p, off));
        if (rdOf(p) != REG_SINK) join(off, next);
        break;
    }
  }
  let count: u32 = 0;
  for (let i: u32 = 0; i < 0x800; i++) {
    if ((markAt(marks, i << 1) & MARK_VISIT) == 0) continue;
    const root = find(i);
    const n = root == i ? count++ : <u32>load<u16>(numbers + (root << 1));
    store<u16>(numbers + (i << 1), <u16>n);
  }
  return count;
}

/** The marks of part `k` alone: a region table (as jit/region.ts fills)
 *  holding only that part's instructions. */
export function partMarks(k: u32, numbers: u32, out: u32): void {
  for (let i: u32 = 0; i < 0x800; i++) {
    const mk = markAt(marks, i << 1);
    store<u8>(out + i, <u8>((mk & MARK_VISIT) != 0 && <u32>load<u16>(numbers + (i << 1)) == k ? mk : 0));
  }
}

/** The part of the instruction at page offset `off` (in the region). */
export function partOf(numbers: u32, off: u32): u32 { return <u32>load<u16>(numbers + (off & ~1)); }
