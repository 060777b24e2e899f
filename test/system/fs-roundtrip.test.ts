// Files cross between the host and the guest intact: what mkfs writes the
// guest reads byte for byte (small files, a file reaching the double-indirect
// block), and what the guest writes the host reads back, fsck finding the
// image clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkfs } from '../../host/fs/mkfs.js';
import { checkImage } from '../../host/fs/fsck.js';
import { DiskImage } from '../../host/fs/image.js';
import { BSIZE, NDIRECT, NINDIRECT } from '../../host/fs/layout.js';
import { readPath } from '../../host/fs/lookup.js';
import { Guest, scratch, targets, userDir } from './fs-guest.js';

/** Printable, no spaces or newlines, aperiodic over a block: a misplaced block shows. */
function printable(n: number, seed: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(33 + ((i * seed + (i >> 9) * 7) % 94));
  return s;
}

/** A text file of numbered lines long enough to need the double-indirect block. */
function bigText(): string {
  const lines: string[] = [];
  let len = 0;
  for (let i = 0; len < (NDIRECT + NINDIRECT + 30) * BSIZE; i++) {
    const line = `line ${i} ${printable(40, (i % 89) + 3)}\n`;
    lines.push(line);
    len += line.length;
  }
  lines.push('the-last-line-of-big\n');
  return lines.join('');
}

function fileInImage(image: string, name: string): Buffer | undefined {
  return readPath(new DiskImage(readFileSync(image)), name);
}

for (const target of targets) {
  describe.skipIf(!target.available)(`file-system round trip on ${target.name}`, () => {
    const { dir, cleanup } = scratch();
    const image = join(dir, 'fs.img');
    const small = printable(5000, 13);
    const big = bigText();
    let guest: Guest;

    beforeAll(async () => {
      writeFileSync(join(dir, 'small.txt'), small);
      writeFileSync(join(dir, 'big.txt'), big);
      const progs = readdirSync(userDir).filter((f) => f.startsWith('_')).map((f) => join(userDir, f));
      mkfs(join(dir, 'base.img'), [...progs, join(dir, 'small.txt'), join(dir, 'big.txt')]);
      guest = Guest.withCopy(target, join(dir, 'base.img'), image);
      await guest.waitFor(/\$ $/);
    });

    afterAll(() => {
      guest?.kill();
      cleanup();
    });

    it('cat prints a file written by mkfs byte for byte', async () => {
      const out = await guest.run('cat small.txt');
      expect(out).toContain(small);
    });

    it('reads a file through its double-indirect block', async () => {
      const lines = big.split('\n').length - 1;
      const words = big.split(/\s+/).filter(Boolean).length;
      const out = await guest.run('wc big.txt');
      expect(out).toMatch(new RegExp(`\\b${lines} ${words} ${big.length} big.txt`));
      expect(await guest.run('grep the-last-line big.txt')).toContain('the-last-line-of-big');
    });

    it('a file the guest writes reaches the image intact, and the image stays clean', async () => {
      await guest.run('mkdir d');
      await guest.run('echo written by the guest > d/note');
      expect(await guest.run('cat d/note')).toContain('written by the guest');
      await guest.run('cat small.txt > copy.txt');
      await guest.run('rm big.txt');
      expect(await guest.halt()).toBe(0);
      expect(checkImage(readFileSync(image)).problems).toEqual([]);
      expect(fileInImage(image, 'copy.txt')?.toString('latin1')).toBe(small);
      expect(fileInImage(image, 'big.txt')).toBeUndefined();
    });
  });
}
