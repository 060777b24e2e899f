// One virtio block request (virtio 1.x, section 5.2.6), carried out against
// the disk file: a 16-byte header (type, reserved, sector) in device-readable
// buffers, data, and a status byte at the very end of the last
// device-writable buffer. The spec lets drivers split these across
// descriptors any way they like, so everything below works on byte streams.
//
// Shared state: guest RAM (through GuestRam, which bumps PAGEGEN for what it
// writes) and the disk file descriptor, shared by every thread of the
// process; the caller holds the device's lock, so requests never interleave.
// Writes reach the file with fs.writeSync before the caller publishes the
// used-ring entry: a host killed right after completion loses nothing.
import * as fs from 'node:fs';
import { DiskFile } from './device.js';
import { GuestRam } from './guest-ram.js';
import { QueueBroken, Segment } from './virtqueue.js';

export const SECTOR = 512;
export const T_IN = 0;
export const T_OUT = 1;
export const T_FLUSH = 4;
export const T_GET_ID = 8;
export const S_OK = 0;
export const S_IOERR = 1;
export const S_UNSUPP = 2;
const HEADER_BYTES = 16;
const ID_BYTES = 20;
const DISK_ID = 'xv6-wasm-disk';

interface Piece { paddr: number; len: number }

/** The part of a stream of buffers from byte `skip` on, `limit` bytes long. */
function slice(segs: Piece[], skip: number, limit: number): Piece[] {
  const out: Piece[] = [];
  for (const s of segs) {
    if (limit <= 0) break;
    if (skip >= s.len) { skip -= s.len; continue; }
    const len = Math.min(s.len - skip, limit);
    out.push({ paddr: s.paddr + skip, len });
    limit -= len;
    skip = 0;
  }
  return out;
}

const total = (segs: Piece[]): number => segs.reduce((n, s) => n + s.len, 0);

export interface Completion {
  /** Bytes written into the driver's buffers (the used-ring length). */
  used: number;
  /** The request type from the header (T_*), or -1 when it could not be read. */
  type: number;
}

/** Carry out the request in `chain`. Throws QueueBroken when there is nowhere
 *  to put a status byte. */
export function executeRequest(ram: GuestRam, disk: DiskFile, chain: Segment[]): Completion {
  const last = chain[chain.length - 1];
  if (!last.writable || last.len === 0 || !last.inRam) throw new QueueBroken('no status byte');
  const statusAddr = last.paddr + last.len - 1;
  const readable = chain.filter((s) => !s.writable);
  const writable = chain.filter((s) => s.writable);
  const dataIn = slice(writable, 0, total(writable) - 1);

  let status = S_IOERR;
  let written = 0;
  let type = -1;
  if (chain.every((s) => s.inRam) && total(readable) >= HEADER_BYTES) {
    const header = gather(ram, slice(readable, 0, HEADER_BYTES));
    type = header.getUint32(0, true);
    try {
      [status, written] = perform(ram, disk, header, readable, dataIn);
    } catch {
      status = S_IOERR; // the host file failed us (EIO, ENOSPC): the guest hears of it
    }
  }
  ram.bytes[ram.at(statusAddr)] = status;
  ram.markWritten(statusAddr, 1);
  return { used: written + 1, type };
}

/** The bytes of `pieces`, copied out of guest RAM into one buffer. */
function gather(ram: GuestRam, pieces: Piece[]): DataView {
  const out = new Uint8Array(total(pieces));
  let at = 0;
  for (const p of pieces) { out.set(ram.bytes.subarray(ram.at(p.paddr), ram.at(p.paddr) + p.len), at); at += p.len; }
  return new DataView(out.buffer);
}

function perform(ram: GuestRam, disk: DiskFile, hv: DataView, readable: Piece[], dataIn: Piece[]): [number, number] {
  const type = hv.getUint32(0, true);
  const offset = (hv.getUint32(12, true) * 2 ** 32 + hv.getUint32(8, true)) * SECTOR;
  const capacity = Math.floor(disk.bytes / SECTOR) * SECTOR;

  switch (type) {
    case T_IN: {
      const len = total(dataIn);
      if (offset + len > capacity) return [S_IOERR, 0];
      let pos = offset;
      for (const p of dataIn) {
        const a = ram.at(p.paddr);
        const got = fs.readSync(disk.fd, ram.bytes, a, p.len, pos);
        if (got < p.len) ram.bytes.fill(0, a + got, a + p.len);
        ram.markWritten(p.paddr, p.len);
        pos += p.len;
      }
      return [S_OK, len];
    }
    case T_OUT: {
      const data = slice(readable, HEADER_BYTES, Infinity);
      if (disk.readonly || offset + total(data) > capacity) return [S_IOERR, 0];
      let pos = offset;
      for (const p of data) {
        let done = 0;
        while (done < p.len) done += fs.writeSync(disk.fd, ram.bytes, ram.at(p.paddr) + done, p.len - done, pos + done);
        pos += p.len;
      }
      return [S_OK, 0];
    }
    case T_FLUSH:
      if (!disk.readonly) fs.fsyncSync(disk.fd);
      return [S_OK, 0];
    case T_GET_ID: {
      const id = new Uint8Array(ID_BYTES);
      id.set(new TextEncoder().encode(DISK_ID));
      let n = 0;
      for (const p of slice(dataIn, 0, ID_BYTES)) {
        ram.bytes.set(id.subarray(n, n + p.len), ram.at(p.paddr));
        ram.markWritten(p.paddr, p.len);
        n += p.len;
      }
      return [S_OK, n];
    }
    default:
      return [S_UNSUPP, 0];
  }
}
