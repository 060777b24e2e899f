// The kernel's write-ahead log, as seen from the host. A header with n > 0
// means a transaction was committed but maybe not installed when the machine
// stopped; the kernel installs it at its next boot. fsck does the same on its
// in-memory copy, so it checks the file system the next boot will see.
import { BSIZE, readLogHeader } from './layout.js';
import { DiskImage } from './image.js';

export interface LogState {
  /** Blocks of a committed transaction waiting to be installed (0: none). */
  pending: number;
  /** Why the header cannot be trusted, or null. */
  problem: string | null;
}

export function inspectLog(img: DiskImage): LogState {
  const { sb } = img;
  const h = readLogHeader(img.block(sb.logstart));
  if (h.n === 0) return { pending: 0, problem: null };
  if (h.n < 0 || h.n > sb.nlog - 1) return { pending: 0, problem: `log header: ${h.n} blocks, but the log holds at most ${sb.nlog - 1}` };
  const bad = h.blocks.find((b) => b < sb.inodestart || b >= sb.size);
  if (bad !== undefined) return { pending: 0, problem: `log header: destination block ${bad} is not an inode, bitmap or data block` };
  return { pending: h.n, problem: null };
}

/** Installs a committed transaction into `img` and clears the header, as recovery at boot does. */
export function replayLog(img: DiskImage): number {
  const { pending, problem } = inspectLog(img);
  if (problem !== null || pending === 0) return 0;
  const h = readLogHeader(img.block(img.sb.logstart));
  h.blocks.forEach((home, i) => img.block(home).set(img.block(img.sb.logstart + 1 + i)));
  img.block(img.sb.logstart).fill(0, 0, BSIZE);
  return pending;
}

/** A copy of `bytes` as the next boot will see it, committed log installed. */
export function recoveredImage(bytes: Buffer): DiskImage {
  const img = new DiskImage(Buffer.from(bytes));
  replayLog(img);
  return img;
}
