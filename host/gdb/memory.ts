// GDB's memory reads and writes: virtual addresses through the current
// hart's MMU (mmu.ts), or physical ones after `monitor phys on`. Only guest
// RAM is reachable: a device register read could change the device's state.
import type { MemoryViews } from '../machine/memory.js';
import { PAGE, translate } from './mmu.js';

/** Where each page-sized piece of [addr, addr + len) lives; stops at the
 *  first piece outside RAM or unmapped. */
function pieces(views: MemoryViews, h: number, physical: boolean, addr: bigint, len: number): { at: number; pa: number; n: number }[] {
  const out: { at: number; pa: number; n: number }[] = [];
  let done = 0;
  while (done < len) {
    const va = addr + BigInt(done);
    const n = Math.min(len - done, Number(PAGE - (va % PAGE)));
    const pa = physical ? va : translate(views, h, va);
    if (pa === null || pa > BigInt(Number.MAX_SAFE_INTEGER)) break;
    const at = views.ramOffset(Number(pa), n);
    if (at < 0) break;
    out.push({ at, pa: Number(pa), n });
    done += n;
  }
  return out;
}

/** Up to len bytes from addr: fewer when the range runs into something
 *  unreadable (empty: nothing at addr). */
export function readMemory(views: MemoryViews, h: number, physical: boolean, addr: bigint, len: number): Uint8Array {
  const parts = pieces(views, h, physical, addr, len);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.n, 0));
  let o = 0;
  for (const p of parts) {
    out.set(views.u8.subarray(p.at, p.at + p.n), o);
    o += p.n;
  }
  return out;
}

/** Writes all of data at addr, or nothing (false) if any byte is unwritable.
 *  Through writeGuest, so a hart that decoded the code there decodes again. */
export function writeMemory(views: MemoryViews, h: number, physical: boolean, addr: bigint, data: Uint8Array): boolean {
  const parts = pieces(views, h, physical, addr, data.length);
  if (parts.reduce((n, p) => n + p.n, 0) !== data.length) return false;
  let o = 0;
  for (const p of parts) {
    views.writeGuest(p.pa, data.subarray(o, o + p.n));
    o += p.n;
  }
  return true;
}
