// Whole-system GDB tests' pieces: our kernel booted as `xv6-wasm boot
// --gdb 0` does (a fresh disk copy, the console on pipes), the port it
// listens on, and gdb-multiarch run in batch mode against it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../host/platform.js';
import { Guest, kernelPath, scratch, type Target } from '../system/fs-guest.js';
import { boot, machines, type Session } from '../system/session.js';

export const GDB = 'gdb-multiarch';
export const hasGdb = spawnSync(GDB, ['--version']).status === 0;
export const canBoot = machines.find((t) => t.name === 'emulator')!.available;

export interface Debugged extends Session {
  port: number;
}

/** Boots with a GDB stub; with `wait`, the harts hold before their first instruction. */
export async function bootDebugged(cores: number, wait: boolean): Promise<Debugged> {
  const target: Target = {
    name: 'emulator with --gdb', available: canBoot,
    argv: (disk, n) => [process.execPath, join(projectRoot, 'bin/xv6-wasm.js'), 'boot', '--kernel', kernelPath, '--disk', disk,
      '--cores', String(n), '--gdb', '0', ...(wait ? ['-S'] : [])],
  };
  const listening = /GDB server on 127\.0\.0\.1:(\d+)/;
  const s = await boot(target, cores, 30_000, listening);
  return { ...s, port: Number(listening.exec(s.guest.output)![1]) };
}

/** gdb-multiarch -batch on the kernel's symbols, attached to port, running
 *  `commands` (one GDB command a line; loops allowed) from a script file. */
export function startGdb(port: number, commands: string[]): Guest {
  const { dir, cleanup } = scratch();
  const script = join(dir, 'script.gdb');
  const text = ['set pagination off', 'set confirm off', 'set width 0', `target remote :${port}`, ...commands].join('\n') + '\n';
  writeFileSync(script, text);
  const gdb: Target = {
    name: 'gdb', available: hasGdb,
    argv: () => [GDB, '-q', '-nx', '-batch', kernelPath, '-x', script],
  };
  const guest = new Guest(gdb, '', 0);
  void guest.exited.then(cleanup);
  return guest;
}

/** Runs a GDB script to its end and returns everything GDB printed. */
export async function gdbBatch(port: number, commands: string[], ms = 90_000): Promise<string> {
  const gdb = startGdb(port, commands);
  const t = setTimeout(() => gdb.kill(), ms);
  await gdb.exited;
  clearTimeout(t);
  return gdb.output;
}
