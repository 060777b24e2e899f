// The snapshot file on its own, without a machine: the page codec, the
// container's checks (magic, version, length, checksum), and a whole
// snapshot written and read back, with the checks a restore makes against
// what the user typed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { decodeFile, encodeFile, FORMAT_VERSION, MAGIC, SnapshotError, type SnapshotHeader } from '../../host/snapshot/format.js';
import { decodePages, encodePages, PAGE } from '../../host/snapshot/pages.js';
import { readSnapshot } from '../../host/snapshot/reader.js';
import { checkCompatible } from '../../host/snapshot/restore.js';
import { type MachineSnapshot, STATE_BASE, STATE_END } from '../../host/snapshot/snapshot.js';
import { writeSnapshot } from '../../host/snapshot/writer.js';
import { wasm } from '../../host/platform.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-snapfmt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function random(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('the page codec', () => {
  test('gives back every kind of page: zero, filled with one byte, mixed, and a short last one', async () => {
    const bytes = new Uint8Array(5 * PAGE + 1000);
    bytes.fill(0x01, PAGE, 2 * PAGE);
    bytes.fill(0xff, 2 * PAGE, 3 * PAGE);
    bytes.set(random(PAGE), 3 * PAGE);
    bytes.fill(0x80, 5 * PAGE);
    // A free page on the kernel's list: junk but for the link in its first word.
    bytes.fill(0x01, 4 * PAGE, 5 * PAGE);
    bytes.set([1, 2, 3, 4, 5, 6, 7, 8], 4 * PAGE);
    const stored = await encodePages(bytes);
    const back = new Uint8Array(bytes.length);
    decodePages(stored, back, true);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    const dirty = new Uint8Array(bytes.length).fill(7);
    decodePages(stored, dirty, false);
    expect(Buffer.from(dirty).equals(Buffer.from(bytes))).toBe(true);
  });

  test('stores uniform memory and free lists in next to nothing', async () => {
    const ram = new Uint8Array(64 * 2 ** 20).fill(0x01);
    for (let p = 200; p < ram.length / PAGE; p++) ram.set(random(8, p), p * PAGE);
    ram.set(random(100 * PAGE), 10 * PAGE);
    const stored = await encodePages(ram);
    expect(stored.length).toBeLessThan(100 * PAGE + 64 * 1024);
  });

  test('refuses a region of another size', async () => {
    const stored = await encodePages(new Uint8Array(2 * PAGE));
    expect(() => decodePages(stored, new Uint8Array(3 * PAGE))).toThrow(/another size/);
  });
});

const header: Omit<SnapshotHeader, 'sections'> = {
  layout: 'x', taken: new Date(0).toISOString(), mtime: 5, program: [],
  machine: { cores: 1, ramBytes: 16 * 2 ** 20, nuarts: 8, disk: null, firmware: false },
};

function container(): Buffer {
  const stored = Buffer.from('hello, sections');
  return Buffer.concat(encodeFile(header, [{ info: { name: 'a', codec: 'raw', bytes: stored.length, stored: stored.length }, stored }]));
}

describe('the container', () => {
  test('reads back what it wrote', () => {
    const { header: h, sections } = decodeFile(container());
    expect(h.machine.cores).toBe(1);
    expect(Buffer.from(sections.get('a')!.stored).toString()).toBe('hello, sections');
  });

  test.each([
    ['truncated anywhere', (b: Buffer) => b.subarray(0, b.length - 1), /^truncated \(\d+ of \d+ bytes\)$/],
    ['cut inside the header', (b: Buffer) => b.subarray(0, 20), /^truncated/],
    ['cut inside the magic', (b: Buffer) => b.subarray(0, 3), /^truncated/],
    ['a byte changed', (b: Buffer) => { const c = Buffer.from(b); c[c.length - 40] ^= 1; return c; }, /checksum mismatch/],
    ['bytes added', (b: Buffer) => Buffer.concat([b, Buffer.from('x')]), /more than its header accounts for/],
    ['another file', () => Buffer.from('\x7fELF and so on and so forth'), /not an xv6-wasm snapshot/],
    ['another version', (b: Buffer) => { const c = Buffer.from(b); c.writeUInt32LE(FORMAT_VERSION + 1, MAGIC.length); return c; }, /format version 2, but this xv6-wasm reads version 1/],
  ])('refuses a file %s', (_, damage, why) => {
    expect(() => decodeFile(damage(container()))).toThrow(SnapshotError);
    expect(() => decodeFile(damage(container()))).toThrow(why);
  });
});

describe('a whole snapshot', () => {
  const ramBytes = 16 * 2 ** 20;
  const snap: MachineSnapshot = {
    machine: { cores: 2, ramBytes, nuarts: 8, disk: { path: join(dir, 'fs.img'), bytes: 8 * PAGE, readonly: false }, firmware: false },
    mtime: 123456789, taken: new Date(),
    program: [{ entry: 0x80000000, segments: [{ paddr: 0x80000000, memsz: 8192, offset: 0, data: random(5000, 3) }], headersEnd: 0, file: new Uint8Array(0), symbols: new Map() }],
    state: random(STATE_END - STATE_BASE, 4),
    ram: new Uint8Array(ramBytes).fill(1).fill(0, 0, PAGE),
    disk: random(8 * PAGE, 5),
    consoles: Array.from({ length: 8 }, (_, k) => ({ input: Buffer.from(`typed ${k}`), output: Buffer.from(k === 2 ? 'held' : ''), screen: Buffer.from(`$ screen ${k}`) })),
  };
  const path = join(dir, 'whole.snap');

  test('reads back as it was written', async () => {
    const bytes = await writeSnapshot(path, snap);
    expect(readFileSync(path).length).toBe(bytes);
    const file = readSnapshot(path);
    expect(file.machine).toEqual(snap.machine);
    expect(file.mtime).toBe(snap.mtime);
    expect(Buffer.from(file.disk()!).equals(Buffer.from(snap.disk!))).toBe(true);
    expect(file.program[0].entry).toBe(0x80000000);
    expect(Buffer.from(file.program[0].segments[0].data).equals(Buffer.from(snap.program[0].segments[0].data))).toBe(true);
    expect(file.program[0].segments[0].memsz).toBe(8192);
    expect(file.consoles.map((c) => Buffer.from(c.input).toString())).toEqual(snap.consoles.map((c) => `typed ${snap.consoles.indexOf(c)}`));
    expect(Buffer.from(file.consoles[2].output).toString()).toBe('held');
    const memory = new Uint8Array(wasm.GUEST_RAM_BASE + ramBytes);
    file.fill(memory);
    expect(Buffer.from(memory.subarray(STATE_BASE, STATE_END)).equals(Buffer.from(snap.state))).toBe(true);
    expect(Buffer.from(memory.subarray(wasm.GUEST_RAM_BASE)).equals(Buffer.from(snap.ram))).toBe(true);
  });

  test('is refused for --cores, --mem or --readonly that differ, and taken as it is when they match', () => {
    const file = readSnapshot(path);
    expect(() => checkCompatible(file, { cores: 4 })).toThrow(/whole\.snap: a machine with 2 harts, which --cores 4 cannot restore/);
    expect(() => checkCompatible(file, { ramBytes: 32 * 2 ** 20 })).toThrow(/a machine with 16M of RAM, which --mem 32M cannot restore/);
    expect(() => checkCompatible(file, { readonly: true })).toThrow(/its disk was writable, which --readonly cannot restore/);
    expect(() => checkCompatible(file, { cores: 2, ramBytes })).not.toThrow();
  });

  test('names the file in every refusal', () => {
    writeFileSync(join(dir, 'short.snap'), readFileSync(path).subarray(0, 1000));
    expect(() => readSnapshot(join(dir, 'short.snap'))).toThrow(/short\.snap: truncated \(1000 of \d+ bytes\)/);
    expect(() => readSnapshot(join(dir, 'none.snap'))).toThrow(/none\.snap: no such file/);
  });
});
