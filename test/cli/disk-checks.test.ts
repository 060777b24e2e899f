// Disks our kernel cannot use are refused by the host before it boots, in
// one line and exit 1: an image the user may not write (unless --readonly),
// one too small for its file system. What only the kernel can see (a
// corrupt superblock, no /init) is said in words before it stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mkfs } from '../../host/fs/mkfs.js';
import { projectRoot } from '../../host/platform.js';
import { xv6 } from './cli.js';
import { xv6InProcess } from './in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-disk-checks-'));
const fsImage = join(projectRoot, 'build/fs.img');
const userDir = join(projectRoot, 'build/user');
const ready = existsSync(fsImage) && existsSync(join(projectRoot, 'build/kernel/kernel'));
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups) c();
  rmSync(dir, { recursive: true, force: true });
});

/** A disk refused before the machine starts: checked in this process (test/cli/in-process.ts). */
async function oneLineError(args: string[], message: RegExp): Promise<void> {
  const r = await xv6InProcess(args);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

/** A copy of fs.img that this user cannot write (root: the immutable flag), or null. */
function unwritableCopy(): string | null {
  const path = join(dir, 'ro.img');
  copyFileSync(fsImage, path);
  if (process.getuid?.() !== 0) {
    execFileSync('chmod', ['a-w', path]);
    return path;
  }
  if (spawnSync('chattr', ['+i', path]).status !== 0) return null;
  cleanups.push(() => spawnSync('chattr', ['-i', path]));
  return path;
}

describe.skipIf(!ready)('the host checks a disk before our kernel boots from it', () => {
  test('an image this user may not write needs --readonly, and boots with it', async () => {
    const path = unwritableCopy();
    if (path === null) return;
    await oneLineError(['boot', '--disk', path], /^xv6-wasm: .*ro\.img: not writable \(use --readonly\)\n$/);
    const r = await xv6(['boot', '--disk', path, '--readonly'], { input: 'halt\n', timeoutMs: 60_000 });
    expect(r.stdout).toMatch(/fs: the disk is read-only/);
    expect(r.code).toBe(0);
  });

  test('an image too small for a file system, or for the one it holds', async () => {
    const tiny = join(dir, 'tiny.img');
    writeFileSync(tiny, Buffer.alloc(32 * 1024));
    await oneLineError(['boot', '--disk', tiny], /tiny\.img: too small: 32 blocks \(a file system needs at least 64\)$/m);
    const cut = join(dir, 'cut.img');
    copyFileSync(fsImage, cut);
    truncateSync(cut, 1000 * 1024);
    await oneLineError(['boot', '--disk', cut], /cut\.img: too small: 1000 blocks, but its file system has 20000$/m);
  });

  test('a corrupt superblock is named by the kernel, not a bare panic', async () => {
    const bad = join(dir, 'badsb.img');
    const bytes = readFileSync(fsImage);
    bytes.writeUInt32LE(7, 1024 + 12); // ninodes
    writeFileSync(bad, bytes);
    const r = await xv6(['boot', '--disk', bad], { timeoutMs: 60_000 });
    expect(r.stdout).toMatch(/fsinit: the superblock is corrupt: the inode area is out of place/);
    expect(r.stderr).toMatch(/panic: fsinit: corrupt superblock/);
    expect(r.code).toBe(1);
  });

  test('an image without /init says that /init could not be run', async () => {
    const noInit = join(dir, 'noinit.img');
    mkfs(noInit, [join(userDir, '_sh')]);
    const r = await xv6(['boot', '--disk', noInit], { timeoutMs: 60_000 });
    expect(r.stderr).toMatch(/panic: init exiting: \/init could not be run/);
    expect(r.code).toBe(1);
  });

  test.skipIf(process.getuid?.() !== 0)('a block device is sized from the host and boots', async () => {
    const img = join(dir, 'loop.img');
    copyFileSync(fsImage, img);
    const attach = spawnSync('losetup', ['-f', '--show', img], { encoding: 'utf8' });
    if (attach.status !== 0) return; // no loop devices here
    const dev = attach.stdout.trim();
    cleanups.push(() => spawnSync('losetup', ['-d', dev]));
    const r = await xv6(['boot', '--disk', dev], { input: 'halt\n', timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/init: starting sh/);
    expect(r.code).toBe(0);
  });
});
