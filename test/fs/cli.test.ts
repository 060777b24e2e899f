// `xv6-wasm mkfs` and `xv6-wasm fsck` as a user runs them: exit codes, one
// line per problem or error, never a stack trace. The commands run in this
// process (test/cli/in-process.ts); one case checks that a real process
// ends with the same status.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../host/platform.js';
import { DiskImage } from '../../host/fs/image.js';
import { xv6InProcess } from '../cli/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const r = await xv6InProcess(args);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

function cliProcess(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin/xv6-wasm.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function oneLine(s: string): void {
  expect(s.trimEnd().split('\n')).toHaveLength(1);
  expect(s).not.toMatch(/\n\s+at /);
}

describe('xv6-wasm mkfs and fsck', () => {
  const img = join(dir, 'fs.img');
  writeFileSync(join(dir, '_prog'), 'program bytes');
  writeFileSync(join(dir, 'notes.txt'), 'some notes\n');

  it('builds an image fsck calls clean', async () => {
    const m = await cli('mkfs', img, join(dir, '_prog'), join(dir, 'notes.txt'));
    expect(m.code).toBe(0);
    const f = await cli('fsck', img);
    expect(f.code).toBe(0);
    oneLine(f.out);
    expect(f.out).toMatch(/clean: 12 inodes/);
  });

  it('lists each problem on its own line and exits 1', async () => {
    const bad = join(dir, 'bad.img');
    const bytes = readFileSync(img);
    const d = new DiskImage(bytes);
    const root = d.readInode(1);
    root.nlink = 5;
    d.writeInode(1, root);
    d.mark(d.sb.size - 1);
    writeFileSync(bad, bytes);
    const f = cliProcess('fsck', bad);
    expect(f.code).toBe(1);
    expect(f.out.trimEnd().split('\n')).toEqual([
      `${bad}: inode 1: link count 5 but 2 directory entries name it`,
      `${bad}: block ${d.sb.size - 1}: marked in use but no inode uses it`,
    ]);
  });

  it('says when the log holds a transaction the next boot will install', async () => {
    const logged = join(dir, 'logged.img');
    const bytes = readFileSync(img);
    const d = new DiskImage(bytes);
    const home = d.sb.bmapstart;
    d.block(d.sb.logstart + 1).set(d.block(home));
    d.block(d.sb.logstart).writeInt32LE(1, 0);
    d.block(d.sb.logstart).writeUInt32LE(home, 4);
    writeFileSync(logged, bytes);
    const f = await cli('fsck', logged);
    expect(f.code).toBe(0);
    expect(f.out).toMatch(/committed transaction of 1 blocks/);
  });

  it('refuses bad arguments and bad images with one-line errors', async () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    const zeros = join(dir, 'zeros.img');
    writeFileSync(zeros, Buffer.alloc(64 * 1024));
    const cases = [
      await cli('mkfs'),
      await cli('mkfs', join(dir, 'x.img'), join(dir, 'adir')),
      await cli('mkfs', join(dir, 'x.img'), join(dir, 'missing')),
      await cli('mkfs', join(dir, 'x.img'), join(dir, 'notes.txt'), join(dir, 'notes.txt')),
      await cli('mkfs', '--size', 'lots', join(dir, 'x.img')),
      await cli('mkfs', join(dir, 'no/such/dir/x.img')),
      await cli('fsck'),
      await cli('fsck', join(dir, 'missing.img')),
      await cli('fsck', zeros),
      await cli('fsck', join(dir, 'notes.txt')),
    ];
    for (const c of cases) {
      expect(c.code).not.toBe(0);
      oneLine(c.err);
      expect(c.out).toBe('');
    }
  });
});
