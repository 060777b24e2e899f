// A whole module for one region: it imports the shared memory and the hart
// block's address, and exports `run`, the region's function (jit/frame.ts).
// A region of several parts (jit/parts.ts) is one function per part, and
// `run` is a small one that calls the part its entry is in.
// Nothing in it depends on the hart or on where the page is mapped, so the
// same bytes serve every hart and every process that runs the same page:
// the host compiles each distinct module once (host/jit/code-cache.ts).

import * as W from "./wasm";
import { SLOT_SHIFT, OFF_REGS, REG_SINK } from "../hart/layout";
import { findRegion, markAt, MARK_VISIT, MARK_LEADER, MARK_SKIPPED_ENTRY, MARK_LOOP_HEAD, kindOf, kindAt, K_INTERP,
  K_BRANCH_NEAR, K_JAL_NEAR, rdOf, rs1Of, rs2Of,
  slotLen, nearTarget } from "./region";
import { useCaseTable, setCase } from "./cases";
import { findParts, partMarks, partOf } from "./parts";
import { emitInsn } from "./translate";
import { L_SALT, LAST_I32_LOCALS, L_ENTRY, L_BUDGET, L_PCBASE, L_HART, L_N, L_NPC, L_TAG, L_MASK, L_MIPL, L_EPOCH, L_MSIP, L_X0,
  I32_LOCALS, I64_LOCALS, EXIT_JUMP, EXIT_INTERP, startFrame, nextCase, endCase, closeSkips, flush, exitAt, depthOut } from "./frame";
import { OFF_JIT_NPC, OFF_JIT_TAG, OFF_JIT_SALT, OFF_JIT_MASK, OFF_JIT_MIPL, OFF_JIT_EPOCH, OFF_JIT_MSIP,
  OFF_MARKS, OFF_CASES, OFF_WORK, OFF_SKIPS, OFF_PARTS, OFF_PARTS_SCRATCH, OFF_PART_MARKS, MODULE_MAX, SLOT_MARK,
  MARK_ENTRY, MARK_NO_ENTRY, MARK_LOOP } from "./places";

const MAGIC: u32 = 0x6d736100;

function section(id: u32): u32 { W.byte(id); return W.reserveLeb(); }
function endSection(at: u32): void { W.patchLeb(at, W.sinceLeb(at)); }

/** The header up to the code section, for `funcs` functions of type 0; the
 *  last one is `run`. */
function header(funcs: u32): void {
  W.byte(0x00); W.byte(0x61); W.byte(0x73); W.byte(0x6d);
  W.byte(1); W.byte(0); W.byte(0); W.byte(0);
  // type 0: (i32 entry, i32 budget, i64 pcBase) -> i32 retired
  let s = section(1);
  W.u32leb(1); W.byte(W.T_FUNC); W.u32leb(3); W.byte(W.T_I32); W.byte(W.T_I32); W.byte(W.T_I64); W.u32leb(1); W.byte(W.T_I32);
  endSection(s);
  s = section(2);
  W.u32leb(2);
  W.name("env"); W.name("memory"); W.byte(0x02); W.byte(0x03); W.u32leb(0); W.u32leb(65536);
  W.name("env"); W.name("hart"); W.byte(0x03); W.byte(W.T_I32); W.byte(0);
  endSection(s);
  s = section(3);
  W.u32leb(funcs);
  for (let i: u32 = 0; i < funcs; i++) W.u32leb(0);
  endSection(s);
  s = section(7);
  W.u32leb(1); W.name("run"); W.byte(0x00); W.u32leb(funcs - 1);
  endSection(s);
}

/** Registers the region reads or writes: loaded on entry; and those it may
 *  write, stored back at the exit. */
let used: u64 = 0;
let written: u64 = 0;

function noteRegisters(slots: u32, marks: u32): void {
  used = 0;
  written = 0;
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    if ((markAt(marks, off) & MARK_VISIT) == 0) continue;
    const p = slots + (off << SLOT_SHIFT);
    if (kindAt(p) == K_INTERP) continue;
    const rd = rdOf(p);
    if (rd != 0 && rd != REG_SINK) { used |= <u64>1 << rd; written |= <u64>1 << rd; }
    used |= (<u64>1 << rs1Of(p)) | (<u64>1 << rs2Of(p));
  }
  used &= ~<u64>1;
}

function loadField(code: u32, align: u32, offset: u32, local: u32): void {
  W.get(L_HART); W.mem(code, align, offset); W.set(local);
}

function prologue(): void {
  W.byte(W.GLOBAL_GET); W.u32leb(0); W.set(L_HART);
  loadField(W.I64_LOAD, 3, OFF_JIT_TAG, L_TAG);
  loadField(W.I32_LOAD, 2, OFF_JIT_SALT, L_SALT);
  loadField(W.I64_LOAD, 3, OFF_JIT_MASK, L_MASK);
  loadField(W.I64_LOAD, 3, OFF_JIT_MIPL, L_MIPL);
  loadField(W.I32_LOAD, 2, OFF_JIT_EPOCH, L_EPOCH);
  loadField(W.I32_LOAD, 2, OFF_JIT_MSIP, L_MSIP);
  for (let r: u32 = 1; r < 32; r++) {
    if ((used >> r) & 1) loadField(W.I64_LOAD, 3, OFF_REGS + (r << 3), L_X0 + r);
  }
}

function epilogue(): void {
  for (let r: u32 = 1; r < 32; r++) {
    if ((written >> r) & 1) { W.get(L_HART); W.get(L_X0 + r); W.mem(W.I64_STORE, 3, OFF_REGS + (r << 3)); }
  }
  W.get(L_HART); W.get(L_NPC); W.mem(W.I64_STORE, 3, OFF_JIT_NPC);
  W.get(L_N);
}

@inline function isLeader(marks: u32, off: u32): bool {
  return (markAt(marks, off) & (MARK_VISIT | MARK_LEADER)) == (MARK_VISIT | MARK_LEADER);
}

/** The leaders' page offsets run from `first` to `last`. */
let first: u32 = 0;
let last: u32 = 0;

/** Start a `br_table` on ($entry - first leader) / 2; one label per 2-byte
 *  offset from `first` to `last` must follow, then the default. */
function brTableOnEntry(marks: u32): void {
  first = 0x1000;
  last = 0;
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    if (!isLeader(marks, off)) continue;
    if (off < first) first = off;
    last = off;
  }
  W.get(L_ENTRY); W.i32c(<i32>first); W.op(W.I32_SUB); W.i32c(1); W.op(W.I32_SHR_U);
  W.byte(W.BR_TABLE);
  W.u32leb((last - first) / 2 + 1);
}

/** The dispatch on $entry: the first leader's offset is case 0's. */
function dispatch(marks: u32, cases: i32): void {
  brTableOnEntry(marks);
  let k: u32 = 0;
  for (let off = first; off <= last; off += 2) {
    const isCase = isLeader(marks, off);
    W.u32leb(isCase ? 1 + k : 0);
    if (isCase) k++;
  }
  W.u32leb(0);
  W.op(W.END);
  // Not an entry: leave at once, for the interpreter.
  W.get(L_PCBASE); W.get(L_ENTRY); W.op(W.I64_EXTEND_I32_U); W.op(W.I64_ADD); W.i64c(EXIT_INTERP); W.op(W.I64_OR); W.set(L_NPC);
  W.br(depthOut());
}

/** Emit the module for the region of the page (decoded slots at `slots`,
 *  bytes at `pageWasm`) entered at page offset `entry`, into the JIT area
 *  at `area`; `all`: every instruction reachable, not only those run so
 *  far; `decodes`: the translator may decode slots; `base`: another
 *  build's region to include (jit/region.ts). Returns its size, or 0 if it
 *  does not fit. */
export function buildModule(slots: u32, pageWasm: u32, entry: u32, area: u32, all: bool, decodes: bool,
  base: u32): u32 {
  const marks = area + OFF_MARKS;
  findRegion(slots, pageWasm, entry, marks, area + OFF_WORK, all, decodes, base);
  if (!anyLeader(marks)) {
    // Only skipped entries (jit/region.ts askedEntries): the one asked for
    // gets its case after all.
    store<u8>(marks + (entry >> 1), load<u8>(marks + (entry >> 1)) | <u8>MARK_LEADER);
  }
  const numbers = area + OFF_PARTS;
  const parts = findParts(slots, marks, numbers, area + OFF_PARTS_SCRATCH);
  const funcs = parts > 1 ? parts + 1 : 1;

  W.beginBytes(area, MODULE_MAX);
  header(funcs);
  const code = section(10);
  W.u32leb(funcs);
  if (parts > 1) {
    const one = area + OFF_PART_MARKS;
    for (let k: u32 = 0; k < parts; k++) {
      partMarks(k, numbers, one);
      emitFunction(slots, one, area);
    }
    emitRun(marks, numbers, parts);
  } else {
    emitFunction(slots, marks, area);
  }
  endSection(code);
  if (!W.fits()) return 0;
  markEntries(slots, marks);
  return W.byteCount();
}

/** `run` for a region of several parts: the part that has a case at the
 *  entry is called; at an offset that is no leader, leave at once for the
 *  interpreter, as a part's own dispatch does. */
function emitRun(marks: u32, numbers: u32, parts: u32): void {
  const body = W.reserveLeb();
  W.u32leb(0);
  W.op(W.BLOCK); W.byte(W.T_VOID);
  for (let k: u32 = 0; k < parts; k++) { W.op(W.BLOCK); W.byte(W.T_VOID); }
  brTableOnEntry(marks);
  for (let off = first; off <= last; off += 2) W.u32leb(isLeader(marks, off) ? partOf(numbers, off) : parts);
  W.u32leb(parts);
  for (let k: u32 = 0; k < parts; k++) {
    W.op(W.END);
    W.get(L_ENTRY); W.get(L_BUDGET); W.get(L_PCBASE); W.op(W.CALL); W.u32leb(k); W.op(W.RETURN);
  }
  W.op(W.END);
  W.byte(W.GLOBAL_GET); W.u32leb(0);
  W.get(L_PCBASE); W.get(L_ENTRY); W.op(W.I64_EXTEND_I32_U); W.op(W.I64_ADD); W.i64c(EXIT_INTERP); W.op(W.I64_OR);
  W.mem(W.I64_STORE, 3, OFF_JIT_NPC);
  W.i32c(0);
  W.op(W.END);
  W.patchLeb(body, W.sinceLeb(body));
}

/** One function: the code of the region (or part) in `marks`. */
function emitFunction(slots: u32, marks: u32, area: u32): void {
  useCaseTable(area + OFF_CASES);
  const m = countCases(marks);
  const body = W.reserveLeb();
  if (m == 0) {
    // A part whose every entry is skipped (jit/region.ts askedEntries):
    // run never calls it.
    W.u32leb(0); W.op(W.UNREACHABLE); W.op(W.END);
    W.patchLeb(body, W.sinceLeb(body));
    return;
  }
  noteRegisters(slots, marks);
  W.u32leb(3); W.u32leb(I32_LOCALS); W.byte(W.T_I32); W.u32leb(I64_LOCALS); W.byte(W.T_I64); W.u32leb(LAST_I32_LOCALS); W.byte(W.T_I32);
  prologue();
  W.op(W.BLOCK); W.byte(W.T_VOID);
  W.op(W.LOOP); W.byte(W.T_VOID);
  for (let i: i32 = 0; i < m; i++) { W.op(W.BLOCK); W.byte(W.T_VOID); }
  W.op(W.BLOCK); W.byte(W.T_VOID);
  startFrame(m, area + OFF_SKIPS);
  dispatch(marks, m);

  let reachable = false;
  let prevEnd: u32 = 0;
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    if (closeSkips(off)) {
      // The skipping branch arrives here (what it skipped falls through to
      // here: jit/region.ts isSkip).
      reachable = true;
      prevEnd = off;
    }
    const mk = markAt(marks, off);
    if ((mk & MARK_VISIT) == 0) continue;
    if ((mk & MARK_LEADER) != 0) {
      if (reachable) {
        if (prevEnd != off) exitAt(<i64>prevEnd, EXIT_INTERP);
        else flush();
      }
      endCase();
      W.op(W.END);
      nextCase(off, loopsBack(slots, marks, off));
      reachable = true;
    } else if (reachable && prevEnd != off) {
      exitAt(<i64>prevEnd, EXIT_INTERP);
      reachable = false;
    }
    if (!reachable) continue;
    const p = slots + (off << SLOT_SHIFT);
    reachable = emitInsn(p, off);
    prevEnd = off + slotLen(p);
  }
  if (reachable) exitAt(<i64>prevEnd, prevEnd >= 0x1000 ? EXIT_JUMP : EXIT_INTERP);
  endCase();
  W.op(W.END);  // loop
  W.op(W.END);  // out
  epilogue();
  W.op(W.END);
  W.patchLeb(body, W.sinceLeb(body));
}

function anyLeader(marks: u32): bool {
  for (let off: u32 = 0; off < 0x1000; off += 2) if (isLeader(marks, off)) return true;
  return false;
}

/** Give each leader its case number; how many there are. */
function countCases(marks: u32): i32 {
  let m: i32 = 0;
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    if (isLeader(marks, off)) setCase(off, m++);
  }
  return m;
}

/** Whether a jump in the straight code from the leader at `start` (up to
 *  the next leader) goes back to `start`. */
function loopsBack(slots: u32, marks: u32, start: u32): bool {
  let off = start;
  while (off < 0x1000) {
    const mk = markAt(marks, off);
    if ((mk & MARK_VISIT) == 0 || (off != start && (mk & MARK_LEADER) != 0)) return false;
    const p = slots + (off << SLOT_SHIFT);
    const kind = kindOf(load<u8>(p));
    if ((kind == K_BRANCH_NEAR || kind == K_JAL_NEAR) && nearTarget(p, off) == start) return true;
    off += slotLen(p);
  }
  return false;
}

/** Tell the dispatcher (jit/enter.ts) which slots the function built from
 *  the marks table `marks` starts at, and which of them are loop heads. */
export function markEntries(slots: u32, marks: u32): void {
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    const p = slots + (off << SLOT_SHIFT);
    const kind = kindAt(p);
    if ((markAt(marks, off) & MARK_VISIT) == 0 || (kind != K_BRANCH_NEAR && kind != K_JAL_NEAR)) continue;
    const target = nearTarget(p, off);
    if (target <= off) store<u8>(marks + (target >> 1), markAt(marks, target) | MARK_LOOP_HEAD);
  }
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    const p = slots + (off << SLOT_SHIFT) + SLOT_MARK;
    const mk = markAt(marks, off);
    let v: u32 = 0;
    if ((mk & (MARK_VISIT | MARK_LEADER)) == (MARK_VISIT | MARK_LEADER)) {
      v = kindAt(slots + (off << SLOT_SHIFT)) == K_INTERP ? MARK_NO_ENTRY : MARK_ENTRY;
      if (v == MARK_ENTRY && (mk & MARK_LOOP_HEAD) != 0) v |= MARK_LOOP;
    } else if ((mk & MARK_SKIPPED_ENTRY) != 0) {
      v = MARK_NO_ENTRY;
    }
    store<u8>(p, <u8>v);
  }
}
