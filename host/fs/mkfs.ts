// Builds a file-system image: a root directory holding the given files.
// Blocks are handed out in order from the first data block, so the same
// inputs always give the same bytes.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  BSIZE, DIRENT_SIZE, DIRSIZ, MAXFILE, NADDRS, NDIRECT, NINDIRECT, ROOTINO, T_DEVICE, T_DIR, T_FILE,
  Dinode, planLayout, writeDirent, writeSuperblock, dataStart, Superblock,
} from './layout.js';
import { DiskImage, FsError } from './image.js';

export interface FileEntry {
  name: string;
  data: Uint8Array;
}

class Builder {
  readonly img: DiskImage;
  private nextBlock: number;
  private nextInode = ROOTINO;

  constructor(sb: Superblock) {
    this.img = new DiskImage(Buffer.alloc(sb.size * BSIZE), sb);
    writeSuperblock(this.img.block(1), sb);
    this.nextBlock = dataStart(sb);
  }

  ialloc(type: number, major = 0, minor = 0): number {
    if (this.nextInode >= this.img.sb.ninodes) throw new FsError(`out of inodes (the image has ${this.img.sb.ninodes})`);
    const inum = this.nextInode++;
    this.img.writeInode(inum, { type, major, minor, nlink: 1, size: 0, addrs: new Array(NADDRS).fill(0) });
    return inum;
  }

  /** A directory `name` in `parent`, with "." and ".." (which counts a link of the parent). */
  mkdir(parent: number, name: string): number {
    const dir = this.ialloc(T_DIR);
    this.dirlink(dir, '.', dir);
    this.dirlink(dir, '..', parent);
    this.dirlink(parent, name, dir);
    const p = this.img.readInode(parent);
    p.nlink++;
    this.img.writeInode(parent, p);
    return dir;
  }

  private balloc(): number {
    if (this.nextBlock >= this.img.sb.size) throw new FsError(`out of blocks (the image has ${this.img.sb.size})`);
    return this.nextBlock++;
  }

  /** Entry `i` of the address block `blk`, allocating it when zero. */
  private slot(blk: number, i: number): number {
    let b = this.img.readU32(blk, i);
    if (b === 0) {
      b = this.balloc();
      this.img.block(blk).writeUInt32LE(b, i * 4);
    }
    return b;
  }

  /** The data block for file block `fbn`, allocating it and its indirect blocks. */
  private blockFor(d: Dinode, fbn: number): number {
    if (fbn < NDIRECT) return (d.addrs[fbn] ||= this.balloc());
    fbn -= NDIRECT;
    if (fbn < NINDIRECT) return this.slot(d.addrs[NDIRECT] ||= this.balloc(), fbn);
    fbn -= NINDIRECT;
    const mid = this.slot(d.addrs[NDIRECT + 1] ||= this.balloc(), Math.floor(fbn / NINDIRECT));
    return this.slot(mid, fbn % NINDIRECT);
  }

  append(inum: number, data: Uint8Array): void {
    const d = this.img.readInode(inum);
    if (Math.ceil((d.size + data.length) / BSIZE) > MAXFILE) {
      throw new FsError(`file of ${d.size + data.length} bytes is larger than the largest file (${MAXFILE * BSIZE} bytes)`);
    }
    let done = 0;
    while (done < data.length) {
      const off = d.size % BSIZE;
      const n = Math.min(BSIZE - off, data.length - done);
      this.img.block(this.blockFor(d, Math.floor(d.size / BSIZE))).set(data.subarray(done, done + n), off);
      d.size += n;
      done += n;
    }
    this.img.writeInode(inum, d);
  }

  dirlink(dir: number, name: string, inum: number): void {
    const e = Buffer.alloc(DIRENT_SIZE);
    writeDirent(e, { inum, name });
    this.append(dir, e);
  }

  /** Every block below the allocation point (metadata included) is in use. */
  finish(): Buffer {
    for (let b = 0; b < this.nextBlock; b++) this.img.mark(b);
    return this.img.bytes;
  }
}

/** A file's name inside the image: its base name, without xv6's leading "_". */
export function imageName(path: string): string {
  const name = basename(path).replace(/^_/, '');
  if (name === '' || name === '.' || name === '..') throw new FsError(`${path}: not a usable file name`);
  if (Buffer.byteLength(name, 'latin1') > DIRSIZ) throw new FsError(`${path}: name "${name}" is longer than ${DIRSIZ} bytes`);
  return name;
}

// The consoles init would otherwise make at its first boot: `console` (UART0)
// and /dev/console1..7 (the pgroups' UARTs), device major 1, minor = UART. An
// image booted read-only from the start could not make them.
const CONSOLE_MAJOR = 1;
const GROUP_CONSOLES = 7;

function addConsoles(b: Builder, root: number): void {
  b.dirlink(root, 'console', b.ialloc(T_DEVICE, CONSOLE_MAJOR, 0));
  const dev = b.mkdir(root, 'dev');
  for (let k = 1; k <= GROUP_CONSOLES; k++) b.dirlink(dev, `console${k}`, b.ialloc(T_DEVICE, CONSOLE_MAJOR, k));
}

/** An image with a root directory holding `files`, in the order given, then
 *  the console device nodes when `consoles` is set (as `xv6-wasm mkfs` does). */
export function buildImage(files: FileEntry[], size?: number, consoles = false): Buffer {
  const b = new Builder(planLayout(size));
  const root = b.ialloc(T_DIR);
  if (root !== ROOTINO) throw new FsError('root directory did not get the root inode');
  b.dirlink(root, '.', root);
  b.dirlink(root, '..', root);
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.name)) throw new FsError(`two files are named "${f.name}" in the image`);
    seen.add(f.name);
    const inum = b.ialloc(T_FILE);
    b.dirlink(root, f.name, inum);
    b.append(inum, f.data);
  }
  if (consoles) {
    for (const name of ['console', 'dev']) if (seen.has(name)) throw new FsError(`"${name}" is made by mkfs itself; rename that file`);
    addConsoles(b, root);
  }
  return b.finish();
}

/** `xv6-wasm mkfs out.img files...`: returns a one-line summary. */
export function mkfs(out: string, paths: string[], size?: number): string {
  const files: FileEntry[] = paths.map((p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new FsError(`${p}: no such file`);
    }
    if (!st.isFile()) throw new FsError(`${p}: not a regular file (directories are not supported)`);
    return { name: imageName(p), data: readFileSync(p) };
  });
  const image = buildImage(files, size, true);
  try {
    writeFileSync(out, image);
  } catch (e) {
    throw new FsError(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const count = files.length === 1 ? '1 file' : `${files.length} files`;
  return `${out}: ${image.length / BSIZE} blocks, ${count}, console and /dev/console1..${GROUP_CONSOLES}`;
}
