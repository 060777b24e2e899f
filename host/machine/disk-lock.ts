// Who has a disk image open, so that two emulators never write one image at
// once (QEMU takes the same kind of lock). Node has neither flock nor fcntl
// locks, so the lock is a directory of holder files, one per open image:
//
//   <tmpdir>/xv6-wasm-locks/<st_dev>-<st_ino>.<pid>.<start>.<n>.<w|r>
//
// The key is the image's device and inode, not its path: a symlink, a hard
// link or another spelling of the path finds the same holders, and a
// directory the user may not write (a read-only image in /usr/share) needs
// no lock file beside it.
//
// Taking the lock: create our own holder file first, then list the others.
// A writer conflicts with every other holder, a reader with writers only
// (readers share; a writer and a reader never do, because the reader's
// kernel caches blocks the writer changes under it). Two emulators that
// start together both create before they list, so at least one of them sees
// the other: at worst both give up, never both write.
//
// A holder is alive while its pid runs and that process started when the
// file says (on Linux, /proc/<pid>/stat field 22 and the boot id), so a lock
// left by an emulator killed with SIGKILL is recognised as stale and removed,
// even once its pid has been reused. Elsewhere only the pid is checked.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class DiskLockError extends Error {}

export interface DiskLock {
  release(): void;
}

let counter = 0;
const held = new Set<string>();
let exitHook = false;

/** Where holder files live; XV6_WASM_LOCK_DIR moves it (tests). */
function lockDir(): string {
  return process.env.XV6_WASM_LOCK_DIR ?? join(tmpdir(), 'xv6-wasm-locks');
}

/** A token that changes when a pid is reused or the host reboots ('' if unknown). */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
    return `${boot}-${fields[19]}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') return null;
    return '';
  }
}

function alive(pid: number, start: string): boolean {
  if (process.platform === 'linux') {
    const now = processStart(pid);
    if (now === null) return false;
    if (now !== '' && start !== '' && now !== start) return false;
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Holder { key: string; file: string; pid: number; start: string; writer: boolean }

function parseHolder(file: string): Holder | null {
  const m = /^(\d+-\d+)\.(\d+)\.([^.]*)\.(\d+)\.([wr])$/.exec(file);
  return m ? { key: m[1], file, pid: Number(m[2]), start: m[3], writer: m[5] === 'w' } : null;
}

function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Shared by every user, like /tmp: anyone may add a holder file.
    chmodSync(dir, 0o1777);
  } catch {
    // Someone else's directory that already allows us: listing will tell.
  }
}

function removeHeld(): void {
  for (const path of held) {
    try { unlinkSync(path); } catch { /* already gone */ }
  }
  held.clear();
}

/**
 * Locks the image whose stat is (dev, ino), for writing or shared reading.
 * Throws DiskLockError naming the live holder's pid when it conflicts.
 */
export function lockDisk(path: string, dev: number, ino: number, writer: boolean): DiskLock {
  const dir = lockDir();
  ensureDir(dir);
  const key = `${dev}-${ino}`;
  const mine = `${key}.${process.pid}.${processStart(process.pid) ?? ''}.${counter++}.${writer ? 'w' : 'r'}`;
  const own = join(dir, mine);
  try {
    writeFileSync(own, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
  } catch (e) {
    throw new DiskLockError(`${path}: cannot lock the image (${(e as NodeJS.ErrnoException).code ?? (e as Error).message} in ${dir})`);
  }
  held.add(own);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', removeHeld);
  }
  const release = () => {
    if (!held.delete(own)) return;
    try { unlinkSync(own); } catch { /* already gone */ }
  };
  // Every dead holder goes, whatever its image: killed emulators' files
  // would otherwise pile up for images nobody opens again.
  for (const file of readdirSync(dir)) {
    const h = parseHolder(file);
    if (!h || h.file === mine) continue;
    if (!alive(h.pid, h.start)) {
      try { unlinkSync(join(dir, file)); } catch { /* another starter removed it */ }
      continue;
    }
    if (h.key !== key || (!writer && !h.writer)) continue;
    release();
    const them = h.pid === process.pid ? 'this process' : `process ${h.pid}`;
    const how = h.writer ? 'for writing' : 'read-only';
    throw new DiskLockError(`${path}: in use by ${them}, which has it open ${how}`);
  }
  return { release };
}
