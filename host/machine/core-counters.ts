// What a hart's core had to redo, as it publishes in its HS_STAT_* fields
// (assembly/hart/counters.ts): for --stats, to see whether the TLBs and the
// decoded-page cache keep their work.
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
}

export function readCoreCounters(views: MemoryViews, h: number): CoreCounters {
  return {
    walks: views.hartU64(h, hart.HS_STAT_WALKS),
    contexts: views.hartU64(h, hart.HS_STAT_CONTEXTS),
    decodedPages: views.hartU64(h, hart.HS_STAT_DECODED_PAGES),
    decodeEvictions: views.hartU64(h, hart.HS_STAT_DECODE_EVICTIONS),
    decodeRewrites: views.hartU64(h, hart.HS_STAT_DECODE_REWRITES),
  };
}
