// A booted machine for the whole-system tests: a fresh copy of build/fs.img,
// the guest driven through its console (fs-guest.ts's Guest), the time it
// took to reach the first "$ " prompt, and cleanup that kills the machine
// and removes the copy.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { join } from 'node:path';
import { projectRoot } from '../../host/platform.js';
import { Guest, Target, scratch, targets } from './fs-guest.js';

export const fsImage = join(projectRoot, 'build/fs.img');

/** The machines to test on: ours always, QEMU when it is installed. */
export const machines: Target[] = targets.map((t) => ({ ...t, available: t.available && existsSync(fsImage) }));
export const emulator = machines.find((t) => t.name === 'emulator')!;
export const qemu = machines.find((t) => t.name === 'qemu')!;

/** XV6_LONG=1 (npm run test:long) adds the slow variants. */
export const long = process.env.XV6_LONG === '1';

export interface Session {
  guest: Guest;
  /** Seconds from starting the machine to the first prompt. */
  bootSeconds: number;
  /** Kills the machine if it still runs and removes the disk copy. */
  close(): Promise<void>;
}

/** Boots and waits for `ready` in the output (the shell's first prompt). */
export async function boot(target: Target, cores: number, promptMs = 120_000, ready = /\$ $/): Promise<Session> {
  const { dir, cleanup } = scratch();
  const start = performance.now();
  const guest = Guest.withCopy(target, fsImage, join(dir, 'fs.img'), cores);
  const close = async () => {
    guest.kill();
    await guest.exited;
    cleanup();
  };
  try {
    await guest.waitFor(ready, promptMs);
  } catch (e) {
    await close();
    throw e;
  }
  return { guest, bootSeconds: (performance.now() - start) / 1000, close };
}

/**
 * One guest booted before the tests of the calling describe block and shut
 * down after them, for tests that only run commands and leave nothing the
 * next would trip on; a test about a crash, a halt, an exit status or a
 * fresh disk boots its own. Call the returned function inside a test.
 */
export function sharedGuest(target: Target, cores: number): () => Session {
  let s: Session | undefined;
  beforeAll(async () => {
    s = await boot(target, cores);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => {
    if (!s) throw new Error(`the shared guest on ${target.name} did not boot`);
    return s;
  };
}

/** Runs a command line and returns what it printed, without the echoed command and the prompt. */
export async function command(s: Session, line: string, ms = 60_000): Promise<string> {
  const out = (await s.guest.run(line, ms)).replace(/\r/g, '');
  const body = out.startsWith(line + '\n') ? out.slice(line.length + 1) : out;
  return body.replace(/\$ $/, '');
}

/** One line for the test log, so that runs can be compared. */
export function report(what: string, seconds: number): void {
  console.log(`[timing] ${what}: ${seconds.toFixed(1)} s`);
}

/**
 * Types a guest test suite's command line and waits for its verdict line
 * (`verdict`), which must be `passed`, with no panic on the way; logs its
 * time under `what`. Returns where the verdict starts in the output.
 */
export async function expectSuitePasses(s: Session, what: string, line: string, verdict: RegExp, passed: string, ms: number): Promise<number> {
  const from = s.guest.output.length;
  const start = performance.now();
  s.guest.type(line);
  const m = await s.guest.waitFor(verdict, ms, from);
  report(what, (performance.now() - start) / 1000);
  const out = s.guest.output.slice(from);
  expect(out).not.toMatch(/panic/);
  expect(m[0], out.slice(-3000)).toBe(passed);
  return from + out.indexOf(passed);
}
