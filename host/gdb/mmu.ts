// Guest virtual addresses as a held hart sees them, walked on the host from
// its saved satp and privilege (MPRV is ignored: a debugger looks at what
// the hart's own code addresses). Read-only: the walk neither sets A/D nor
// checks permissions, as QEMU's gdbstub reads whatever is mapped.
import type { MemoryViews } from '../machine/memory.js';
import { hartsave } from '../platform.js';

const PTE_V = 1n;
const PTE_R = 2n;
const PTE_W = 4n;
const PTE_X = 8n;
const PTE_U = 16n;
const PPN_MASK = (1n << 44n) - 1n;
const SV39 = 8n;
export const PAGE = 4096n;

/** The root page table's physical address, or null when the hart translates
 *  nothing (M-mode, or satp's mode Bare). */
export function rootTable(views: MemoryViews, h: number): bigint | null {
  const priv = views.hartBigU64(h, hartsave.HSV_PRIV);
  const satp = views.hartBigU64(h, hartsave.HSV_SATP);
  if (priv === 3n || satp >> 60n !== SV39) return null;
  return (satp & PPN_MASK) << 12n;
}

/** A u64 of guest RAM, or null outside it. */
export function readPhys64(views: MemoryViews, pa: bigint): bigint | null {
  if (pa < 0n || pa > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const at = views.ramOffset(Number(pa), 8);
  if (at < 0 || at % 8 !== 0) return null;
  return views.u64[at >> 3];
}

/** The physical address of va under the root table, or null if unmapped. */
export function walk(views: MemoryViews, root: bigint, va: bigint): bigint | null {
  if (BigInt.asIntN(39, va) !== BigInt.asIntN(64, va)) return null;
  let table = root;
  for (let level = 2n; level >= 0n; level--) {
    const pte = readPhys64(views, table + ((va >> (12n + 9n * level)) & 511n) * 8n);
    if (pte === null || (pte & PTE_V) === 0n || (pte & (PTE_R | PTE_W)) === PTE_W) return null;
    const ppn = (pte >> 10n) & PPN_MASK;
    if ((pte & (PTE_R | PTE_X)) === 0n) {
      table = ppn << 12n;
      continue;
    }
    const bits = 12n + 9n * level;
    return ((ppn << 12n) & ~((1n << bits) - 1n)) | (va & ((1n << bits) - 1n));
  }
  return null;
}

/** va through hart h's MMU (null: unmapped). */
export function translate(views: MemoryViews, h: number, va: bigint): bigint | null {
  const root = rootTable(views, h);
  return root === null ? BigInt.asUintN(64, va) : walk(views, root, va);
}

/** One leaf mapping of a page table. */
export interface Mapping {
  va: bigint;
  pa: bigint;
  size: bigint;
  /** "rwxu" with '-' for what is missing, as QEMU's `info mem`. */
  perms: string;
}

function permsOf(pte: bigint): string {
  return ((pte & PTE_R) ? 'r' : '-') + ((pte & PTE_W) ? 'w' : '-') + ((pte & PTE_X) ? 'x' : '-') + ((pte & PTE_U) ? 'u' : '-');
}

/** Every leaf of the table at root, by ascending (sign-extended) va. */
export function mappings(views: MemoryViews, root: bigint): Mapping[] {
  const out: Mapping[] = [];
  const visit = (table: bigint, level: bigint, vaBase: bigint) => {
    for (let i = 0n; i < 512n; i++) {
      const pte = readPhys64(views, table + i * 8n);
      if (pte === null || (pte & PTE_V) === 0n) continue;
      const va = vaBase | (i << (12n + 9n * level));
      const ppn = (pte >> 10n) & PPN_MASK;
      if ((pte & (PTE_R | PTE_X)) === 0n) {
        if (level > 0n) visit(ppn << 12n, level - 1n, va);
        continue;
      }
      out.push({ va: BigInt.asUintN(64, BigInt.asIntN(39, va)), pa: ppn << 12n, size: 1n << (12n + 9n * level), perms: permsOf(pte) });
    }
  };
  visit(root, 2n, 0n);
  return out.sort((a, b) => (a.va < b.va ? -1 : a.va > b.va ? 1 : 0));
}

/** Runs of mappings contiguous in both va and pa with the same permissions. */
export function coalesce(maps: Mapping[]): Mapping[] {
  const out: Mapping[] = [];
  for (const m of maps) {
    const last = out[out.length - 1];
    if (last && last.va + last.size === m.va && last.pa + last.size === m.pa && last.perms === m.perms) last.size += m.size;
    else out.push({ ...m });
  }
  return out;
}
