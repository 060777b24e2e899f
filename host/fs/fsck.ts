// Checks a file-system image the way the kernel will see it at its next boot
// (a committed log is installed first, in memory only: the file is never
// written). Problems are sentences, one per inconsistency.
import { readFileSync } from 'node:fs';
import {
  BSIZE, DIRENT_SIZE, IPB, LOGBLOCKS, MAGIC, MAXFILE, NDIRECT, NINDIRECT, ROOTINO, T_DEVICE, T_DIR, T_FILE,
  Dinode, dataStart, planLayout, readDirent,
} from './layout.js';
import { DiskImage, FsError } from './image.js';
import { inspectLog, replayLog } from './log.js';

export interface FsckResult {
  problems: string[];
  /** Blocks of a committed transaction installed (in memory) before checking. */
  replayed: number;
  inodesInUse: number;
  /** Allocated inodes no directory names and with no links: a crash came while
   *  they were open after their last unlink; the next boot frees them. */
  orphans: number;
  blocksInUse: number;
  dataBlocks: number;
}

/** Refuses images whose superblock does not describe the layout mkfs and the kernel use. */
function checkSuperblock(img: DiskImage): void {
  const sb = img.sb;
  if (sb.magic !== MAGIC) throw new FsError(`bad magic 0x${sb.magic.toString(16)} (not a file-system image)`);
  if (sb.size < 1 || sb.size > img.nblocksOnDisk) throw new FsError(`superblock says ${sb.size} blocks, the image has ${img.nblocksOnDisk}`);
  if (sb.nlog < 2 || sb.nlog > LOGBLOCKS || sb.ninodes < 2 || sb.ninodes > 65535) {
    throw new FsError(`superblock: ${sb.nlog} log blocks or ${sb.ninodes} inodes out of range`);
  }
  const want = planLayout(sb.size, sb.ninodes, sb.nlog);
  for (const f of ['nblocks', 'logstart', 'inodestart', 'bmapstart'] as const) {
    if (sb[f] !== want[f]) throw new FsError(`superblock: ${f} is ${sb[f]}, the layout needs ${want[f]}`);
  }
}

class Checker {
  readonly problems: string[] = [];
  /** Which inode (first) claimed each block. */
  private owner = new Map<number, number>();
  /** Directory entries naming each inode, its own "." excluded. */
  private refs = new Map<number, number>();
  private first: number;

  constructor(private img: DiskImage) {
    this.first = dataStart(img.sb);
  }

  private claim(inum: number, b: number, what: string): boolean {
    if (b < this.first || b >= this.img.sb.size) {
      this.problems.push(`inode ${inum}: ${what} block ${b} is outside the data area [${this.first}, ${this.img.sb.size})`);
      return false;
    }
    const prev = this.owner.get(b);
    if (prev !== undefined) {
      this.problems.push(`block ${b}: used twice (inode ${prev} and inode ${inum})`);
      return false;
    }
    this.owner.set(b, inum);
    if (!this.img.isMarked(b)) this.problems.push(`block ${b}: used by inode ${inum} but free in the bitmap`);
    return true;
  }

  /** Claims the blocks in the address block `ind`; returns the file blocks it maps. */
  private claimIndirect(inum: number, ind: number, depth: number, blocks: boolean[]): void {
    for (let i = 0; i < NINDIRECT; i++) {
      const b = this.img.readU32(ind, i);
      if (b === 0) { if (depth === 0) blocks.push(false); else for (let j = 0; j < NINDIRECT; j++) blocks.push(false); continue; }
      const ok = this.claim(inum, b, depth === 0 ? 'data' : 'indirect');
      if (depth === 0) blocks.push(ok);
      else if (ok) this.claimIndirect(inum, b, depth - 1, blocks);
      else for (let j = 0; j < NINDIRECT; j++) blocks.push(false);
    }
  }

  /** Claims every block of inode `inum`; checks its size against them. */
  checkBlocks(inum: number, d: Dinode): void {
    const present: boolean[] = [];
    for (let i = 0; i < NDIRECT; i++) present.push(d.addrs[i] !== 0 && this.claim(inum, d.addrs[i], 'data'));
    const tops = [d.addrs[NDIRECT], d.addrs[NDIRECT + 1]];
    tops.forEach((top, depth) => {
      const span = depth === 0 ? NINDIRECT : NINDIRECT * NINDIRECT;
      if (top !== 0 && this.claim(inum, top, 'indirect')) this.claimIndirect(inum, top, depth, present);
      else for (let j = 0; j < span; j++) present.push(false);
    });
    if (d.size > MAXFILE * BSIZE) {
      this.problems.push(`inode ${inum}: size ${d.size} is larger than the largest file`);
      return;
    }
    const used = Math.ceil(d.size / BSIZE);
    const hole = present.findIndex((p, i) => i < used && !p);
    if (hole >= 0) this.problems.push(`inode ${inum}: size ${d.size} but file block ${hole} is missing`);
    const extra = present.findIndex((p, i) => i >= used && p);
    if (extra >= 0) this.problems.push(`inode ${inum}: size ${d.size} but it has file block ${extra} beyond the end`);
  }

  checkDirectory(inum: number, d: Dinode, types: Map<number, number>): void {
    if (d.size % DIRENT_SIZE !== 0) this.problems.push(`directory ${inum}: size ${d.size} is not a whole number of entries`);
    // checkBlocks has said so; its entries cannot all be read.
    if (d.size > MAXFILE * BSIZE) return;
    const data = this.img.readFile(d);
    let dot = false;
    let dotdot = false;
    for (let off = 0; off + DIRENT_SIZE <= data.length; off += DIRENT_SIZE) {
      const e = readDirent(data.subarray(off, off + DIRENT_SIZE));
      if (e.inum === 0) continue;
      if (e.inum >= this.img.sb.ninodes || !types.has(e.inum)) {
        this.problems.push(`directory ${inum}: entry "${e.name}" names inode ${e.inum}, which is not allocated`);
        continue;
      }
      if (e.name === '.') {
        dot = true;
        if (e.inum !== inum) this.problems.push(`directory ${inum}: "." names inode ${e.inum}`);
        else continue;
      } else if (e.name === '..') {
        dotdot = true;
        if (types.get(e.inum) !== T_DIR) this.problems.push(`directory ${inum}: ".." names inode ${e.inum}, which is not a directory`);
        if (inum === ROOTINO && e.inum !== ROOTINO) this.problems.push(`root directory: ".." names inode ${e.inum}`);
      }
      this.refs.set(e.inum, (this.refs.get(e.inum) ?? 0) + 1);
    }
    if (!dot) this.problems.push(`directory ${inum}: no "." entry`);
    if (!dotdot) this.problems.push(`directory ${inum}: no ".." entry`);
  }

  run(): FsckResult {
    const { sb } = this.img;
    const inodes = new Map<number, Dinode>();
    const types = new Map<number, number>();
    for (let inum = 1; inum < sb.ninodes; inum++) {
      const d = this.img.readInode(inum);
      if (d.type === 0) continue;
      if (d.type !== T_DIR && d.type !== T_FILE && d.type !== T_DEVICE) {
        this.problems.push(`inode ${inum}: unknown type ${d.type}`);
        continue;
      }
      inodes.set(inum, d);
      types.set(inum, d.type);
    }
    if (types.get(ROOTINO) !== T_DIR) this.problems.push(`root inode ${ROOTINO} is not a directory`);
    for (const [inum, d] of inodes) this.checkBlocks(inum, d);
    for (const [inum, d] of inodes) if (d.type === T_DIR) this.checkDirectory(inum, d, types);
    let orphans = 0;
    for (const [inum, d] of inodes) {
      const n = this.refs.get(inum) ?? 0;
      if (n === 0 && d.nlink === 0) orphans++;
      if (n !== d.nlink) this.problems.push(`inode ${inum}: link count ${d.nlink} but ${n} directory entries name it`);
    }
    for (let b = 0; b < this.first; b++) {
      if (!this.img.isMarked(b)) this.problems.push(`block ${b}: metadata block free in the bitmap`);
    }
    for (let b = this.first; b < sb.size; b++) {
      if (this.img.isMarked(b) && !this.owner.has(b)) this.problems.push(`block ${b}: marked in use but no inode uses it`);
    }
    return { problems: this.problems, replayed: 0, inodesInUse: inodes.size, orphans, blocksInUse: this.owner.size, dataBlocks: sb.nblocks };
  }
}

/** Checks an image held in memory; `bytes` is not modified. */
export function checkImage(bytes: Buffer): FsckResult {
  const img = new DiskImage(Buffer.from(bytes));
  checkSuperblock(img);
  if (Math.floor(img.sb.ninodes / IPB) + 1 + img.sb.inodestart > img.sb.size) throw new FsError('superblock: inodes do not fit in the image');
  const log = inspectLog(img);
  const replayed = replayLog(img);
  const result = new Checker(img).run();
  if (log.problem !== null) result.problems.unshift(log.problem);
  result.replayed = replayed;
  return result;
}

/** `xv6-wasm fsck img`: problems (one per line) and a summary. */
export function fsck(path: string): FsckResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FsError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? (e as Error).message})`);
  }
  try {
    return checkImage(bytes);
  } catch (e) {
    if (e instanceof FsError) throw new FsError(`${path}: ${e.message}`);
    throw e;
  }
}

export function summary(path: string, r: FsckResult): string {
  const log = r.replayed > 0 ? `; the log holds a committed transaction of ${r.replayed} blocks, checked as the next boot will install it` : '';
  const orphans = r.orphans > 0 ? `; ${r.orphans} unlinked inodes still allocated, which the next boot frees` : '';
  return `${path}: clean: ${r.inodesInUse} inodes, ${r.blocksInUse} of ${r.dataBlocks} data blocks in use${log}${orphans}`;
}
