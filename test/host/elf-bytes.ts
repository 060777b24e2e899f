// Builds small ELF files byte by byte, so the loader's tests control every
// field (and can break each one on purpose).

export interface SegmentSpec {
  paddr: number;
  data: number[];
  memsz?: number;
}

export interface ElfSpec {
  entry: number;
  segments: SegmentSpec[];
  /** name -> address; written as a .symtab with its .strtab. */
  symbols?: Record<string, number>;
}

const EHDR = 64;
const PHDR = 56;
const SHDR = 64;

export function buildElf(spec: ElfSpec): Uint8Array {
  const names = Object.keys(spec.symbols ?? {});
  const strtab = [0];
  const nameOff: number[] = [];
  for (const n of names) {
    nameOff.push(strtab.length);
    strtab.push(...Buffer.from(n, 'latin1'), 0);
  }
  const phoff = EHDR;
  let at = phoff + PHDR * spec.segments.length;
  const dataOff = spec.segments.map((s) => { const o = at; at += s.data.length; return o; });
  const symOff = at;
  const symSize = 24 * (names.length + 1);
  at += symSize;
  const strOff = at;
  at += strtab.length;
  at = (at + 7) & ~7;
  const shoff = at;
  const shnum = names.length ? 3 : 0; // null, .symtab, .strtab
  const total = shoff + SHDR * shnum;

  const b = new Uint8Array(total);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 243, true); // EM_RISCV
  v.setUint32(20, 1, true);
  v.setBigUint64(24, BigInt(spec.entry), true);
  v.setBigUint64(32, BigInt(phoff), true);
  v.setBigUint64(40, BigInt(shnum ? shoff : 0), true);
  v.setUint16(52, EHDR, true);
  v.setUint16(54, PHDR, true);
  v.setUint16(56, spec.segments.length, true);
  v.setUint16(58, SHDR, true);
  v.setUint16(60, shnum, true);
  spec.segments.forEach((s, i) => {
    const p = phoff + i * PHDR;
    v.setUint32(p, 1, true); // PT_LOAD
    v.setUint32(p + 4, 7, true);
    v.setBigUint64(p + 8, BigInt(dataOff[i]), true);
    v.setBigUint64(p + 16, BigInt(s.paddr), true);
    v.setBigUint64(p + 24, BigInt(s.paddr), true);
    v.setBigUint64(p + 32, BigInt(s.data.length), true);
    v.setBigUint64(p + 40, BigInt(s.memsz ?? s.data.length), true);
    b.set(s.data, dataOff[i]);
  });
  names.forEach((n, i) => {
    const y = symOff + 24 * (i + 1);
    v.setUint32(y, nameOff[i], true);
    b[y + 4] = 0x10; // STB_GLOBAL, STT_NOTYPE
    v.setUint16(y + 6, 1, true); // defined (any section index but 0)
    v.setBigUint64(y + 8, BigInt(spec.symbols![n]), true);
  });
  b.set(strtab, strOff);
  if (shnum) {
    const sh = (i: number, type: number, off: number, size: number, link: number) => {
      const s = shoff + i * SHDR;
      v.setUint32(s + 4, type, true);
      v.setBigUint64(s + 24, BigInt(off), true);
      v.setBigUint64(s + 32, BigInt(size), true);
      v.setUint32(s + 40, link, true);
      v.setBigUint64(s + 56, BigInt(type === 2 ? 24 : 0), true);
    };
    sh(1, 2, symOff, symSize, 2); // SHT_SYMTAB, names in section 2
    sh(2, 3, strOff, strtab.length, 0); // SHT_STRTAB
  }
  return b;
}
