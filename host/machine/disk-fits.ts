// The checks a disk gets before our kernel boots from it, so that an image
// too small for its file system is one line from the host instead of a
// failed request and a kernel panic in the guest. What the superblock says
// beyond its size is left to the kernel, which names what it finds wrong.
import { readSync } from 'node:fs';
import type { DiskFile } from '../devices/device.js';
import { BSIZE, MAGIC, MIN_FS_BLOCKS, readSuperblock } from '../fs/layout.js';
import { DiskError } from './disk.js';

export function checkDiskFits(disk: DiskFile): void {
  const blocks = Math.floor(disk.bytes / BSIZE);
  const sbBytes = Buffer.alloc(BSIZE);
  const got = blocks >= 2 ? readSync(disk.fd, sbBytes, 0, BSIZE, BSIZE) : 0;
  const sb = got === BSIZE ? readSuperblock(sbBytes) : null;
  if (sb && sb.magic === MAGIC) {
    if (sb.size > blocks) throw new DiskError(`${disk.path}: too small: ${blocks} blocks, but its file system has ${sb.size}`);
    return;
  }
  if (blocks < MIN_FS_BLOCKS) throw new DiskError(`${disk.path}: too small: ${blocks} blocks (a file system needs at least ${MIN_FS_BLOCKS})`);
}
