// The on-disk layout of the file system, as the kernel's fs.h defines it.
// Every size comes from the `fs` section of platform/platform.json, so mkfs,
// fsck and the kernel cannot drift apart.
//
//   block 0     1        2 .. 2+nlog-1   inodestart ..   bmapstart ..   data ..
//  ┌──────┬────────────┬───────────────┬──────────────┬──────────────┬─────────┐
//  │ boot │ superblock │ log (header + │ inodes,      │ free bitmap, │ data    │
//  │      │            │ nlog-1 blocks)│ IPB a block  │ BPB a block  │ blocks  │
//  └──────┴────────────┴───────────────┴──────────────┴──────────────┴─────────┘
import { fs } from '../platform.js';

export const BSIZE = fs.FS_BSIZE;
export const MAGIC = fs.FS_MAGIC;
export const ROOTINO = fs.FS_ROOTINO;
export const NDIRECT = fs.FS_NDIRECT;
export const NINDIRECT = fs.FS_NINDIRECT;
export const DIRSIZ = fs.FS_DIRSIZ;
export const DINODE_SIZE = fs.FS_DINODE_SIZE;
export const DIRENT_SIZE = fs.FS_DIRENT_SIZE;
export const LOGBLOCKS = fs.FS_LOGBLOCKS;
export const NINODES = fs.FS_NINODES;
export const FSSIZE = fs.FS_SIZE;
export const T_DIR = fs.FS_T_DIR;
export const T_FILE = fs.FS_T_FILE;
export const T_DEVICE = fs.FS_T_DEVICE;

/** Inodes per block, bitmap bits per block. */
export const IPB = BSIZE / DINODE_SIZE;
export const BPB = BSIZE * 8;
/** Direct, then one single-indirect, then one double-indirect address. */
export const NADDRS = NDIRECT + 2;
export const MAXFILE = NDIRECT + NINDIRECT + NINDIRECT * NINDIRECT;
/** The smallest image mkfs makes: the metadata of the default layout and a few data blocks. */
export const MIN_FS_BLOCKS = 64;
/** The largest: mkfs and fsck hold the whole image in memory; 2^21 blocks is 2 GiB. */
export const MAX_FS_BLOCKS = 1 << 21;

if (NINDIRECT * 4 !== BSIZE) throw new Error('platform.json: FS_NINDIRECT must be FS_BSIZE / 4');
if (8 + 4 + NADDRS * 4 !== DINODE_SIZE) throw new Error('platform.json: FS_DINODE_SIZE does not match FS_NDIRECT');
if (2 + DIRSIZ !== DIRENT_SIZE) throw new Error('platform.json: FS_DIRENT_SIZE must be 2 + FS_DIRSIZ');

/** Block 1: eight little-endian u32s, in this order (struct superblock). */
export interface Superblock {
  magic: number;
  size: number;       // whole image, in blocks
  nblocks: number;    // data blocks
  ninodes: number;
  nlog: number;       // log blocks, header included
  logstart: number;
  inodestart: number;
  bmapstart: number;
}
const SB_FIELDS: (keyof Superblock)[] = ['magic', 'size', 'nblocks', 'ninodes', 'nlog', 'logstart', 'inodestart', 'bmapstart'];

/** Where everything goes in an image of `size` blocks. */
export function planLayout(size = FSSIZE, ninodes = NINODES, nlog = LOGBLOCKS): Superblock {
  const ninodeblocks = Math.floor(ninodes / IPB) + 1;
  const nbitmap = Math.floor(size / BPB) + 1;
  const logstart = 2;
  const inodestart = logstart + nlog;
  const bmapstart = inodestart + ninodeblocks;
  const nmeta = bmapstart + nbitmap;
  return { magic: MAGIC, size, nblocks: size - nmeta, ninodes, nlog, logstart, inodestart, bmapstart };
}

/** First data block: everything below it is metadata. */
export function dataStart(sb: Superblock): number {
  return sb.bmapstart + Math.floor(sb.size / BPB) + 1;
}

export function readSuperblock(block: Uint8Array): Superblock {
  const v = view(block);
  const sb = {} as Superblock;
  SB_FIELDS.forEach((f, i) => { sb[f] = v.getUint32(i * 4, true); });
  return sb;
}

export function writeSuperblock(block: Uint8Array, sb: Superblock): void {
  const v = view(block);
  SB_FIELDS.forEach((f, i) => v.setUint32(i * 4, sb[f], true));
}

/** struct dinode: short type, major, minor, nlink; uint size; uint addrs[NADDRS]. */
export interface Dinode {
  type: number;
  major: number;
  minor: number;
  nlink: number;
  size: number;
  addrs: number[];
}

export function readDinode(bytes: Uint8Array): Dinode {
  const v = view(bytes);
  const addrs: number[] = [];
  for (let i = 0; i < NADDRS; i++) addrs.push(v.getUint32(12 + 4 * i, true));
  return { type: v.getInt16(0, true), major: v.getInt16(2, true), minor: v.getInt16(4, true),
    nlink: v.getInt16(6, true), size: v.getUint32(8, true), addrs };
}

export function writeDinode(bytes: Uint8Array, d: Dinode): void {
  const v = view(bytes);
  v.setInt16(0, d.type, true);
  v.setInt16(2, d.major, true);
  v.setInt16(4, d.minor, true);
  v.setInt16(6, d.nlink, true);
  v.setUint32(8, d.size, true);
  for (let i = 0; i < NADDRS; i++) v.setUint32(12 + 4 * i, d.addrs[i] ?? 0, true);
}

/** struct dirent: ushort inum; char name[DIRSIZ], NUL-padded, not always NUL-ended. */
export interface Dirent {
  inum: number;
  name: string;
}

export function readDirent(bytes: Uint8Array): Dirent {
  const raw = bytes.subarray(2, 2 + DIRSIZ);
  const end = raw.indexOf(0);
  return { inum: view(bytes).getUint16(0, true), name: Buffer.from(raw.subarray(0, end < 0 ? DIRSIZ : end)).toString('latin1') };
}

export function writeDirent(bytes: Uint8Array, e: Dirent): void {
  view(bytes).setUint16(0, e.inum, true);
  bytes.fill(0, 2, 2 + DIRSIZ);
  bytes.set(Buffer.from(e.name, 'latin1').subarray(0, DIRSIZ), 2);
}

/** Log header block: int n; int block[nlog - 1]. n > 0 means a committed transaction. */
export interface LogHeader {
  n: number;
  blocks: number[];
}

export function readLogHeader(block: Uint8Array): LogHeader {
  const v = view(block);
  const n = v.getInt32(0, true);
  const blocks: number[] = [];
  for (let i = 0; i < Math.max(0, Math.min(n, BSIZE / 4 - 1)); i++) blocks.push(v.getUint32(4 + 4 * i, true));
  return { n, blocks };
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
