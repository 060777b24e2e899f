// Event counters for --stats: what the interpreter had to redo. Kept in
// globals while running and published to the hart block (HS_STAT_*) when a
// run ends, so counting costs an add and the host reads them at any time.

import { HS_STAT_WALKS, HS_STAT_CONTEXTS, HS_STAT_DECODED_PAGES, HS_STAT_DECODE_EVICTIONS,
  HS_STAT_DECODE_REWRITES } from "../../build/gen/platform";

let walks: u64 = 0;
let contexts: u64 = 0;
let decodedPages: u64 = 0;
let decodeEvictions: u64 = 0;
let decodeRewrites: u64 = 0;

@inline export function countWalk(): void { walks++; }
@inline export function countContext(): void { contexts++; }
/** A page decoded afresh; `evicted` another page of its set went, `rewritten`
 *  the same page had been decoded before it was written. */
@inline export function countDecodedPage(evicted: bool, rewritten: bool): void {
  decodedPages++;
  if (evicted) decodeEvictions++;
  if (rewritten) decodeRewrites++;
}

export function resetCounters(): void {
  walks = 0;
  contexts = 0;
  decodedPages = 0;
  decodeEvictions = 0;
  decodeRewrites = 0;
}

export function publishCounters(block: u32): void {
  store<u64>(block + <u32>HS_STAT_WALKS, walks);
  store<u64>(block + <u32>HS_STAT_CONTEXTS, contexts);
  store<u64>(block + <u32>HS_STAT_DECODED_PAGES, decodedPages);
  store<u64>(block + <u32>HS_STAT_DECODE_EVICTIONS, decodeEvictions);
  store<u64>(block + <u32>HS_STAT_DECODE_REWRITES, decodeRewrites);
}
