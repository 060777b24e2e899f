// A file-system image held in memory: blocks, inodes, the free bitmap and
// file contents by block address. mkfs builds one, fsck reads one.
import {
  BSIZE, BPB, DINODE_SIZE, IPB, NDIRECT, NINDIRECT, MAXFILE,
  Dinode, Superblock, readDinode, readSuperblock, writeDinode,
} from './layout.js';

/** A user-facing failure: one line, no stack trace. */
export class FsError extends Error {}

export class DiskImage {
  readonly bytes: Buffer;
  sb: Superblock;

  constructor(bytes: Buffer, sb?: Superblock) {
    if (bytes.length % BSIZE !== 0 || bytes.length < 2 * BSIZE) {
      throw new FsError(`image is ${bytes.length} bytes, not a whole number (at least 2) of ${BSIZE}-byte blocks`);
    }
    this.bytes = bytes;
    this.sb = sb ?? readSuperblock(this.block(1));
  }

  get nblocksOnDisk(): number {
    return this.bytes.length / BSIZE;
  }

  /** A live view of block `b`: writes go to the image. */
  block(b: number): Buffer {
    if (!Number.isInteger(b) || b < 0 || b >= this.nblocksOnDisk) throw new FsError(`block ${b} is outside the image`);
    return this.bytes.subarray(b * BSIZE, (b + 1) * BSIZE);
  }

  /** The block that holds inode `inum`. */
  inodeBlock(inum: number): number {
    return this.sb.inodestart + Math.floor(inum / IPB);
  }

  private inodeBytes(inum: number): Buffer {
    const off = (inum % IPB) * DINODE_SIZE;
    return this.block(this.inodeBlock(inum)).subarray(off, off + DINODE_SIZE);
  }

  readInode(inum: number): Dinode {
    return readDinode(this.inodeBytes(inum));
  }

  writeInode(inum: number, d: Dinode): void {
    writeDinode(this.inodeBytes(inum), d);
  }

  /** The bitmap block and bit that say whether block `b` is in use. */
  bitOf(b: number): { block: number; byte: number; mask: number } {
    const bit = b % BPB;
    return { block: this.sb.bmapstart + Math.floor(b / BPB), byte: bit >> 3, mask: 1 << (bit & 7) };
  }

  isMarked(b: number): boolean {
    const { block, byte, mask } = this.bitOf(b);
    return (this.block(block)[byte] & mask) !== 0;
  }

  mark(b: number): void {
    const { block, byte, mask } = this.bitOf(b);
    this.block(block)[byte] |= mask;
  }

  readU32(block: number, index: number): number {
    return this.block(block).readUInt32LE(index * 4);
  }

  /**
   * The block addresses holding file block `fbn` of inode `d`: the data block
   * last, preceded by the indirect blocks on the way. Zero where unallocated.
   */
  pathToBlock(d: Dinode, fbn: number): number[] {
    if (fbn < NDIRECT) return [d.addrs[fbn]];
    fbn -= NDIRECT;
    if (fbn < NINDIRECT) {
      const ind = d.addrs[NDIRECT];
      return ind === 0 ? [0] : [ind, this.readU32(ind, fbn)];
    }
    fbn -= NINDIRECT;
    if (fbn >= NINDIRECT * NINDIRECT) throw new FsError(`file block ${fbn} beyond the largest file (${MAXFILE} blocks)`);
    const dbl = d.addrs[NDIRECT + 1];
    if (dbl === 0) return [0];
    const mid = this.readU32(dbl, Math.floor(fbn / NINDIRECT));
    if (mid === 0) return [dbl, 0];
    return [dbl, mid, this.readU32(mid, fbn % NINDIRECT)];
  }

  /** The contents of inode `d` (its first `d.size` bytes; holes read as zero). */
  readFile(d: Dinode): Buffer {
    const out = Buffer.alloc(d.size);
    for (let off = 0; off < d.size; off += BSIZE) {
      const path = this.pathToBlock(d, off / BSIZE);
      const b = path[path.length - 1];
      if (b !== 0) this.block(b).copy(out, off, 0, Math.min(BSIZE, d.size - off));
    }
    return out;
  }
}
