// The shape of a compiled region's function, and the ways out of it.
//
//   (func (param $entry i32) (param $budget i32) (param $pcBase i64) (result i32)
//     prologue: guest registers and the copied hart state into locals
//     block $out
//       loop $loop
//         block $case[m-1] ... block $case[0] block $bad
//           br_table on ($entry - first leader) / 2          ;; page offset -> case
//         end  exit: not an entry
//         end $case[0]  code from leader 0 ... (falls into leader 1)
//         ...
//         end $case[m-1]  code from leader m-1 ...
//       end
//     end
//     epilogue: registers back, exit pc, return instructions retired)
//
// A jump forward inside the page is a `br` to its leader's case; a jump
// backward (or through a register) sets $entry and goes round $loop, after
// the budget, interrupt and code-epoch checks. Every exit sets $npc and $n
// and leaves by `br $out`, so registers are written back in one place.
//
// Instructions retired are counted statically: `pending` holds those on the
// current straight path not yet added to $n, so an exit before instruction
// k of a path reports exactly the k before it.

import * as W from "./wasm";
import { HS_EXT_IP } from "../../build/gen/platform";
import { CODE_EPOCH_ADDR } from "../hart/layout";
import { SKIPS_MAX } from "./places";

// Parameters.
export const L_ENTRY: u32 = 0;
export const L_BUDGET: u32 = 1;
export const L_PCBASE: u32 = 2;
// i32 locals.
export const L_HART: u32 = 3;
export const L_N: u32 = 4;
export const L_E: u32 = 5;
export const L_EPOCH: u32 = 6;
export const L_MSIP: u32 = 7;
export const L_A32: u32 = 8;
export const L_B32: u32 = 9;
export const I32_LOCALS: u32 = 7;
// i64 locals.
export const L_NPC: u32 = 10;
export const L_VA: u32 = 11;
export const L_TAG: u32 = 12;
export const L_MASK: u32 = 13;
export const L_MIPL: u32 = 14;
export const L_TA: u32 = 15;
export const L_TB: u32 = 16;
/** Guest register xi (1..31) lives in local L_X0 + i. */
export const L_X0: u32 = 16;
// More i64 temporaries, after the registers.
export const L_TC: u32 = 48;
export const L_TD: u32 = 49;
export const I64_LOCALS: u32 = 7 + 31 + 2;
// A last i32 local, after the i64 ones: $n at which back edges next look
// at the budget, interrupts and the code epoch.
export const L_LIMIT: u32 = 50;
/** The TLB context's salt (mmu/tlb.ts tlbEntry). */
export const L_SALT: u32 = 51;
export const LAST_I32_LOCALS: u32 = 2;
/** Instructions between those looks: an interrupt waits at most this many
 *  (and one straight path) longer than at a block end of the interpreter. */
const CHECK_EVERY: i32 = 256;

/** Exit kinds, in bit 0 of the exit pc (pcs are even). */
export const EXIT_JUMP: u32 = 0;
export const EXIT_INTERP: u32 = 1;

/** Number of cases, the case whose code is being emitted (-1 before the
 *  first), `if`s opened inside it, and instructions not yet in $n. */
export let cases: i32 = 0;
export let current: i32 = -1;
export let nest: u32 = 0;
export let pending: u32 = 0;

/** The page offset of the current case's leader, and the nesting inside
 *  the `loop` wrapped round its code when a jump in it goes back to it
 *  (0: none). Such a jump is a `br` to that loop, not a round through the
 *  br_table. */
let leader: u32 = 0;
let selfLoop: u32 = 0;

// Skip blocks: a short forward branch whose target has no case is
// `block ... br_if 0 ... end` round the instructions it skips. They nest;
// the stack holds where each ends.
let skips: u32 = 0;
let skipDepth: u32 = 0;

export function startFrame(m: i32, skipStack: u32): void {
  cases = m;
  current = -1;
  nest = 0;
  pending = 0;
  selfLoop = 0;
  skips = skipStack;
  skipDepth = 0;
}

/** Whether a skip block may end at `target`: inside every open one. */
export function canSkipTo(target: u32): bool {
  return skipDepth < SKIPS_MAX && (skipDepth == 0 || target <= load<u32>(skips + ((skipDepth - 1) << 2)));
}

/** Open a skip block ending at `target`; the branch's condition follows. */
export function openSkip(target: u32): void {
  W.op(W.BLOCK); W.byte(W.T_VOID); nest++;
  store<u32>(skips + (skipDepth << 2), target);
  skipDepth++;
}

/** Close the skip blocks that end at `off`; whether any did (control
 *  arrives there by their branches). */
export function closeSkips(off: u32): bool {
  let closed = false;
  while (skipDepth > 0 && load<u32>(skips + ((skipDepth - 1) << 2)) == off) {
    flush();
    W.op(W.END);
    nest--;
    skipDepth--;
    closed = true;
  }
  return closed;
}

/** Start the code of the next case, at page offset `off`; `loops`: some
 *  jump in it goes back to `off`. */
export function nextCase(off: u32, loops: bool): void {
  current++;
  pending = 0;
  leader = off;
  if (loops) { W.op(W.LOOP); W.byte(W.T_VOID); nest++; selfLoop = nest; }
}

/** End the current case's code (before the next leader, or the end). */
export function endCase(): void {
  if (selfLoop == 0) return;
  W.op(W.END);
  nest--;
  selfLoop = 0;
}

export function depthCase(k: i32): u32 { return <u32>(k - current - 1) + nest; }
export function depthLoop(): u32 { return <u32>(cases - 1 - current) + nest; }
export function depthOut(): u32 { return <u32>(cases - current) + nest; }

export function openIf(): void { W.op(W.IF); W.byte(W.T_VOID); nest++; }
export function closeIf(): void { W.op(W.END); nest--; }

export function addToN(k: u32): void {
  if (k == 0) return;
  W.get(L_N); W.i32c(<i32>k); W.op(W.I32_ADD); W.set(L_N);
}

/** Add the pending instructions to $n (before a jump or a leader). */
export function flush(): void {
  addToN(pending);
  pending = 0;
}

/** Leave at page offset `off` (an i64, may lie outside the page) with the
 *  pending instructions retired. */
export function exitAt(off: i64, kind: u32): void {
  addToN(pending);
  W.get(L_PCBASE); W.i64c(off | <i64>kind); W.op(W.I64_ADD); W.set(L_NPC);
  W.br(depthOut());
}

/** Leave at the pc in $ta (a jump's target). */
export function exitToTa(): void {
  addToN(pending);
  W.get(L_TA); W.set(L_NPC);
  W.br(depthOut());
}

/** Whether the region must stop before a back edge: budget used up, an
 *  interrupt that would be taken, or a hart marked a page decoded (this
 *  hart's store TLB must go). Leaves an i32 condition. */
function mustStop(): void {
  W.get(L_N); W.get(L_BUDGET); W.op(W.I32_GE_U);
  interruptDue();
  W.op(W.I32_OR);
  W.i32c(<i32>CODE_EPOCH_ADDR); W.byte(W.ATOMIC_PREFIX); W.u32leb(W.I32_ATOMIC_LOAD); W.u32leb(2); W.u32leb(0);
  W.get(L_EPOCH); W.op(W.I32_NE);
  W.op(W.I32_OR);
}

/** Whether an interrupt is pending that $mask lets in (what the
 *  interpreter's block end would take): leaves an i32 condition. */
export function interruptDue(): void {
  W.get(L_HART); W.mem(W.I32_LOAD, 2, <u32>HS_EXT_IP);
  W.get(L_MSIP); W.mem(W.I32_LOAD, 2, 0);
  W.i32c(1); W.op(W.I32_AND); W.i32c(3); W.op(W.I32_SHL); // msip is MSIP, bit 3
  W.op(W.I32_OR); W.op(W.I64_EXTEND_I32_U);
  W.get(L_MIPL); W.op(W.I64_OR); W.get(L_MASK); W.op(W.I64_AND);
  W.i64c(0); W.op(W.I64_NE);
}

/** Every CHECK_EVERY instructions, at a back edge: stop if mustStop, else
 *  set the next limit (never past the budget). Then `exit` leaves at the
 *  back edge's target. */
function checkSometimes(target: u32, toTa: bool): void {
  W.get(L_N); W.get(L_LIMIT); W.op(W.I32_GE_U);
  openIf();
  mustStop();
  openIf();
  if (toTa) exitToTa(); else exitAt(<i64>target, EXIT_JUMP);
  closeIf();
  W.get(L_N); W.i32c(CHECK_EVERY); W.op(W.I32_ADD); W.tee(L_A32);
  W.get(L_BUDGET);
  W.get(L_A32); W.get(L_BUDGET); W.op(W.I32_LT_U);
  W.op(W.SELECT);
  W.set(L_LIMIT);
  closeIf();
}

/** A jump backward to page offset `target`: checks, then round the loop.
 *  The pending instructions must have been flushed. */
export function backEdge(target: u32): void {
  checkSometimes(target, false);
  if (selfLoop != 0 && target == leader) { W.br(nest - selfLoop); return; }
  W.i32c(<i32>target); W.set(L_ENTRY);
  W.br(depthLoop());
}

/** The same for the in-page target held in $ta. */
export function backEdgeTa(): void {
  checkSometimes(0, true);
  W.get(L_TA); W.op(W.I32_WRAP_I64); W.i32c(0xfff); W.op(W.I32_AND); W.set(L_ENTRY);
  W.br(depthLoop());
}
