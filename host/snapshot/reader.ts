// Reading a snapshot file back: everything format.ts checks (magic,
// version, length, checksum), then whether this build can place its state
// (layoutId), then the pieces. RAM is decoded straight into the new
// machine's memory by whoever calls fill(), not into a copy first.
import { readFileSync } from 'node:fs';
import type { ElfImage } from '../machine/elf.js';
import { wasm } from '../platform.js';
import { decodeFile, type MachineConfig, type Section, SnapshotError, type SnapshotHeader } from './format.js';
import { decodePages } from './pages.js';
import { type ConsoleHostState, layoutId, STATE_BASE, STATE_END } from './snapshot.js';

export interface SnapshotFile {
  path: string;
  machine: MachineConfig;
  mtime: number;
  taken: string;
  program: ElfImage[];
  consoles: ConsoleHostState[];
  /** The disk image as it was, or null for a machine without one. */
  disk(): Uint8Array | null;
  /** Writes the state region and guest RAM into a fresh (all-zero) memory. */
  fill(u8: Uint8Array): void;
}

export function readSnapshot(path: string): SnapshotFile {
  const fail = (why: string) => new SnapshotError(`${path}: ${why}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message);
  }
  let decoded: ReturnType<typeof decodeFile>;
  try {
    decoded = decodeFile(bytes);
  } catch (e) {
    throw e instanceof SnapshotError ? fail(e.message) : e;
  }
  const { header, sections } = decoded;
  if (header.layout !== layoutId()) throw fail('taken by a build of xv6-wasm with another memory layout; restore it with that build');
  const section = (name: string): Section => {
    const s = sections.get(name);
    if (!s) throw fail(`corrupt (no ${name} section)`);
    return s;
  };
  const decode = (name: string, into: Uint8Array, zero: boolean) => {
    try {
      decodePages(section(name).stored, into, zero);
    } catch (e) {
      throw e instanceof SnapshotError ? e : fail(`corrupt (${name}: ${(e as Error).message})`);
    }
  };
  const ramBytes = header.machine.ramBytes;
  return {
    path, machine: header.machine, mtime: header.mtime, taken: header.taken,
    program: programs(header, split(section('program'), fail)),
    consoles: consoles(split(section('consoles'), fail)),
    disk: () => {
      if (!header.machine.disk) return null;
      const disk = new Uint8Array(header.machine.disk.bytes);
      decode('disk', disk, true);
      return disk;
    },
    fill: (u8) => {
      if (u8.length !== wasm.GUEST_RAM_BASE + ramBytes) throw new Error('fill: a memory of another size');
      decode('state', u8.subarray(STATE_BASE, STATE_END), true);
      decode('ram', u8.subarray(wasm.GUEST_RAM_BASE, wasm.GUEST_RAM_BASE + ramBytes), true);
    },
  };
}

function split(s: Section, fail: (why: string) => SnapshotError): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const n of s.info.parts ?? []) {
    out.push(s.stored.subarray(at, at + n));
    at += n;
  }
  if (at !== s.stored.length) throw fail(`corrupt (${s.info.name}: parts do not add up)`);
  return out;
}

function programs(header: SnapshotHeader, data: Uint8Array[]): ElfImage[] {
  let next = 0;
  return header.program.map((p) => ({
    entry: p.entry, path: p.path, headersEnd: 0, file: new Uint8Array(0), symbols: new Map<string, number>(),
    segments: p.segments.map((s) => ({ paddr: s.paddr, memsz: s.memsz, offset: 0, data: data[next++] ?? new Uint8Array(0) })),
  }));
}

function consoles(parts: Uint8Array[]): ConsoleHostState[] {
  const out: ConsoleHostState[] = [];
  for (let i = 0; i + 2 < parts.length; i += 3) out.push({ input: parts[i], output: parts[i + 1], screen: parts[i + 2] });
  return out;
}
