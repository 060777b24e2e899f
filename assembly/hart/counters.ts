// Event counters for --stats: what the interpreter had to redo, and what the
// JIT did. Kept in globals while running and published to the hart block
// (HS_STAT_*) when a run ends, so counting costs an add and the host reads
// them at any time; the rarer ones (why compiled code left to the
// interpreter, entries given back) are counted in the block itself.

import { HS_STAT_WALKS, HS_STAT_CONTEXTS, HS_STAT_DECODED_PAGES, HS_STAT_DECODE_EVICTIONS,
  HS_STAT_DECODE_REWRITES, HS_STAT_JIT_CALLS, HS_STAT_JIT_EXIT_MEM, HS_STAT_JIT_EXIT_INTERP, HS_STAT_JIT_EXIT_STOP,
  HS_STAT_JIT_BUILDS, HS_STAT_JIT_MISSES, HS_STAT_JIT_EXIT_CSR, HS_STAT_JIT_EXIT_ATOMIC, HS_STAT_JIT_EXIT_TRAP,
  HS_STAT_JIT_DEMOTED } from "../../build/gen/platform";
import { Op } from "../decode/ops";
import { hartBlock } from "./state";

let walks: u64 = 0;
let contexts: u64 = 0;
let decodedPages: u64 = 0;
let decodeEvictions: u64 = 0;
let decodeRewrites: u64 = 0;
let jitCalls: u64 = 0;
let jitExitMem: u64 = 0;
let jitExitInterp: u64 = 0;
let jitExitStop: u64 = 0;
let jitBuilds: u64 = 0;
let jitMisses: u64 = 0;

@inline export function countWalk(): void { walks++; }
@inline export function countContext(): void { contexts++; }
/** A page decoded afresh; `evicted` another page of its set went, `rewritten`
 *  the same page had been decoded before it was written. */
@inline export function countDecodedPage(evicted: bool, rewritten: bool): void {
  decodedPages++;
  if (evicted) decodeEvictions++;
  if (rewritten) decodeRewrites++;
}

/** How compiled code exited (jit/enter.ts runRegion). */
export const JIT_EXIT_JUMP: u32 = 0;
export const JIT_EXIT_MEM: u32 = 1;
export const JIT_EXIT_INTERP: u32 = 2;
export const JIT_EXIT_STOP: u32 = 3;

@inline export function countJitCall(exit: u32): void {
  jitCalls++;
  if (exit == JIT_EXIT_MEM) jitExitMem++;
  else if (exit == JIT_EXIT_INTERP) jitExitInterp++;
  else if (exit == JIT_EXIT_STOP) jitExitStop++;
}
@inline export function countJitBuild(): void { jitBuilds++; }

@inline function countIn(field: u64): void {
  const a = hartBlock + <u32>field;
  store<u64>(a, load<u64>(a) + 1);
}
export function countJitDemoted(): void { countIn(HS_STAT_JIT_DEMOTED); }

/** Compiled code left the instruction with op `op` to the interpreter:
 *  which kind of instruction it was, besides loads and stores. */
export function countJitExitKind(op: u32): void {
  if (op >= <u32>Op.CSRRW && op <= <u32>Op.CSRRCI) countIn(HS_STAT_JIT_EXIT_CSR);
  else if (op >= <u32>Op.LR_W && op <= <u32>Op.AMOMAXU_D) countIn(HS_STAT_JIT_EXIT_ATOMIC);
  else if (op >= <u32>Op.ECALL && op <= <u32>Op.WFI || op == <u32>Op.ILLEGAL) countIn(HS_STAT_JIT_EXIT_TRAP);
}
@inline export function countJitMiss(): void { jitMisses++; }

export function resetCounters(): void {
  walks = 0;
  contexts = 0;
  decodedPages = 0;
  decodeEvictions = 0;
  decodeRewrites = 0;
  jitCalls = 0;
  jitExitMem = 0;
  jitExitInterp = 0;
  jitExitStop = 0;
  jitBuilds = 0;
  jitMisses = 0;
  memory.fill(hartBlock + <u32>HS_STAT_JIT_EXIT_CSR, 0, <u32>(HS_STAT_JIT_DEMOTED + 8 - HS_STAT_JIT_EXIT_CSR));
}

export function publishCounters(block: u32): void {
  store<u64>(block + <u32>HS_STAT_WALKS, walks);
  store<u64>(block + <u32>HS_STAT_CONTEXTS, contexts);
  store<u64>(block + <u32>HS_STAT_DECODED_PAGES, decodedPages);
  store<u64>(block + <u32>HS_STAT_DECODE_EVICTIONS, decodeEvictions);
  store<u64>(block + <u32>HS_STAT_DECODE_REWRITES, decodeRewrites);
  store<u64>(block + <u32>HS_STAT_JIT_CALLS, jitCalls);
  store<u64>(block + <u32>HS_STAT_JIT_EXIT_MEM, jitExitMem);
  store<u64>(block + <u32>HS_STAT_JIT_EXIT_INTERP, jitExitInterp);
  store<u64>(block + <u32>HS_STAT_JIT_EXIT_STOP, jitExitStop);
  store<u64>(block + <u32>HS_STAT_JIT_BUILDS, jitBuilds);
  store<u64>(block + <u32>HS_STAT_JIT_MISSES, jitMisses);
}
