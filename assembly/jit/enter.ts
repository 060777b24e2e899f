// The interpreter's side of the JIT: when a page is hot, ask the host to
// compile it; when it is compiled, run it through the function table.
//
// Each decoded page counts block ends down from a threshold (the fast loop
// does it, execute/fast.ts) in its page slot's record (jit/places.ts); at
// zero the loop hands over (FAST_JIT) and jitDispatch decides. A page's compiled function lives as long as its
// decoded slots: re-decoding the page (it was written: PAGEGEN, fence.i, or
// its decode slot went to another page) forgets it, so compiled code is
// never older than the decoded code the interpreter would run.
//
// Compiling is the host's work (host/jit/): run() returns STOP_JIT, the
// host calls jitTranslate(), compiles the bytes (or finds them compiled
// already), puts the function in the table and calls jitInstall(). When
// another hart built the same page already, the host hands its function
// and region to jitAdopt() instead, and nothing is translated.

import { hartBlock, hartId, decodeHeaders, decodeArea, mipLocal, codeEpoch, msipAddr, exitReason, fetchSlot,
  RUNNING, instret } from "../hart/state";
import { DECODE_PAGES, DECODE_PAGE_STRIDE, OFF_JIT_PAGES, SLOT_SHIFT } from "../hart/layout";
import { curP, curN, curBase, curPcBase, fetchPc, jumpVia } from "../execute/cursor";
import { trapsTaken, blockEnd } from "../execute/slow";
import { currentWay, wayWasm, pageWasm, decodeSlot } from "../execute/fetch";
import { tlbTag, tlbSalt } from "../mmu/tlb";
import { takeableMask } from "../trap/interrupt";
import { buildModule, markEntries } from "./module";
import { markAt, MARK_VISIT, MARK_LEADER } from "./region";
import { Op, slotOp } from "../decode/ops";
import { anyBreakpoints } from "../execute/debug";
import { countJitCall, countJitBuild, countJitMiss, countJitExitKind, countJitDemoted, JIT_EXIT_JUMP, JIT_EXIT_MEM,
  JIT_EXIT_INTERP, JIT_EXIT_STOP } from "../hart/counters";
import { OFF_JIT_NPC, OFF_JIT_TAG, OFF_JIT_SALT, OFF_JIT_MASK, OFF_JIT_MIPL, OFF_JIT_EPOCH, OFF_JIT_MSIP, OFF_JIT_NOPAGE,
  OFF_JIT_RETIRED, REC_HOT, REC_FN, REC_MISSES, REC_BUILDS, REC_SINCE, REC_SHIFT, NO_CODE, JIT_AREA, JIT_AREA_STRIDE,
  SLOT_MARK, MARK_ENTRY, MARK_NO_ENTRY, MARK_WANTED, MARK_SHORT, SHORT_MASK, SHORT_LIMIT, MARK_LOOP, OFF_MARKS,
  OFF_BASE } from "./places";

export const STOP_JIT: u32 = 6;

export const JIT_OFF: u32 = 0;
export const JIT_EAGER: u32 = 1;
export const JIT_HOT: u32 = 2;

let mode: u32 = JIT_OFF;
/** Block ends before a page is compiled. */
let threshold: i32 = i32.MAX_VALUE;
/** Block starts are marked once a page's count is below this. */
let markBelow: i32 = i32.MIN_VALUE;
/** Entries asked for that a page's function lacks before it is built again,
 *  and how many times a decoded page may be built. */
let missLimit: u32 = 1;
let buildLimit: u32 = 1;
/** An entry whose calls keep retiring fewer than minRun instructions
 *  (code that bounces between two instructions left to the interpreter)
 *  is given back to the interpreter (eager keeps them all). It is small:
 *  a kernel calls small functions on other pages all the time, each call
 *  and return a call of compiled code of a few instructions, and with the
 *  CSR accesses compiled, running those compiled is faster than giving
 *  them back (64 left nearly all of a system call to the interpreter). */
let minRun: u32 = 0;
/** `on` compiles nothing before a hart has run this many instructions: a
 *  boot (10M) is over before compiling would pay. */
let warmUp: u64 = 0;
/** `on` compiles a page only when its `threshold` block ends came at a
 *  rate of at least one per HOT_RATE instructions (within hotWindow of the
 *  count's start), and builds it again for missing entries only when
 *  `missLimit` of them came within MISS_WINDOW. A page that gets there
 *  slowly, or in a short burst (an exec, an sbrk), is warm, not hot: it
 *  would not run its compiled code enough to pay for compiling it, which
 *  for a kernel page of 10-40 KiB of WebAssembly is 20-100 ms in V8's
 *  optimising tier, several times that on a loaded host (docs/JIT.md). */
const HOT_RATE: u32 = 333;
let hotWindow: u32 = 0;
const MISS_WINDOW: u32 = 200_000;

export function jitConfigure(m: u32, hot: u32, warm: u32): void {
  mode = m;
  warmUp = <u64>warm;
  threshold = m == JIT_OFF ? i32.MAX_VALUE : m == JIT_EAGER ? 0 : <i32>hot;
  markBelow = m == JIT_OFF ? i32.MIN_VALUE : (threshold >> 1) + 1;
  missLimit = m == JIT_EAGER ? 1 : 16;
  buildLimit = m == JIT_EAGER ? 64 : 8;
  minRun = m == JIT_HOT ? 8 : 0;
  hotWindow = hot < u32.MAX_VALUE / HOT_RATE ? hot * HOT_RATE : u32.MAX_VALUE;
}

export function jitReset(): void {
  store<u32>(hartBlock + OFF_JIT_MSIP, msipAddr);
  store<u64>(hartBlock + OFF_JIT_RETIRED, 0);
  memory.fill(hartBlock + OFF_JIT_PAGES, 0, DECODE_PAGES << REC_SHIFT);
}

/** The JIT record of page slot k. */
@inline function recordOf(k: u32): u32 { return hartBlock + OFF_JIT_PAGES + (k << REC_SHIFT); }
@inline function wayOf(base: u32): u32 { return (base - decodeArea) / DECODE_PAGE_STRIDE; }

/** Instructions retired, low word: for the age of a count. */
@inline function now32(): u32 { return <u32>instret + curN; }

/** Whether the count that page record `rec` started at REC_SINCE took
 *  longer than `window` (eager never waits). */
@inline function tooSlow(rec: u32, window: u32): bool {
  return mode == JIT_HOT && now32() - load<u32>(rec, REC_SINCE) > window;
}

/** Count the page's block ends from the threshold again, from now. */
function countAgain(rec: u32): void {
  store<i32>(rec, threshold, REC_HOT);
  store<u32>(rec, now32(), REC_SINCE);
}

/** Page slot k was decoded afresh: nothing compiled, counting from the threshold. */
export function jitPageReset(k: u32): void {
  const rec = recordOf(k);
  store<u32>(rec, 0, REC_FN);
  store<u32>(rec, 0, REC_MISSES);
  store<u32>(rec, 0, REC_BUILDS);
  countAgain(rec);
}

/** The word the fast loop counts block ends in for page slot k. */
@inline export function jitHotWord(k: u32): u32 { return recordOf(k) + REC_HOT; }

/** The word the fast loop counts block ends in while running at `base`:
 *  its page's, or a dummy outside any decoded page. */
export function hotWord(base: u32): u32 {
  if (base - decodeArea < DECODE_PAGES * DECODE_PAGE_STRIDE) return jitHotWord(wayOf(base));
  const dummy = hartBlock + OFF_JIT_NOPAGE;
  store<i32>(dummy, i32.MAX_VALUE);
  return dummy;
}

/** A block starts at slot p, in the page whose hotness word is `hot`:
 *  count it, and in the second half of the count mark the slot so that the
 *  page's next translation has an entry there (the first translation then
 *  has the entries the page is being used through, and is not built again
 *  for each as it turns up). Marking all the time would cost the
 *  interpreter 5-20% on branchy code.
 *  Whether the page's count has run out and compiled code may start here:
 *  not where the interpreter was told to run (MARK_NO_ENTRY). */
@inline export function jitBlockStart(hot: u32, p: u32): bool {
  const left = load<i32>(hot) - 1;
  store<i32>(hot, left);
  if (left >= markBelow) return false;
  const mark = <u32>load<u8>(p, SLOT_MARK);
  store<u8>(p, <u8>(mark | MARK_WANTED), SLOT_MARK);
  return left < 0 && (mark & MARK_NO_ENTRY) == 0;
}

/** Whether the cursor is at an entry of its page's compiled code. */
export function jitHotHere(): bool {
  return curBase - decodeArea < DECODE_PAGES * DECODE_PAGE_STRIDE && (load<u8>(curP, SLOT_MARK) & MARK_ENTRY) != 0
    && load<i32>(recordOf(wayOf(curBase)), REC_HOT) <= 0;
}

// The page whose build was asked for: its slot, entry, and the page and
// generation its decode header named then.
let reqWay: u32 = 0;
let reqEntry: u32 = 0;
let reqPage: u32 = 0;
let reqGen: u32 = 0;

function requestBuild(k: u32): void {
  reqWay = k;
  reqEntry = (curP - curBase) >> SLOT_SHIFT;
  reqPage = load<u32>(decodeHeaders + (k << 3));
  reqGen = load<u32>(decodeHeaders + (k << 3), 4);
  exitReason = STOP_JIT;
}

/** Whether page slot reqWay still holds what the build was asked for. */
function requestStands(): bool {
  const dec = decodeHeaders + (reqWay << 3);
  return reqPage != 0 && load<u32>(dec) == reqPage && load<u32>(dec, 4) == reqGen;
}

/** The fast loop handed over at a block end or page entry in a page whose
 *  counter ran out (`blockStart`), or a slow step finished an instruction
 *  at an entry of such a page. Returns true when compiled code ran. Only a
 *  block start the function lacks counts as a miss: after a slow step
 *  mid-block (a TLB miss), making the next instruction an entry would cut
 *  the block in two, and the interpreter reaches an entry soon anyway. */
export function jitDispatch(budget: u32, blockStart: bool): bool {
  const k = wayOf(curBase);
  const rec = recordOf(k);
  const fn = load<u32>(rec, REC_FN);
  if (fn == 0 && mode == JIT_HOT && (instret + <u64>curN < warmUp || tooSlow(rec, hotWindow))) {
    // Still warming up, or warm rather than hot: count again from here.
    countAgain(rec);
    return false;
  }
  if (fn == 0 && mode != JIT_OFF && load<u32>(rec, REC_BUILDS) < buildLimit) {
    requestBuild(k);
    return false;
  }
  if (fn == 0 || fn == NO_CODE) {
    store<i32>(rec, i32.MAX_VALUE, REC_HOT);
    return false;
  }
  store<i32>(rec, 0, REC_HOT);
  const mark = <u32>load<u8>(curP, SLOT_MARK);
  if ((mark & MARK_ENTRY) == 0) {
    if ((mark & MARK_NO_ENTRY) == 0 && blockStart) noteMiss(k, mark);
    return false;
  }
  runRegion(fn, budget);
  chain(budget);
  return true;
}

/** After a jump out of compiled code: while the target is compiled code
 *  too, go straight there, checking at each step what a block end checks
 *  (interrupts, code epoch, the budget). */
function chain(budget: u32): void {
  while (curP == fetchSlot) {
    blockEnd();
    if (exitReason != RUNNING || curN + trapsTaken >= budget || curP != fetchSlot) return;
    const k = currentWay(fetchPc, tlbTag, tlbSalt);
    if (k < 0) return;
    const rec = recordOf(<u32>k);
    if (load<i32>(rec, REC_HOT) > 0) return;
    const fn = load<u32>(rec, REC_FN);
    if (fn == 0 || fn == NO_CODE) return;
    const base = decodeArea + <u32>k * DECODE_PAGE_STRIDE;
    const p = base + ((<u32>fetchPc & 0xfff) << SLOT_SHIFT);
    if ((load<u8>(p, SLOT_MARK) & MARK_ENTRY) == 0) return;
    curBase = base;
    curPcBase = fetchPc & ~<u64>0xfff;
    curP = p;
    pageWasm = wayWasm(<u32>k);
    runRegion(fn, budget);
  }
}

function noteMiss(k: u32, mark: u32): void {
  const rec = recordOf(k);
  countJitMiss();
  if (load<u32>(rec, REC_BUILDS) >= buildLimit) {
    // No more builds of this page: this entry stays the interpreter's.
    store<u8>(curP, <u8>MARK_NO_ENTRY, SLOT_MARK);
    return;
  }
  store<u8>(curP, <u8>(mark | MARK_WANTED), SLOT_MARK);
  let misses = load<u32>(rec, REC_MISSES);
  // Misses that come slowly start counting again; the entries they wanted
  // stay marked for the next build.
  if (misses == 0 || tooSlow(rec, MISS_WINDOW)) {
    misses = 0;
    store<u32>(rec, now32(), REC_SINCE);
  }
  misses++;
  store<u32>(rec, misses, REC_MISSES);
  if (misses >= missLimit) requestBuild(k);
}

/** One more short call from the entry at slot `entry`; enough of them
 *  and the interpreter runs from there (jit/places.ts MARK_SHORT). */
function shortCall(entry: u32, mark: u32): void {
  if ((mark & MARK_LOOP) != 0) return;
  mark += MARK_SHORT;
  if ((mark & SHORT_MASK) < MARK_SHORT * SHORT_LIMIT) { store<u8>(entry, <u8>mark, SLOT_MARK); return; }
  store<u8>(entry, <u8>MARK_NO_ENTRY, SLOT_MARK);
  countJitDemoted();
}

function runRegion(fn: u32, budget: u32): u32 {
  const b = hartBlock;
  store<u64>(b + OFF_JIT_TAG, tlbTag);
  store<u32>(b + OFF_JIT_SALT, tlbSalt);
  store<u64>(b + OFF_JIT_MASK, takeableMask());
  store<u64>(b + OFF_JIT_MIPL, mipLocal);
  store<u32>(b + OFF_JIT_EPOCH, codeEpoch);
  const used = curN + trapsTaken;
  const left = budget > used ? budget - used : 1;
  const entry = curP;
  const n = call_indirect<u32>(fn, (curP - curBase) >> SLOT_SHIFT, left, curPcBase);
  const mark = <u32>load<u8>(entry, SLOT_MARK);
  if (n < minRun) shortCall(entry, mark);
  else if ((mark & SHORT_MASK) != 0) store<u8>(entry, <u8>(mark - MARK_SHORT), SLOT_MARK);
  curN += n;
  store<u64>(b + OFF_JIT_RETIRED, load<u64>(b + OFF_JIT_RETIRED) + <u64>n);
  const npc = load<u64>(b + OFF_JIT_NPC);
  if ((npc & 1) != 0) {
    curP = curBase + ((<u32>npc & 0xffe) << SLOT_SHIFT);
    const op = <u32>load<u8>(curP);
    countJitCall(op >= <u32>Op.LB && op <= <u32>Op.SD ? JIT_EXIT_MEM : JIT_EXIT_INTERP);
    countJitExitKind(op);
  } else {
    // A jump out of compiled code stays in the page only where a back edge
    // had to stop.
    countJitCall((npc & ~<u64>0xfff) == curPcBase ? JIT_EXIT_STOP : JIT_EXIT_JUMP);
    jumpVia(npc);
  }
  return n;
}

/** For the host, after STOP_JIT: emit the module for the page asked for
 *  into this hart's JIT area; returns its size, 0 if there is nothing to
 *  compile (the page changed since, or the module did not fit). With
 *  `withBase`, the region includes the one at jitBase() (jit/region.ts).
 *  The region it found is left at jitMarks(). */
export function jitTranslate(withBase: u32): u32 {
  if (!requestStands()) return 0;
  const rec = recordOf(reqWay);
  noteBuild(rec);
  countJitBuild();
  const slots = decodeArea + reqWay * DECODE_PAGE_STRIDE;
  // Slots the translator decodes itself have not met GDB's breakpoints.
  const decodes = !anyBreakpoints();
  const all = mode == JIT_EAGER && decodes;
  if (!all && load<u8>(slots + (reqEntry << SLOT_SHIFT)) == <u8>Op.DECODE) {
    // The entry has not run yet: nothing to start from; look again later.
    countAgain(rec);
    return 0;
  }
  const base = withBase != 0 && decodes ? jitBase() : 0;
  const size = buildModule(slots, wayWasm(reqWay), reqEntry, jitArea(), all, decodes, base);
  if (size == 0 && load<u32>(rec, REC_FN) == 0) store<u32>(rec, NO_CODE, REC_FN);
  return size;
}

export function jitArea(): u32 { return JIT_AREA + hartId * JIT_AREA_STRIDE; }

/** For the host: the region (marks table) of the last translation, and
 *  where to put another build's region before jitTranslate(1) or jitAdopt. */
export function jitMarks(): u32 { return jitArea() + OFF_MARKS; }
export function jitBase(): u32 { return jitArea() + OFF_BASE; }

/** For the host: the physical page asked for (its number + 1, or 0 when
 *  the request no longer stands) and the generation it was decoded at.
 *  Every hart that decoded the page at that generation decoded the same
 *  bytes, so a function built for it by one hart serves them all. */
export function jitRequestPage(): u32 { return requestStands() ? reqPage : 0; }
export function jitRequestGen(): u32 { return reqGen; }

/** For the host, after STOP_JIT, instead of translating: the page's
 *  function is the one at table index `fn`, which another hart built from
 *  the region now at jitBase() for the same page and generation. Returns 0
 *  (nothing changed) when that does not do: the request no longer stands,
 *  GDB breakpoints are set (the translator decodes no slot then), or the
 *  region cannot be entered where this hart asked. */
export function jitAdopt(fn: u32): u32 {
  const base = jitBase();
  if (!requestStands() || anyBreakpoints()) return 0;
  if ((markAt(base, reqEntry) & (MARK_VISIT | MARK_LEADER)) != (MARK_VISIT | MARK_LEADER)) return 0;
  const slots = decodeArea + reqWay * DECODE_PAGE_STRIDE;
  const page = wayWasm(reqWay);
  // Entries are marked by what their slot holds: decode those this hart
  // has not run (decoding is a pure function of the page's bytes).
  for (let off: u32 = 0; off < 0x1000; off += 2) {
    const p = slots + (off << SLOT_SHIFT);
    if ((markAt(base, off) & MARK_LEADER) != 0 && slotOp(p) == Op.DECODE) decodeSlot(p, slots, page);
  }
  markEntries(slots, base);
  const rec = recordOf(reqWay);
  noteBuild(rec);
  install(rec, fn);
  return 1;
}

/** For the host: the function for the last translation is at table index
 *  `fn`. */
export function jitInstall(fn: u32): void {
  if (requestStands()) install(recordOf(reqWay), fn);
}

/** The page in record `rec` is built once more (translated here or taken
 *  from another hart): its misses count from zero again. */
function noteBuild(rec: u32): void {
  store<u32>(rec, load<u32>(rec, REC_BUILDS) + 1, REC_BUILDS);
  store<u32>(rec, 0, REC_MISSES);
}

/** The page in record `rec` runs function `fn` from its next block end. */
function install(rec: u32, fn: u32): void {
  store<u32>(rec, fn, REC_FN);
  store<i32>(rec, 0, REC_HOT);
}

export function jitRetired(): f64 { return <f64>load<u64>(hartBlock + OFF_JIT_RETIRED); }
