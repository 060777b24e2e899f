// Ways to damage a file-system image for the disk fuzzer: bit flips in the
// metadata, truncation, zeroed or random superblock fields, hostile inode
// fields, directory entries that make loops (a directory naming itself or
// its ancestor, ".." pointing down), and a log header with a bogus
// transaction.
import { BSIZE, DIRENT_SIZE, IPB, DINODE_SIZE, NDIRECT, ROOTINO, dataStart, readSuperblock } from '../../host/fs/layout.js';
import { type Random, setField } from './random.js';

type Mutation = (b: Buffer, r: Random) => Buffer;

const sbOf = (b: Buffer) => readSuperblock(b.subarray(BSIZE, 2 * BSIZE));

/** Byte offset of inode `inum`. */
function inodeAt(b: Buffer, inum: number): number {
  const sb = sbOf(b);
  return (sb.inodestart + Math.floor(inum / IPB)) * BSIZE + (inum % IPB) * DINODE_SIZE;
}

/** An allocated inode (mkfs hands them out from 1 up), or the root. */
function someInode(b: Buffer, r: Random): number {
  for (let k = 0; k < 8; k++) {
    const inum = 1 + r.below(40);
    const at = inodeAt(b, inum);
    if (at + DINODE_SIZE <= b.length && b.readInt16LE(at) !== 0) return inum;
  }
  return ROOTINO;
}

/** Byte offset of directory entry `i` of directory `inum` (first block only). */
function direntAt(b: Buffer, inum: number, i: number): number {
  const at = inodeAt(b, inum);
  if (at + DINODE_SIZE > b.length) return -1;
  const block = b.readUInt32LE(at + 12);
  const off = block * BSIZE + i * DIRENT_SIZE;
  return block !== 0 && off + DIRENT_SIZE <= b.length ? off : -1;
}

const DISK_MUTATIONS: Record<string, Mutation> = {
  'metadata bit flips': (b, r) => { r.flipBits(b, 1 + r.below(32), BSIZE, Math.min(b.length, dataStart(sbOf(b)) * BSIZE)); return b; },
  'bit flips anywhere': (b, r) => { r.flipBits(b, 1 + r.below(64)); return b; },
  truncation: (b, r) => b.subarray(0, r.below(b.length)),
  'truncation to whole blocks': (b, r) => b.subarray(0, BSIZE * r.below(b.length / BSIZE)),
  'superblock field zeroed': (b, r) => { setField(b, BSIZE + 4 * r.below(8), 32, 0n); return b; },
  'superblock field random': (b, r) => { setField(b, BSIZE + 4 * r.below(8), 32, r.hostile(32)); return b; },
  'superblock random': (b, r) => { for (let i = 0; i < 8; i++) setField(b, BSIZE + 4 * i, 32, r.hostile(32)); return b; },
  'inode field': (b, r) => {
    const at = inodeAt(b, someInode(b, r));
    const [off, bits] = r.pick([[0, 16], [2, 16], [4, 16], [6, 16], [8, 32], [12 + 4 * r.below(NDIRECT + 2), 32]] as const);
    setField(b, at + off, bits, r.hostile(bits));
    return b;
  },
  'indirect block pointing at itself': (b, r) => {
    const at = inodeAt(b, someInode(b, r));
    if (at + DINODE_SIZE > b.length) return b;
    const self = b.readUInt32LE(at + 12 + 4 * NDIRECT) || b.readUInt32LE(at + 12);
    setField(b, at + 12 + 4 * (NDIRECT + r.below(2)), 32, BigInt(self));
    if (self * BSIZE + 4 <= b.length) b.writeUInt32LE(self, self * BSIZE);
    return b;
  },
  'directory loop': (b, r) => {
    // In /dev (the second directory mkfs makes) or the root: "..", ".", or
    // a named entry made to point at the directory itself or at the root.
    const dirs = [ROOTINO, someInode(b, r)];
    const dir = r.pick(dirs);
    const at = direntAt(b, dir, r.below(4));
    if (at >= 0) b.writeUInt16LE(r.pick([dir, ROOTINO, r.below(64)]), at);
    return b;
  },
  'directory entry names a random inode': (b, r) => {
    const at = direntAt(b, ROOTINO, 2 + r.below(8));
    if (at >= 0) b.writeUInt16LE(Number(r.hostile(16)), at);
    return b;
  },
  'log header with a transaction': (b, r) => {
    const sb = sbOf(b);
    const at = sb.logstart * BSIZE;
    if (at + BSIZE > b.length) return b;
    setField(b, at, 32, r.below(3) === 0 ? r.hostile(32) : BigInt(1 + r.below(30)));
    for (let i = 0; i < 1 + r.below(30); i++) setField(b, at + 4 + 4 * i, 32, r.below(2) ? r.hostile(32) : BigInt(r.below(sb.size)));
    return b;
  },
};

/** A damaged copy of `base` and the names of what was done to it. */
export function mutateDisk(base: Buffer, r: Random): { bytes: Buffer; what: string } {
  let bytes = Buffer.from(base);
  const names = Object.keys(DISK_MUTATIONS);
  const done: string[] = [];
  for (let k = 0, n = 1 + r.below(3); k < n; k++) {
    const name = r.pick(names);
    if (bytes.length < 2 * BSIZE && name !== 'bit flips anywhere') continue;
    bytes = DISK_MUTATIONS[name](bytes, r);
    done.push(name);
  }
  return { bytes, what: done.join(', ') || 'none' };
}
