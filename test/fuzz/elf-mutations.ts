// Ways to damage an ELF file for the loader fuzzer: bit flips, truncation,
// hostile ELF header fields, and program headers whose sizes and addresses
// are huge, wrap around or overlap another segment's.
import { type Random, setField } from './random.js';

const E_ENTRY = 24, E_PHOFF = 32, E_SHOFF = 40, E_PHENTSIZE = 54, E_PHNUM = 56, E_SHENTSIZE = 58, E_SHNUM = 60;
const P_OFFSET = 8, P_VADDR = 16, P_PADDR = 24, P_FILESZ = 32, P_MEMSZ = 40;
const PHDR = 56;
const RAM_BASE = 0x8000_0000n;

function u64(b: Uint8Array, at: number): bigint {
  return at + 8 <= b.length ? new DataView(b.buffer, b.byteOffset).getBigUint64(at, true) : 0n;
}

function u16(b: Uint8Array, at: number): number {
  return at + 2 <= b.length ? new DataView(b.buffer, b.byteOffset).getUint16(at, true) : 0;
}

/** Offset of program header `i`, or -1 when the header table is out of the file. */
function phdr(b: Uint8Array, i: number): number {
  const at = Number(u64(b, E_PHOFF)) + i * u16(b, E_PHENTSIZE);
  return at + PHDR <= b.length ? at : -1;
}

type Mutation = (b: Uint8Array, r: Random) => Uint8Array;

const ELF_MUTATIONS: Record<string, Mutation> = {
  'bit flips': (b, r) => { r.flipBits(b, 1 + r.below(16)); return b; },
  'header bit flips': (b, r) => { r.flipBits(b, 1 + r.below(4), 0, 64); return b; },
  truncation: (b, r) => b.subarray(0, r.below(b.length)),
  'header field': (b, r) => {
    const [at, bits] = r.pick([[E_ENTRY, 64], [E_PHOFF, 64], [E_SHOFF, 64], [E_PHENTSIZE, 16], [E_PHNUM, 16],
      [E_SHENTSIZE, 16], [E_SHNUM, 16]] as const);
    setField(b, at, bits, r.hostile(bits));
    return b;
  },
  'segment field': (b, r) => {
    const p = phdr(b, r.below(Math.max(1, u16(b, E_PHNUM))));
    if (p < 0) return b;
    const at = r.pick([P_OFFSET, P_VADDR, P_PADDR, P_FILESZ, P_MEMSZ]);
    setField(b, p + at, 64, r.hostile(64));
    return b;
  },
  'segment near the end of RAM or of the address space': (b, r) => {
    const p = phdr(b, 0);
    if (p < 0) return b;
    const top = r.pick([RAM_BASE + 128n * 1024n * 1024n, 1n << 53n, 1n << 64n]);
    setField(b, p + P_PADDR, 64, (top - BigInt(r.below(8192))) & ((1n << 64n) - 1n));
    setField(b, p + P_MEMSZ, 64, BigInt(r.below(1 << 20)) + u64(b, p + P_FILESZ));
    return b;
  },
  'overlapping segments': (b, r) => {
    const n = u16(b, E_PHNUM);
    const p = phdr(b, 0), q = phdr(b, n > 1 ? 1 + r.below(n - 1) : 0);
    if (p < 0 || q < 0) return b;
    setField(b, q + P_PADDR, 64, u64(b, p + P_PADDR) + BigInt(r.below(64)));
    setField(b, q + P_MEMSZ, 64, u64(b, q + P_MEMSZ) + BigInt(r.below(1 << 24)));
    return b;
  },
  'file size beyond memory size': (b, r) => {
    const p = phdr(b, 0);
    if (p < 0) return b;
    setField(b, p + P_FILESZ, 64, u64(b, p + P_MEMSZ) + 1n + BigInt(r.below(100)));
    return b;
  },
};

/** A damaged copy of `base` and the names of what was done to it. */
export function mutateElf(base: Uint8Array, r: Random): { bytes: Uint8Array; what: string } {
  let bytes: Uint8Array = Uint8Array.from(base);
  const names = Object.keys(ELF_MUTATIONS);
  const done: string[] = [];
  for (let k = 0, n = 1 + r.below(3); k < n; k++) {
    const name = r.pick(names);
    bytes = ELF_MUTATIONS[name](bytes, r);
    done.push(name);
  }
  return { bytes, what: done.join(', ') };
}
