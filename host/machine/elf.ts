// Reads a bare-metal RV64 ELF executable: its PT_LOAD segments (placed at
// their physical addresses, p_paddr, as QEMU's -kernel does), its entry point
// and its symbols (the HTIF `tohost` word is found by name).
//
// Everything a user can get wrong about the file is an ElfError with a short
// reason; the CLI prints it as "xv6-wasm: <file>: <reason>".
import { readFileSync } from 'node:fs';

export class ElfError extends Error {
  /** The file at fault when it is not the command's program (e.g. --bios). */
  constructor(message: string, readonly file?: string) {
    super(message);
  }
}

/** Runs `read` and names `file` (if given) in any ElfError it throws that names none. */
export function blameFile<T>(file: string | undefined, read: () => T): T {
  if (file === undefined) return read();
  try {
    return read();
  } catch (e) {
    if (e instanceof ElfError && e.file === undefined) throw new ElfError(e.message, file);
    throw e;
  }
}

export interface ElfSegment {
  /** Guest physical address of the first byte. */
  paddr: number;
  /** Where its bytes start in the file. */
  offset: number;
  /** Bytes from the file; the rest of memsz is zero. */
  data: Uint8Array;
  memsz: number;
}

export interface ElfImage {
  entry: number;
  segments: ElfSegment[];
  /** End of the ELF header and program header table in the file. */
  headersEnd: number;
  /** The whole file, to tell header and padding bytes from contents. */
  file: Uint8Array;
  /** Defined symbols by name (value = address). */
  symbols: Map<string, number>;
  /** The file's name, for errors that must name it (e.g. firmware's, in a boot named after the kernel). */
  path?: string;
}

const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ET_EXEC = 2;
const EM_RISCV = 243;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const SHDR_SIZE = 64;
const SYM_SIZE = 24;

/** A bounds-checked little-endian reader: any read past the end is "truncated". */
class Reader {
  private view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(offset: number, length: number, what: string): void {
    if (offset < 0 || length < 0 || offset + length > this.bytes.length) {
      throw new ElfError(`truncated ELF file (${what} ends past the end of the file)`);
    }
  }
  u8(o: number): number { return this.view.getUint8(o); }
  u16(o: number): number { return this.view.getUint16(o, true); }
  u32(o: number): number { return this.view.getUint32(o, true); }
  /** 64-bit fields as numbers: exact below 2^53, which covers every address we could load. */
  u64(o: number): number { return Number(this.view.getBigUint64(o, true)); }
}

export function parseElf(bytes: Uint8Array): ElfImage {
  const r = new Reader(bytes);
  if (!looksLikeElf(bytes)) throw new ElfError('not an ELF file');
  r.need(0, EHDR_SIZE, 'ELF header');
  if (r.u8(4) !== ELFCLASS64) throw new ElfError('not a 64-bit ELF file (RV64 needs ELFCLASS64)');
  if (r.u8(5) !== ELFDATA2LSB) throw new ElfError('not a little-endian ELF file');
  const machine = r.u16(18);
  if (machine !== EM_RISCV) throw new ElfError(`not a RISC-V ELF file (e_machine ${machine}, RISC-V is ${EM_RISCV})`);
  const type = r.u16(16);
  if (type !== ET_EXEC) throw new ElfError(`not an executable ELF file (e_type ${type}); link it with a fixed address`);

  const entry = r.u64(24);
  const segments = readSegments(r);
  if (segments.length === 0) throw new ElfError('no loadable (PT_LOAD) segments');
  const headersEnd = Math.max(EHDR_SIZE, r.u64(32) + r.u16(56) * r.u16(54));
  return { entry, segments, symbols: readSymbols(r), headersEnd, file: bytes };
}

function readSegments(r: Reader): ElfSegment[] {
  const phoff = r.u64(32);
  const phentsize = r.u16(54);
  const phnum = r.u16(56);
  if (phnum > 0 && phentsize < PHDR_SIZE) throw new ElfError(`bad program header size ${phentsize}`);
  r.need(phoff, phnum * phentsize, 'program header table');
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (r.u32(p) !== PT_LOAD) continue;
    const offset = r.u64(p + 8);
    const paddr = r.u64(p + 24);
    const filesz = r.u64(p + 32);
    const memsz = r.u64(p + 40);
    if (memsz === 0) continue;
    if (filesz > memsz) throw new ElfError(`segment ${i}: file size ${filesz} exceeds memory size ${memsz}`);
    r.need(offset, filesz, `segment ${i}`);
    segments.push({ paddr, offset, memsz, data: r.bytes.subarray(offset, offset + filesz) });
  }
  return segments;
}

// Symbols are optional (a stripped file just has none); a malformed symbol
// table is still an error, because a `tohost` we cannot find would hang.
function readSymbols(r: Reader): Map<string, number> {
  const symbols = new Map<string, number>();
  const shoff = r.u64(40);
  const shentsize = r.u16(58);
  const shnum = r.u16(60);
  if (shoff === 0 || shnum === 0) return symbols;
  if (shentsize < SHDR_SIZE) throw new ElfError(`bad section header size ${shentsize}`);
  r.need(shoff, shnum * shentsize, 'section header table');
  for (let i = 0; i < shnum; i++) {
    const s = shoff + i * shentsize;
    if (r.u32(s + 4) !== SHT_SYMTAB) continue;
    const symOff = r.u64(s + 24);
    const symSize = r.u64(s + 32);
    const link = r.u32(s + 40);
    if (link >= shnum) throw new ElfError('symbol table names a missing string table');
    const str = shoff + link * shentsize;
    const strOff = r.u64(str + 24);
    const strSize = r.u64(str + 32);
    r.need(symOff, symSize, 'symbol table');
    r.need(strOff, strSize, 'string table');
    for (let y = symOff; y + SYM_SIZE <= symOff + symSize; y += SYM_SIZE) {
      const shndx = r.u16(y + 6);
      if (shndx === 0) continue; // undefined symbol
      const name = cString(r.bytes, strOff + r.u32(y), strOff + strSize);
      if (name) symbols.set(name, r.u64(y + 8));
    }
  }
  return symbols;
}

function cString(bytes: Uint8Array, start: number, limit: number): string {
  let end = start;
  while (end < limit && bytes[end] !== 0) end++;
  return Buffer.from(bytes.subarray(start, end)).toString('latin1');
}

const hex = (n: number) => '0x' + n.toString(16);

/** Are the file's bytes [from, to) only ELF headers and zero padding? */
function onlyHeaders(image: ElfImage, from: number, to: number): boolean {
  for (let o = Math.max(from, image.headersEnd); o < to; o++) if (image.file[o] !== 0) return false;
  return true;
}

/**
 * What of the image goes into guest RAM [ramBase, ramBase + ramBytes), as
 * QEMU loads it. A plainly linked program (gcc -nostdlib -Ttext=RAM_BASE)
 * has a first segment starting a page below RAM that carries the ELF
 * headers: those bytes are dropped with a warning. Anything else outside
 * RAM (code, data, bss) or an entry point outside it is an ElfError.
 */
export function fitToRam(image: ElfImage, ramBase: number, ramBytes: number): { image: ElfImage; warnings: string[] } {
  const ramEnd = ramBase + ramBytes;
  const ram = `RAM ${hex(ramBase)}-${hex(ramEnd - 1)}`;
  const warnings: string[] = [];
  const segments: ElfSegment[] = [];
  for (const s of image.segments) {
    const outside = () => new ElfError(`segment at ${hex(s.paddr)}-${hex(s.paddr + s.memsz - 1)} is outside ${ram}`);
    if (s.paddr + s.memsz > ramEnd) throw outside();
    if (s.paddr >= ramBase) {
      segments.push(s);
      continue;
    }
    // Only the segment that carries the ELF header (file offset 0), and only
    // while some of it stays in RAM.
    const cut = ramBase - s.paddr;
    if (s.offset !== 0 || cut >= s.data.length || !onlyHeaders(image, 0, cut)) throw outside();
    warnings.push(`${cut} bytes of ELF headers at ${hex(s.paddr)}-${hex(s.paddr + cut - 1)} lie outside ${ram}: not loaded`);
    segments.push({ paddr: ramBase, offset: cut, memsz: s.memsz - cut, data: s.data.subarray(cut) });
  }
  if (image.entry < ramBase || image.entry >= ramEnd) {
    throw new ElfError(`entry point ${hex(image.entry)} is outside ${ram}`);
  }
  return { image: { ...image, segments }, warnings };
}

/** Throws the ElfError fitToRam would. */
export function checkFitsRam(image: ElfImage, ramBase: number, ramBytes: number): void {
  fitToRam(image, ramBase, ramBytes);
}

/** A program file's bytes; a file that cannot be read is an ElfError. */
export function readProgramFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new ElfError(`cannot read: ${why}`);
  }
}

/** Does the file start with the ELF magic? */
export function looksLikeElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/** Reads and parses a file; every failure (missing, unreadable, malformed) is an ElfError. */
export function readElfFile(path: string): ElfImage {
  return parseElf(readProgramFile(path));
}
