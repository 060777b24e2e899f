// `boot --readonly` (and QEMU's readonly=on): the kernel sees the device's
// VIRTIO_BLK_F_RO and mounts the file system read-only. Reads work, every
// change fails with the tool's usual error, the usertests that only read
// pass, and the image is left byte for byte as it was.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DiskImage } from '../../host/fs/image.js';
import { lookup } from '../../host/fs/lookup.js';
import { mkfs } from '../../host/fs/mkfs.js';
import { Guest, scratch, type Target, userDir } from './fs-guest.js';
import { emulator, fsImage, long, qemu } from './session.js';

const { dir, cleanup } = scratch();
afterAll(cleanup);

const readonlyTargets: Target[] = [
  { ...emulator, argv: (disk, cores) => [...emulator.argv(disk, cores), '--readonly'] },
  { ...qemu, argv: (disk, cores) => qemu.argv(disk, cores).map((a) => (a.startsWith('file=') ? `${a},readonly=on` : a)) },
];

// usertests that neither create, change nor remove a file.
const READING_TESTS = [
  'exitwait', 'waitnochild', 'getpid', 'forkfork', 'twochildren', 'manyprocs', 'killstatus', 'killsleeper',
  'killnone', 'preempt', 'reparent', 'sleeptime', 'execbigargs', 'forkexecmany',
  'pipeorder', 'pipeeof', 'pipebroken', 'pipewrongend', 'pipebig', 'pipewriters', 'pipefdlimit',
  'sbrkbasic', 'sbrkmuch', 'sbrkshrink', 'sbrkfail', 'sbrkneg', 'outofmemory', 'stackguard',
  'stackoverflow', 'textwrite', 'kernmem', 'maxva', 'abovebreak', 'bsszero', 'sbrkall', 'execout',
];
// The default run takes a sample across the tables; test:long runs them all.
const SAMPLE = ['getpid', 'forkexecmany', 'reparent', 'pipebig', 'pipefdlimit', 'sbrkmuch', 'kernmem', 'execout'];

describe.each(readonlyTargets)('a read-only disk on $name', (target) => {
  test.skipIf(!target.available)('reads work, changes fail with a clear error, the image is untouched', async () => {
    const disk = join(dir, `${target.name}.img`);
    copyFileSync(fsImage, disk);
    const before = readFileSync(disk);
    const g = new Guest(target, disk, 2);
    try {
      await g.waitFor(/\$ $/, 60_000);
      expect(g.output).toMatch(/fs: the disk is read-only/);
      expect(await g.run('ls')).toMatch(/usertests +2 \d+ \d+/);
      expect(await g.run('wc init')).toMatch(/\d+ \d+ \d+ init/);
      expect(await g.run('echo hi > x')).toMatch(/cannot open x/);
      expect(await g.run('echo hi >> init')).toMatch(/cannot open init/);
      expect(await g.run('mkdir d')).toMatch(/mkdir: d failed to create/);
      expect(await g.run('rm cat')).toMatch(/rm: cat failed to delete/);
      expect(await g.run('ln ls l2')).toMatch(/link ls l2 failed/);
      expect(await g.run('echo still > console')).toMatch(/still/);
      expect(await g.run('cat x')).toMatch(/cannot open x/);
      expect(await g.run(`usertests ${READING_TESTS[0]}`)).toMatch(/ALL TESTS PASSED/);
    } finally {
      expect(await g.halt()).toBe(0);
    }
    expect(readFileSync(disk).equals(before)).toBe(true);
  }, 120_000);
});

describe.skipIf(!emulator.available)('usertests on a read-only disk', () => {
  test('every test that only reads passes', async () => {
    const disk = join(dir, 'ut.img');
    copyFileSync(fsImage, disk);
    const before = readFileSync(disk);
    const g = new Guest(readonlyTargets[0], disk, 2);
    try {
      await g.waitFor(/\$ $/, 60_000);
      const failed: string[] = [];
      for (const name of long ? READING_TESTS : SAMPLE) {
        const out = await g.run(`usertests ${name}`, 120_000);
        if (!/ALL TESTS PASSED/.test(out)) failed.push(`${name}: ${out.trim().split('\n').slice(-2).join(' | ')}`);
      }
      expect(failed).toEqual([]);
    } finally {
      expect(await g.halt()).toBe(0);
    }
    expect(readFileSync(disk).equals(before)).toBe(true);
  }, 600_000);
});

describe.skipIf(!emulator.available)('a committed transaction on a read-only disk', () => {
  test('is seen from memory, as the next writable boot will install it, and never written', async () => {
    const note = join(dir, 'note');
    writeFileSync(note, 'old words\n');
    const disk = join(dir, 'logged.img');
    mkfs(disk, ['_init', '_sh', '_cat', '_halt'].map((p) => join(userDir, p)).concat(note));
    const img = new DiskImage(readFileSync(disk));
    const home = img.pathToBlock(img.readInode(lookup(img, 'note')!), 0)[0];
    const logged = Buffer.from(img.block(home));
    logged.write('new words\n');
    img.block(img.sb.logstart + 1).set(logged);
    img.block(img.sb.logstart).writeInt32LE(1, 0);
    img.block(img.sb.logstart).writeUInt32LE(home, 4);
    writeFileSync(disk, img.bytes);
    const g = new Guest(readonlyTargets[0], disk, 1);
    try {
      await g.waitFor(/\$ $/, 60_000);
      expect(g.output).toMatch(/log: a committed transaction of 1 blocks is kept in memory: the disk is read-only/);
      expect(await g.run('cat note')).toMatch(/new words/);
    } finally {
      expect(await g.halt()).toBe(0);
    }
    expect(readFileSync(disk).equals(img.bytes)).toBe(true);
  }, 60_000);
});
