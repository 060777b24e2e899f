// What a hart's core had to redo, as it publishes in its HS_STAT_* fields
// (assembly/hart/counters.ts): for --stats, to see whether the TLBs and the
// decoded-page cache keep their work, and how compiled code is left.
import { hart } from '../platform.js';
import type { MemoryViews } from './memory.js';

export interface CoreCounters {
  /** Sv39 page-table walks. */
  walks: number;
  /** TLB context numbers handed out: a translation regime first used, or used again after a fence. */
  contexts: number;
  /** Code pages decoded afresh. */
  decodedPages: number;
  /** Of those, how many replaced another page of their set that was still decoded. */
  decodeEvictions: number;
  /** Of those, how many were the same page again because it had been written. */
  decodeRewrites: number;
  /** Calls into compiled code, and how many of them ended before a load or
   *  store that missed the TLB, before another instruction left to the
   *  interpreter, or at a back edge (budget, interrupt, code epoch); the
   *  rest jumped out of their page. */
  jitCalls: number;
  jitExitMem: number;
  jitExitInterp: number;
  jitExitStop: number;
  /** Pages translated (again, when the interpreter kept arriving at block
   *  starts their code lacked: jitMisses). */
  jitBuilds: number;
  jitMisses: number;
  /** Of jitExitInterp, those before a CSR access, an atomic, and a trap,
   *  xRET or WFI. */
  jitExitCsr: number;
  jitExitAtomic: number;
  jitExitTrap: number;
  /** Entries given back to the interpreter: their calls kept retiring too few instructions. */
  jitDemoted: number;
}

export function readCoreCounters(views: MemoryViews, h: number): CoreCounters {
  return {
    walks: views.hartU64(h, hart.HS_STAT_WALKS),
    contexts: views.hartU64(h, hart.HS_STAT_CONTEXTS),
    decodedPages: views.hartU64(h, hart.HS_STAT_DECODED_PAGES),
    decodeEvictions: views.hartU64(h, hart.HS_STAT_DECODE_EVICTIONS),
    decodeRewrites: views.hartU64(h, hart.HS_STAT_DECODE_REWRITES),
    jitCalls: views.hartU64(h, hart.HS_STAT_JIT_CALLS),
    jitExitMem: views.hartU64(h, hart.HS_STAT_JIT_EXIT_MEM),
    jitExitInterp: views.hartU64(h, hart.HS_STAT_JIT_EXIT_INTERP),
    jitExitStop: views.hartU64(h, hart.HS_STAT_JIT_EXIT_STOP),
    jitBuilds: views.hartU64(h, hart.HS_STAT_JIT_BUILDS),
    jitMisses: views.hartU64(h, hart.HS_STAT_JIT_MISSES),
    jitExitCsr: views.hartU64(h, hart.HS_STAT_JIT_EXIT_CSR),
    jitExitAtomic: views.hartU64(h, hart.HS_STAT_JIT_EXIT_ATOMIC),
    jitExitTrap: views.hartU64(h, hart.HS_STAT_JIT_EXIT_TRAP),
    jitDemoted: views.hartU64(h, hart.HS_STAT_JIT_DEMOTED),
  };
}
