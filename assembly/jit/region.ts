// Which instructions of a page a compiled region holds, and where it may be
// entered. From every entry the region follows the code as the interpreter
// would run it (fall-through and jumps inside the page), decoding slots on
// the way: decoding is a pure function of the page's bytes, so decoding an
// instruction early changes nothing the guest can see.
//
// Leaders are where control arrives other than by falling through: entries
// (where the interpreter came into the page), targets of jumps inside the
// page, the instruction after a call (a return lands there through another
// page) and after an instruction left to the interpreter (which resumes
// there). Each leader becomes a case of the region's br_table.

import { Op, slotOp, slotImm, slotStep } from "../decode/ops";
import { REG_SINK, SLOT_SHIFT } from "../hart/layout";
import { decodeSlot } from "../execute/fetch";
import { csrCompiled } from "./csr";
import { SLOT_MARK, MARK_ENTRY, MARK_NO_ENTRY, MARK_WANTED } from "./places";

export const MARK_VISIT: u32 = 1;
export const MARK_LEADER: u32 = 2;
/** The interpreter entered here (or asked to), and a skip's branch jumps
 *  here: no case, for the interpreter (jit/module.ts markEntries). */
export const MARK_SKIPPED_ENTRY: u32 = 4;
/** While finding the region: an entry asked for, and a skip's target. */
const MARK_ASKED: u32 = 8;
const MARK_SKIP_TARGET: u32 = 16;
/** Set by the module builder: a backward jump in the page goes here. */
export const MARK_LOOP_HEAD: u32 = 32;

// How the translator treats an op.
export const K_STRAIGHT: u32 = 0;
export const K_BRANCH_NEAR: u32 = 1;
export const K_BRANCH_FAR: u32 = 2;
export const K_JAL_NEAR: u32 = 3;
export const K_JAL_FAR: u32 = 4;
export const K_JALR: u32 = 5;
/** Left to the interpreter: compiled code exits before it. */
export const K_INTERP: u32 = 6;
/** A CSR access compiled code carries out (jit/csr.ts); like K_INTERP, the
 *  instruction after it is a leader, where the code may leave to. */
export const K_CSR: u32 = 7;

export function kindOf(op: u32): u32 {
  if (op >= <u32>Op.BEQ_NEAR && op <= <u32>Op.BGEU_NEAR) return K_BRANCH_NEAR;
  if (op >= <u32>Op.BEQ_FAR && op <= <u32>Op.BGEU_FAR) return K_BRANCH_FAR;
  switch (op) {
    case Op.JAL_NEAR: return K_JAL_NEAR;
    case Op.JAL_FAR: return K_JAL_FAR;
    case Op.JALR: return K_JALR;
    case Op.NOP: case Op.LI: case Op.MV: case Op.AUIPC: case Op.FENCE:
      return K_STRAIGHT;
  }
  if (op >= <u32>Op.LB && op <= <u32>Op.SD) return K_STRAIGHT;
  if (op >= <u32>Op.ADDI && op <= <u32>Op.SRAW) return K_STRAIGHT;
  if (op >= <u32>Op.MUL && op <= <u32>Op.REMUW) return K_STRAIGHT;
  return K_INTERP;
}

/** How the translator treats the instruction in slot p. */
export function kindAt(p: u32): u32 {
  const op = slotOp(p);
  if (op >= <u32>Op.CSRRW && op <= <u32>Op.CSRRCI) return csrCompiled(p) ? K_CSR : K_INTERP;
  return kindOf(op);
}

@inline export function slotLen(p: u32): u32 { return slotStep(p) >> SLOT_SHIFT; }
@inline export function rdOf(p: u32): u32 { return (load<u32>(p) >> 8) & 0x3f; }
@inline export function rs1Of(p: u32): u32 { return (load<u32>(p) >> 14) & 0x3f; }
@inline export function rs2Of(p: u32): u32 { return (load<u32>(p) >> 20) & 0x3f; }
/** The page offset a near branch or jal at `off` goes to. */
@inline export function nearTarget(p: u32, off: u32): u32 { return off + <u32>(slotImm(p) >> SLOT_SHIFT); }

/** The longest run of instructions a skip may jump over, in bytes. */
const SKIP_MAX: u32 = 64;

/** Whether the near branch at `off` (slot p) jumps forward over a few
 *  straight instructions only, decoded and falling through to its target:
 *  then the target needs no case, the branch is a `br_if` out of a block
 *  round them (jit/frame.ts openSkip). */
export function isSkip(slots: u32, p: u32, off: u32): bool {
  const target = nearTarget(p, off);
  if (target <= off || target > off + SKIP_MAX || target >= 0x1000) return false;
  let at = off + slotLen(p);
  while (at < target) {
    const q = slots + (at << SLOT_SHIFT);
    if (slotOp(q) == Op.DECODE) {
      // Code a branch skips over may never have run (a rare case); it is
      // decoded here so that the branch can be a skip: otherwise its target
      // would start a case and cut a loop round it in two.
      if (!mayDecode) return false;
      decodeSlot(q, slots, pageBytes);
    }
    if (kindOf(slotOp(q)) != K_STRAIGHT) return false;
    at += slotLen(q);
  }
  return at == target;
}

/** Whether the translator may decode slots itself (no GDB breakpoint is
 *  set: jit/enter.ts), and the page's bytes. */
let mayDecode = false;
let pageBytes: u32 = 0;
let marks: u32 = 0;
let work: u32 = 0;
let workLen: u32 = 0;

@inline export function markAt(marksBase: u32, off: u32): u32 { return load<u8>(marksBase + (off >> 1)); }

function push(off: u32, leader: bool): void {
  pushMarked(off, MARK_VISIT | (leader ? MARK_LEADER : 0));
}

function pushMarked(off: u32, bits: u32): void {
  if (off >= 0x1000) return;
  const m = marks + (off >> 1);
  const old = <u32>load<u8>(m);
  store<u8>(m, <u8>(old | MARK_VISIT | bits));
  if ((old & MARK_VISIT) == 0) {
    store<u16>(work + (workLen << 1), <u16>off);
    workLen++;
  }
}

/** Find the region of the page whose decoded slots start at `slots`, from
 *  `entry` and every entry the slots' marks name. Fills the marks table
 *  (one byte per 2-byte offset: MARK_VISIT, MARK_LEADER). With `all`, it
 *  decodes whatever it reaches; otherwise it keeps to the instructions the
 *  interpreter has decoded, which are those it ran: the hot code, not the
 *  rest of the page (but for code a skip jumps over, if `decodes`). `base`
 *  (0: none) is the marks table of a region other harts built for the
 *  page: its leaders are entries too, and what it holds counts as run, so
 *  the region found holds it whole and the harts' builds of a page converge
 *  on one module (host/jit/page-regions.ts). */
export function findRegion(slots: u32, pageWasm: u32, entry: u32, marksBase: u32, workBase: u32, all: bool,
  decodes: bool, base: u32): void {
  mayDecode = decodes;
  pageBytes = pageWasm;
  marks = marksBase;
  work = workBase;
  workLen = 0;
  memory.fill(marks, 0, 0x800);
  const first = slots + (entry << SLOT_SHIFT);
  if (all && slotOp(first) == Op.DECODE) decodeSlot(first, slots, pageWasm);
  // Entries become leaders once the skips are known (askedEntries).
  const asked = all ? MARK_ASKED | MARK_LEADER : MARK_ASKED;
  pushMarked(entry, asked);
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    if ((load<u8>(slots + (off << SLOT_SHIFT), SLOT_MARK) & (MARK_ENTRY | MARK_NO_ENTRY | MARK_WANTED)) != 0) pushMarked(off, asked);
    else if (base != 0 && (markAt(base, off) & MARK_LEADER) != 0) pushMarked(off, asked);
  }
  while (workLen > 0) {
    workLen--;
    const off = <u32>load<u16>(work + (workLen << 1));
    const p = slots + (off << SLOT_SHIFT);
    if (slotOp(p) == Op.DECODE) {
      if (!all && (base == 0 || (markAt(base, off) & MARK_VISIT) == 0)) { store<u8>(marks + (off >> 1), 0); continue; }
      decodeSlot(p, slots, pageWasm);
    }
    const op = slotOp(p);
    const next = off + slotLen(p);
    // With `all` (eager), every instruction is a leader: the function can be
    // entered anywhere, so it is built once rather than again for each entry
    // the interpreter meets.
    switch (kindOf(op)) {
      case K_STRAIGHT: case K_BRANCH_FAR: push(next, all); break;
      case K_BRANCH_NEAR: {
        push(next, all);
        const skip = !all && isSkip(slots, p, off);
        pushMarked(nearTarget(p, off), skip ? MARK_SKIP_TARGET : MARK_LEADER);
        break;
      }
      case K_JAL_NEAR:
        push(nearTarget(p, off), true);
        if (rdOf(p) != REG_SINK) push(next, true);
        break;
      case K_JAL_FAR: case K_JALR:
        if (rdOf(p) != REG_SINK) push(next, true);
        break;
      default:
        if (op != Op.PAGE_END && op != Op.STRADDLE) push(next, true);
    }
  }
  askedEntries();
  noCaseInsideSkips(slots);
}

/** A skip is a wasm block round the instructions it jumps over, and a case
 *  cannot start inside a block (its code would end the skip's block, and
 *  the taken branch would land at that case instead of the target). So a
 *  skip over a leader (an entry the interpreter asked for, say) gives its
 *  target a case and becomes an ordinary branch. A new leader may lie
 *  inside another skip: repeat until none does. */
function noCaseInsideSkips(slots: u32): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (let off: u32 = 0; off < 0x1000; off += 2) {
      if ((markAt(marks, off) & MARK_VISIT) == 0) continue;
      const p = slots + (off << SLOT_SHIFT);
      if (kindOf(slotOp(p)) != K_BRANCH_NEAR) continue;
      const target = nearTarget(p, off);
      if (target <= off || target >= 0x1000 || (markAt(marks, target) & MARK_LEADER) != 0) continue;
      for (let at = off + 2; at < target; at += 2) {
        if ((markAt(marks, at) & MARK_LEADER) == 0) continue;
        store<u8>(marks + (target >> 1), <u8>(markAt(marks, target) | MARK_LEADER));
        changed = true;
        break;
      }
    }
  }
}

/** Entries the interpreter asked for become leaders, except where only a
 *  skip's branch jumps to them (the interpreter arrives there after a load
 *  or store that missed the TLB, when the branch that follows skips a
 *  few): a case there would cut the code round it in two, and a loop
 *  through it would go round the br_table each time instead of round its
 *  own leader. The interpreter runs from such an entry to the next block
 *  end instead (MARK_SKIPPED_ENTRY: jit/module.ts markEntries). */
function askedEntries(): void {
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    const m = marks + (off >> 1);
    const mk = <u32>load<u8>(m);
    if ((mk & MARK_ASKED) == 0) continue;
    const skipped = (mk & (MARK_SKIP_TARGET | MARK_LEADER)) == MARK_SKIP_TARGET;
    store<u8>(m, <u8>(mk | (skipped ? MARK_SKIPPED_ENTRY : MARK_LEADER)));
  }
}
