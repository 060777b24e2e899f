// The snapshot file, byte by byte (docs/SNAPSHOTS.md):
//
//   "XV6SNAP\x1a" | u32 format version | u32 header length | header (JSON)
//   | the sections' stored bytes, in the header's order | SHA-256 of all before
//
// The header says what machine the file holds (harts, RAM, devices), which
// build's memory layout it assumes, and each section's name, codec and
// sizes, so a reader knows the file's whole length before it trusts a byte:
// a short file is "truncated", a changed byte a checksum mismatch, never a
// machine restored from garbage. Everything here is synchronous and pure;
// the codecs live in pages.ts, reading and writing files in reader.ts and
// writer.ts.
import { createHash } from 'node:crypto';

export const MAGIC = Buffer.from('XV6SNAP\x1a', 'latin1');
/** Bump on any change a reader of the previous version would get wrong. */
export const FORMAT_VERSION = 1;
const PREFIX = MAGIC.length + 8;
const DIGEST = 32;

/** A snapshot that cannot be restored: the user's to fix, one line. */
export class SnapshotError extends Error {}

export type Codec = 'raw' | 'pages';

export interface SectionInfo {
  name: string;
  codec: Codec;
  /** Bytes once decoded. */
  bytes: number;
  /** Bytes in the file. */
  stored: number;
  /** Lengths of the pieces the decoded bytes split into, when it holds several. */
  parts?: number[];
}

export interface SavedDisk {
  /** The image the machine ran on, absolute: where a restore puts it back by default. */
  path: string;
  bytes: number;
  readonly: boolean;
}

export interface SavedSegment {
  paddr: number;
  memsz: number;
  /** Bytes of it in the `program` section; the rest is zero. */
  bytes: number;
}

/** A program the machine was started with, kept so that a guest reset after a restore starts it again. */
export interface SavedProgram {
  path?: string;
  entry: number;
  segments: SavedSegment[];
}

export interface MachineConfig {
  cores: number;
  ramBytes: number;
  nuarts: number;
  disk: SavedDisk | null;
  /** The harts start firmware (--bios) with `program[1]` as its next stage. */
  firmware: boolean;
}

export interface SnapshotHeader {
  /** Which build's memory layout the state section follows (layout.ts). */
  layout: string;
  /** When it was taken, for people (ISO 8601). */
  taken: string;
  machine: MachineConfig;
  /** Guest time (mtime ticks) at the moment the harts held. */
  mtime: number;
  program: SavedProgram[];
  sections: SectionInfo[];
}

export interface Section {
  info: SectionInfo;
  stored: Uint8Array;
}

/** The whole file as chunks to write in order. */
export function encodeFile(header: Omit<SnapshotHeader, 'sections'>, sections: Section[]): Uint8Array[] {
  const full: SnapshotHeader = { ...header, sections: sections.map((s) => s.info) };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(FORMAT_VERSION, MAGIC.length);
  prefix.writeUInt32LE(json.length, MAGIC.length + 4);
  const chunks: Uint8Array[] = [prefix, json, ...sections.map((s) => s.stored)];
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  chunks.push(hash.digest());
  return chunks;
}

/** Checks everything the file says about itself and splits it; throws SnapshotError. */
export function decodeFile(file: Uint8Array): { header: SnapshotHeader; sections: Map<string, Section> } {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (buf.length < PREFIX || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (buf.length < PREFIX && MAGIC.subarray(0, buf.length).equals(buf)) throw new SnapshotError(`truncated (${buf.length} bytes)`);
    throw new SnapshotError('not an xv6-wasm snapshot');
  }
  const version = buf.readUInt32LE(MAGIC.length);
  if (version !== FORMAT_VERSION) {
    throw new SnapshotError(`snapshot format version ${version}, but this xv6-wasm reads version ${FORMAT_VERSION}`);
  }
  const headerBytes = buf.readUInt32LE(MAGIC.length + 4);
  if (PREFIX + headerBytes + DIGEST > buf.length) throw new SnapshotError(`truncated (${buf.length} bytes, its header alone needs ${PREFIX + headerBytes + DIGEST})`);
  let header: SnapshotHeader;
  try {
    header = JSON.parse(buf.subarray(PREFIX, PREFIX + headerBytes).toString('utf8')) as SnapshotHeader;
  } catch {
    throw new SnapshotError('corrupt (its header is not readable)');
  }
  if (!wellFormed(header)) throw new SnapshotError('corrupt (its header lacks what a snapshot has)');
  const expected = PREFIX + headerBytes + header.sections.reduce((n, s) => n + s.stored, 0) + DIGEST;
  if (buf.length < expected) throw new SnapshotError(`truncated (${buf.length} of ${expected} bytes)`);
  if (buf.length > expected) throw new SnapshotError(`corrupt (${buf.length - expected} bytes more than its header accounts for)`);
  const digest = createHash('sha256').update(buf.subarray(0, expected - DIGEST)).digest();
  if (!digest.equals(buf.subarray(expected - DIGEST))) throw new SnapshotError('corrupt (checksum mismatch)');
  const sections = new Map<string, Section>();
  let at = PREFIX + headerBytes;
  for (const info of header.sections) {
    sections.set(info.name, { info, stored: file.subarray(at, at + info.stored) });
    at += info.stored;
  }
  return { header, sections };
}

function wellFormed(h: SnapshotHeader): boolean {
  const m = h?.machine;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return typeof h.layout === 'string' && typeof h.mtime === 'number' && Array.isArray(h.program)
    && !!m && count(m.cores) && count(m.ramBytes) && count(m.nuarts)
    && Array.isArray(h.sections) && h.sections.every((s) => typeof s.name === 'string' && count(s.stored) && count(s.bytes));
}
