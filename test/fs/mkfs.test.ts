// mkfs builds images the kernel can read and fsck finds every kind of damage
// it claims to check, in memory on the host (no guest involved).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, mkfs, imageName } from '../../host/fs/mkfs.js';
import { checkImage, fsck } from '../../host/fs/fsck.js';
import { DiskImage, FsError } from '../../host/fs/image.js';
import {
  BSIZE, DIRENT_SIZE, NDIRECT, NINDIRECT, ROOTINO, T_FILE, dataStart, writeDirent,
} from '../../host/fs/layout.js';
import { listDirectory } from '../../host/fs/lookup.js';

/** Printable bytes in a pattern that never repeats with a block's period. */
function pattern(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = 33 + ((i * seed + (i >> 10)) % 94);
  return b;
}

/** name -> inode number, from the root directory. */
function rootEntries(img: DiskImage): Map<string, number> {
  return listDirectory(img, img.readInode(ROOTINO));
}

const big = pattern((NDIRECT + NINDIRECT + 40) * BSIZE + 123, 11); // reaches the double-indirect block
const small = pattern(3000);

function sample(): Buffer {
  return buildImage([{ name: 'small', data: small }, { name: 'big', data: big }, { name: 'empty', data: new Uint8Array(0) }]);
}

function problemsOf(bytes: Buffer): string[] {
  return checkImage(bytes).problems;
}

describe('mkfs', () => {
  it('builds an image fsck finds clean, with every file readable byte for byte', () => {
    const bytes = sample();
    const r = checkImage(bytes);
    expect(r.problems).toEqual([]);
    expect(r.inodesInUse).toBe(4);
    const img = new DiskImage(bytes);
    const names = rootEntries(img);
    expect([...names.keys()]).toEqual(['.', '..', 'small', 'big', 'empty']);
    expect(img.readFile(img.readInode(names.get('small')!)).equals(small)).toBe(true);
    expect(img.readFile(img.readInode(names.get('big')!)).equals(big)).toBe(true);
    expect(img.readInode(names.get('big')!).addrs[NDIRECT + 1]).not.toBe(0);
    expect(img.readInode(names.get('empty')!).size).toBe(0);
  });

  it('gives the same bytes for the same inputs', () => {
    expect(sample().equals(sample())).toBe(true);
  });

  it('names files by base name without the leading underscore', () => {
    expect(imageName('build/user/_cat')).toBe('cat');
    expect(imageName('docs/README')).toBe('README');
    expect(() => imageName('x/_a_name_far_too_long')).toThrow(FsError);
  });

  it('writes an image file from files on disk and refuses bad arguments with one-line errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mkfs-'));
    try {
      writeFileSync(join(dir, '_echo'), small);
      mkdirSync(join(dir, 'sub'));
      const out = join(dir, 'fs.img');
      expect(mkfs(out, [join(dir, '_echo')])).toMatch(/2\d* blocks, 1 file, console and \/dev\/console1..7/);
      const img = new DiskImage(readFileSync(out));
      expect(img.readFile(img.readInode(rootEntries(img).get('echo')!)).equals(small)).toBe(true);
      expect(fsck(out).problems).toEqual([]);
      for (const args of [[join(dir, 'sub')], [join(dir, 'nothing')], [join(dir, '_echo'), join(dir, 'echo')]]) {
        let err: unknown;
        try { mkfs(out, args); } catch (e) { err = e; }
        expect(err).toBeInstanceOf(FsError);
        expect((err as Error).message).not.toContain('\n');
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses files larger than the image', () => {
    expect(() => buildImage([{ name: 'huge', data: pattern(300 * BSIZE) }], 200)).toThrow(/out of blocks/);
  });
});

describe('fsck finds damage', () => {
  const fresh = () => {
    const bytes = sample();
    return { bytes, img: new DiskImage(bytes) };
  };
  const inum = (img: DiskImage, name: string) => rootEntries(img).get(name)!;

  it('a used block that the bitmap calls free', () => {
    const { bytes, img } = fresh();
    const b = img.readInode(inum(img, 'small')).addrs[0];
    const { block, byte, mask } = img.bitOf(b);
    img.block(block)[byte] &= ~mask;
    expect(problemsOf(bytes)).toContain(`block ${b}: used by inode ${inum(img, 'small')} but free in the bitmap`);
  });

  it('a block marked in use that no inode uses', () => {
    const { bytes, img } = fresh();
    const b = img.sb.size - 1;
    img.mark(b);
    expect(problemsOf(bytes)).toEqual([`block ${b}: marked in use but no inode uses it`]);
  });

  it('a block used by two inodes', () => {
    const { bytes, img } = fresh();
    const d = img.readInode(inum(img, 'empty'));
    d.addrs[0] = img.readInode(inum(img, 'small')).addrs[1];
    d.size = 10;
    img.writeInode(inum(img, 'empty'), d);
    expect(problemsOf(bytes).join('\n')).toMatch(/used twice/);
  });

  it('a wrong link count', () => {
    const { bytes, img } = fresh();
    const d = img.readInode(inum(img, 'small'));
    d.nlink = 2;
    img.writeInode(inum(img, 'small'), d);
    expect(problemsOf(bytes)).toEqual([`inode ${inum(img, 'small')}: link count 2 but 1 directory entries name it`]);
  });

  it('a directory without "." and an entry naming a free inode', () => {
    const { bytes, img } = fresh();
    const root = img.readInode(ROOTINO);
    const first = img.block(root.addrs[0]);
    writeDirent(first.subarray(0, DIRENT_SIZE), { inum: 0, name: '' });
    writeDirent(first.subarray(DIRENT_SIZE * 5, DIRENT_SIZE * 6), { inum: 77, name: 'ghost' });
    root.size += DIRENT_SIZE;
    img.writeInode(ROOTINO, root);
    const p = problemsOf(bytes);
    expect(p).toContain('directory 1: no "." entry');
    expect(p).toContain('directory 1: entry "ghost" names inode 77, which is not allocated');
  });

  it('an allocated inode that nothing names', () => {
    const { bytes, img } = fresh();
    img.writeInode(50, { type: T_FILE, major: 0, minor: 0, nlink: 1, size: 0, addrs: [] });
    expect(problemsOf(bytes)).toEqual(['inode 50: link count 1 but 0 directory entries name it']);
  });

  it('counts an unlinked inode a crash left allocated as an orphan, not damage', () => {
    const { bytes, img } = fresh();
    const victim = inum(img, 'small');
    const d = img.readInode(victim);
    d.nlink = 0;
    img.writeInode(victim, d);
    const root = img.readInode(ROOTINO);
    const at = [...rootEntries(img).keys()].indexOf('small') * DIRENT_SIZE;
    writeDirent(img.block(root.addrs[0]).subarray(at, at + DIRENT_SIZE), { inum: 0, name: '' });
    const r = checkImage(bytes);
    expect(r.problems).toEqual([]);
    expect(r.orphans).toBe(1);
  });

  it('a size larger than the blocks a file has, and a block beyond its size', () => {
    const { bytes, img } = fresh();
    const d = img.readInode(inum(img, 'small'));
    d.size = 5 * BSIZE;
    img.writeInode(inum(img, 'small'), d);
    expect(problemsOf(bytes)).toEqual([`inode ${inum(img, 'small')}: size ${5 * BSIZE} but file block 3 is missing`]);
    d.size = 10;
    img.writeInode(inum(img, 'small'), d);
    expect(problemsOf(bytes)).toEqual([`inode ${inum(img, 'small')}: size 10 but it has file block 1 beyond the end`]);
  });

  it('a block address outside the data area', () => {
    const { bytes, img } = fresh();
    const d = img.readInode(inum(img, 'small'));
    d.addrs[0] = 1;
    img.writeInode(inum(img, 'small'), d);
    expect(problemsOf(bytes).join('\n')).toMatch(/data block 1 is outside the data area/);
  });

  it('a bad superblock or a torn image, as one-line errors', () => {
    const { bytes, img } = fresh();
    expect(() => checkImage(bytes.subarray(0, bytes.length - 100))).toThrow(/whole number/);
    img.block(1).writeUInt32LE(0x1234, 0);
    expect(() => checkImage(bytes)).toThrow(/bad magic/);
    expect(() => fsck('/nonexistent/fs.img')).toThrow(/no such file/);
  });
});

describe('fsck and the log', () => {
  /** Makes a committed transaction whose blocks, once installed, repair `home`. */
  function commit(img: DiskImage, homes: number[]): void {
    const log = img.sb.logstart;
    homes.forEach((h, i) => img.block(log + 1 + i).set(img.block(h)));
    img.block(log).writeInt32LE(homes.length, 0);
    homes.forEach((h, i) => img.block(log).writeUInt32LE(h, 4 + 4 * i));
  }

  it('checks the image as recovery will leave it, without writing the file', () => {
    const bytes = sample();
    const img = new DiskImage(bytes);
    const bmap = img.sb.bmapstart;
    const inodes = img.inodeBlock(ROOTINO);
    commit(img, [bmap, inodes]);
    // a crash mid-install: home blocks half-written, log intact
    img.block(bmap).fill(0);
    img.block(inodes).fill(0xee, 64, 256);
    const before = Buffer.from(bytes);
    const r = checkImage(bytes);
    expect(r.problems).toEqual([]);
    expect(r.replayed).toBe(2);
    expect(bytes.equals(before)).toBe(true);
  });

  it('reports a damaged log header', () => {
    const bytes = sample();
    const img = new DiskImage(bytes);
    img.block(img.sb.logstart).writeInt32LE(img.sb.nlog + 5, 0);
    expect(problemsOf(bytes)[0]).toMatch(/log header/);
    img.block(img.sb.logstart).writeInt32LE(1, 0);
    img.block(img.sb.logstart).writeUInt32LE(0, 4);
    expect(problemsOf(bytes)[0]).toMatch(/destination block 0/);
  });

  it('the first data block follows the metadata', () => {
    const img = new DiskImage(sample());
    expect(img.isMarked(dataStart(img.sb) - 1)).toBe(true);
    expect(dataStart(img.sb)).toBeGreaterThan(img.sb.bmapstart);
  });
});
