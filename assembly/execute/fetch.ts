// Entering a code page: find (or make) its decoded page in this hart's
// DECODE region, and decode slots lazily as the loop first reaches them.
//
// A decoded page is keyed by guest physical page and stamped with the page's
// PAGEGEN word. The cache is two-way set associative: a page may sit in
// either way of its set, and a new page replaces the way entered less
// recently (each set keeps the way entered last, the fast loop included).
// The stamp is the page's PAGEGEN word; a different word means someone wrote the page, so it is
// decoded afresh. Marking a page decoded sets PAGEGEN_DECODED and bumps the
// machine-wide code epoch, which makes every hart drop its store TLB: from
// then on stores to the page take the slow path, which bumps the generation.

import { Op, pack, writeSlot } from "../decode/ops";
import { decode32, decodedImm } from "../decode/decode32";
import { decode16 } from "../decode/decode16";
import { decodeHeaders, decodeMru, decodeArea, scratchSlot, tlbFetch } from "../hart/state";
import { tlbKey, tlbEntry } from "../mmu/tlb";
import { jitPageReset } from "../jit/enter";
import { GUEST_RAM, PAGEGEN, PAGEGEN_DECODED, CODE_EPOCH_ADDR, DECODE_SETS, DECODE_WAYS_SHIFT,
  DECODE_PAGE_STRIDE, SLOTS_BYTES, SLOT_SHIFT } from "../hart/layout";
import { countDecodedPage } from "../hart/counters";
import { fetchPageAddr, fetchWholePage } from "../mmu/access";
import { NO_ADDR } from "../mmu/sv39";
import { tlbFlushStore } from "../mmu/tlb";

/** The page the loop runs in: its decoded slots, va and wasm address. */
export let pageSlots: u32 = 0;
export let pageVa: u64 = 0;
export let pageWasm: u32 = 0;

/** Make va's page current; false after raising a fetch fault. A page that a
 *  PMP boundary cuts is not entered (fetchWholePage is false): the caller
 *  runs the instruction at va alone, checked as fetchRaw checks it. */
export function enterPage(va: u64): bool {
  const at = fetchPageAddr(va);
  if (at == NO_ADDR) return false;
  if (!fetchWholePage) return true;
  const wasm = <u32>at;
  const page = (wasm - GUEST_RAM) >> 12;
  const set = page & (DECODE_SETS - 1);
  const k = wayFor(page, set);
  const header = decodeHeaders + (k << 3);
  const slots = decodeArea + k * DECODE_PAGE_STRIDE;
  const genAddr = PAGEGEN + (page << 2);
  const gen = atomic.load<u32>(genAddr);
  const held = load<u32>(header);
  if (held != page + 1 || load<u32>(header, 4) != gen) {
    countDecodedPage(held != 0 && held != page + 1, held == page + 1);
    const marked = markDecoded(genAddr, gen);
    clearSlots(slots);
    store<u32>(header, page + 1);
    store<u32>(header, marked, 4);
    jitPageReset(k);
  }
  store<u8>(decodeMru + set, <u8>(k & 1));
  pageSlots = slots;
  pageVa = va & ~<u64>0xfff;
  pageWasm = wasm;
  return true;
}

/** The page slot (0..DECODE_PAGES-1) holding va's page when the fetch TLB
 *  maps va and the page's decoded slots are current (its PAGEGEN word
 *  unchanged), made the set's last entered way; else -1. The fast way into
 *  a page (TLB context `tag`, `salt`), for the fast loop and the JIT. */
@inline export function currentWay(va: u64, tag: u64, salt: u32): i32 {
  const e = tlbEntry(tlbFetch, va, salt);
  if (load<u64>(e) != tlbKey(va, tag)) return -1;
  const pg = (<u32>(va + load<u64>(e, 8)) - GUEST_RAM) >> 12;
  const set = pg & (DECODE_SETS - 1);
  let k = set << DECODE_WAYS_SHIFT;
  let header = decodeHeaders + (k << 3);
  if (load<u32>(header) != pg + 1) { k++; header += 8; }
  if (load<u32>(header) != pg + 1 || load<u32>(header, 4) != atomic.load<u32>(PAGEGEN + (pg << 2))) return -1;
  store<u8>(decodeMru + set, <u8>(k & 1));
  return <i32>k;
}

/** The wasm address of the page held in page slot k. */
@inline export function wayWasm(k: u32): u32 {
  return GUEST_RAM + ((load<u32>(decodeHeaders + (k << 3)) - 1) << 12);
}

/** The page slot that holds `page` in its set, or else the one to reuse. */
function wayFor(page: u32, set: u32): u32 {
  const first = set << DECODE_WAYS_SHIFT;
  if (load<u32>(decodeHeaders + (first << 3)) == page + 1) return first;
  if (load<u32>(decodeHeaders + ((first + 1) << 3)) == page + 1) return first + 1;
  return first + (<u32>load<u8>(decodeMru + set) ^ 1);
}

/** Make every slot of a page slot area read "not decoded yet". An area
 *  never used is still all zeros, as the memory was created: leaving it
 *  alone keeps host memory untouched except where code is decoded. A word
 *  past the PAGE_END sentinel (in the stride's unused part, which nothing
 *  else writes, and which survives a machine reset) says the area was used. */
function clearSlots(slots: u32): void {
  const used = slots + SLOTS_BYTES + 16;
  if (load<u32>(used) != 0) memory.fill(slots, 0, SLOTS_BYTES);
  else store<u32>(used, 1);
  writeSlot(slots + SLOTS_BYTES, pack(Op.PAGE_END, 0, 0, 0, 0), 0);
}

function markDecoded(genAddr: u32, gen: u32): u32 {
  while (true) {
    if ((gen & PAGEGEN_DECODED) != 0) return gen;
    const seen = atomic.cmpxchg<u32>(genAddr, gen, gen | PAGEGEN_DECODED);
    if (seen == gen) {
      atomic.add<u32>(CODE_EPOCH_ADDR, 1);
      tlbFlushStore();
      return gen | PAGEGEN_DECODED;
    }
    gen = seen;
  }
}

/** Decode the instruction that slot `p` of the page with first slot `slots`
 *  and wasm address `wasmPage` stands for. */
export function decodeSlot(p: u32, slots: u32, wasmPage: u32): void {
  const off = (p - slots) >> SLOT_SHIFT;
  const low = <u32>load<u16>(wasmPage + off);
  let w: u32;
  if ((low & 3) != 3) {
    w = decode16(low, <i32>off);
  } else if (off == 0xffe) {
    w = pack(Op.STRADDLE, 0, 0, 0, 4);
  } else {
    w = decode32(load<u32>(wasmPage + off), <i32>off);
  }
  writeSlot(p, w, decodedImm);
}

/** The raw instruction at va (which may cross into the next page), or
 *  NO_ADDR after raising a fetch fault. */
export function fetchRaw(va: u64): u64 {
  const first = fetchPageAddr(va);
  if (first == NO_ADDR) return NO_ADDR;
  const off = <u32>va & 0xfff;
  const low = <u32>load<u16>(<u32>first + off);
  if ((low & 3) != 3) return low;
  if (off != 0xffe) {
    // In a page that PMP cuts, the second parcel is checked on its own.
    if (!fetchWholePage && fetchPageAddr(va + 2) == NO_ADDR) return NO_ADDR;
    return <u64>load<u32>(<u32>first + off);
  }
  const next = fetchPageAddr((va & ~<u64>0xfff) + 0x1000);
  if (next == NO_ADDR) return NO_ADDR;
  return <u64>(low | (<u32>load<u16>(<u32>next) << 16));
}

/** Decode `raw` into the scratch slot, followed by `after` (PAGE_END for a
 *  straddling instruction, STOP for a traced one). Near jumps are not used
 *  there: the scratch slot is not in a page. */
export function decodeScratch(raw: u32, after: u32): void {
  const w = (raw & 3) == 3 ? decode32(raw, -1) : decode16(raw, -1);
  writeSlot(scratchSlot, w, decodedImm);
  const end = pack(after, 0, 0, 0, 0);
  writeSlot(scratchSlot + (2 << SLOT_SHIFT), end, 0);
  writeSlot(scratchSlot + (4 << SLOT_SHIFT), end, 0);
}
