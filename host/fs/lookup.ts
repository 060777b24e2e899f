// Finding files by path in an image, for tests and tools on the host.
import { DIRENT_SIZE, ROOTINO, T_DIR, Dinode, readDirent } from './layout.js';
import { DiskImage } from './image.js';

/** The entries of directory `dir`: name -> inode number. */
export function listDirectory(img: DiskImage, dir: Dinode): Map<string, number> {
  const data = img.readFile(dir);
  const out = new Map<string, number>();
  for (let off = 0; off + DIRENT_SIZE <= data.length; off += DIRENT_SIZE) {
    const e = readDirent(data.subarray(off, off + DIRENT_SIZE));
    if (e.inum !== 0) out.set(e.name, e.inum);
  }
  return out;
}

/** The inode number at `path` (slash-separated, from the root), or undefined. */
export function lookup(img: DiskImage, path: string): number | undefined {
  let inum = ROOTINO;
  for (const name of path.split('/').filter(Boolean)) {
    const d = img.readInode(inum);
    if (d.type !== T_DIR) return undefined;
    const next = listDirectory(img, d).get(name);
    if (next === undefined) return undefined;
    inum = next;
  }
  return inum;
}

/** The contents of the file at `path`, or undefined when there is none. */
export function readPath(img: DiskImage, path: string): Buffer | undefined {
  const inum = lookup(img, path);
  return inum === undefined ? undefined : img.readFile(img.readInode(inum));
}
