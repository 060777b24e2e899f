// A snapshot that cannot be restored is one line on stderr and exit 1, and
// nothing is touched: the truncated, the corrupt, another format version,
// and a machine that --cores, --mem or --readonly would change. Also the
// disk lock: a restore never overwrites an image another emulator has open.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, MAGIC } from '../../host/snapshot/format.js';
import { xv6 } from '../cli/cli.js';
import type { Guest } from '../system/fs-guest.js';
import { scratch } from '../system/fs-guest.js';
import { emulator } from '../system/session.js';
import { bootCopy, snapshot, stop } from './machine.js';

describe.skipIf(!emulator.available)('restores that are refused', () => {
  const { dir, cleanup } = scratch();
  const good = join(dir, 'fs.img.snap');
  let g: Guest;

  beforeAll(async () => {
    g = bootCopy(dir, 2);
    await g.waitFor(/\$ $/, 120_000);
    await snapshot(g);
  });
  afterAll(async () => {
    await stop(g);
    cleanup();
  });

  const damaged = (name: string, change: (b: Buffer) => Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, change(readFileSync(good)));
    return path;
  };

  async function refused(args: string[], why: RegExp): Promise<void> {
    const r = await xv6(['boot', ...args], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(why);
  }

  it('refuses a truncated file', async () => {
    const path = damaged('short.snap', (b) => b.subarray(0, b.length >> 1));
    await refused(['--restore', path], /^xv6-wasm: \S+short\.snap: truncated \(\d+ of \d+ bytes\)$/m);
  });

  it('refuses a corrupt file', async () => {
    const path = damaged('bad.snap', (b) => { const c = Buffer.from(b); c[c.length >> 1] ^= 0x40; return c; });
    await refused(['--restore', path], /^xv6-wasm: \S+bad\.snap: corrupt \(checksum mismatch\)$/m);
  });

  it('refuses another format version, and what is not a snapshot', async () => {
    const path = damaged('next.snap', (b) => { const c = Buffer.from(b); c.writeUInt32LE(FORMAT_VERSION + 1, MAGIC.length); return c; });
    await refused(['--restore', path], /next\.snap: snapshot format version \d+, but this xv6-wasm reads version \d+$/m);
    await refused(['--restore', join(dir, 'fs.img')], /fs\.img: not an xv6-wasm snapshot$/m);
    await refused(['--restore', join(dir, 'none.snap')], /none\.snap: no such file$/m);
  });

  it('refuses --cores, --mem and --readonly that differ from the snapshot, and --kernel', async () => {
    await refused(['--restore', good, '--cores', '4'], /fs\.img\.snap: a machine with 2 harts, which --cores 4 cannot restore$/m);
    await refused(['--restore', good, '--mem', '256M'], /fs\.img\.snap: a machine with 128M of RAM, which --mem 256M cannot restore$/m);
    await refused(['--restore', good, '--readonly'], /its disk was writable, which --readonly cannot restore$/m);
    await refused(['--restore', good, '--kernel', join(dir, 'fs.img')], /leave out --kernel and --bios$/m);
  });

  it('never overwrites a disk another emulator has open', async () => {
    const before = readFileSync(join(dir, 'fs.img'));
    await refused(['--restore', good], /fs\.img: in use by process \d+, which has it open for writing$/m);
    expect(readFileSync(join(dir, 'fs.img')).equals(before)).toBe(true);
  });
});
