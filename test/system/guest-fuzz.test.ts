// The guest fuzzers on 2 harts: fuzzinsn (pages of random instructions in
// child processes) and fuzzsys (random system calls with hostile
// arguments), both inside a pgroup, run from its console. Pass means no
// kernel panic, an emulator that is still up, a root shell that still
// answers, no process or page left over in the group, and a clean fsck
// of the image after halt.
//
// The seed is random per run and printed; XV6_FUZZ_SEED=N runs that seed
// again (XV6_FUZZ_INSNS and XV6_FUZZ_CALLS set the counts, XV6_FUZZ_LOG=FILE
// keeps the group's console, where the kernel reports each trap). XV6_LONG=1
// runs ten times as much.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../host/platform.js';
import { scratch, type Target } from './fs-guest.js';
import { boot, command, emulator, long, report, type Session } from './session.js';
import { SocketConsole } from './socket-console.js';

const seed = process.env.XV6_FUZZ_SEED ?? String(randomInt(2 ** 47));
const scale = long ? 10 : 1;
const INSNS = Number(process.env.XV6_FUZZ_INSNS ?? 1_000_000 * scale);
const CALLS = Number(process.env.XV6_FUZZ_CALLS ?? 100_000 * scale);
const RUN_MS = 300_000 * scale;
const cli = join(projectRoot, 'bin/xv6-wasm.js');

function withSerialDir(dir: string): Target {
  return {
    ...emulator,
    argv: (disk, cores) => [...emulator.argv(disk, cores), '--serial-dir', dir],
  };
}

/** The group's memory.current and pids.current, as root sees them. */
async function usage(s: Session): Promise<{ mem: number; pids: number }> {
  const out = await command(s, 'pgroup stat fz');
  const num = (k: string) => Number(out.match(new RegExp(`^\\s*${k}\\s+(\\d+)`, 'm'))?.[1]);
  return { mem: num('memory\\.current'), pids: num('pids\\.current') };
}

/** Runs a fuzzer on the group's console; its summary line. */
async function fuzz(fz: SocketConsole, line: string, done: RegExp): Promise<string> {
  const from = fz.output.length;
  const start = performance.now();
  fz.type(line);
  const m = await fz.waitFor(done, RUN_MS, from);
  report(line, (performance.now() - start) / 1000);
  // The shell's next prompt: the fuzzer and all it waited for are gone.
  await fz.waitFor(/\$ $/, 30_000, from + m.index! + m[0].length);
  console.log(`[fuzz] ${m[0].trim()}`);
  return m[0];
}

describe.skipIf(!emulator.available)('guest fuzzers', () => {
  let s: Session | undefined;
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    await s?.close();
    cleanup?.();
    s = undefined;
  });

  it(`survive ${INSNS} random instructions and ${CALLS} random system calls (XV6_FUZZ_SEED=${seed})`, async () => {
    console.log(`[fuzz] seed ${seed} (XV6_FUZZ_SEED=${seed} repeats this run)`);
    const dirs = scratch();
    cleanup = dirs.cleanup;
    const serial = join(dirs.dir, 'serial');
    s = await boot(withSerialDir(serial), 2);
    expect(await command(s, 'pgroup create fz -p 32 -m 8M')).toMatch(/^1\s*$/);
    const fz = await SocketConsole.open(serial, 1);
    try {
      await fz.waitFor(/\$ $/);
      // The group's shell reaps orphans while it runs a command.
      await fz.run('echo ready');
      const before = await usage(s);
      const insn = await fuzz(fz, `fuzzinsn ${seed} ${INSNS}`, /fuzzinsn: done: (\d+) instructions.*\n/);
      expect(Number(insn.match(/done: (\d+)/)![1])).toBeGreaterThanOrEqual(INSNS);
      const sys = await fuzz(fz, `fuzzsys ${seed} ${CALLS}`, /fuzzsys: done: (\d+) calls.*\n/);
      expect(Number(sys.match(/done: (\d+)/)![1])).toBeGreaterThanOrEqual(CALLS);
      expect(fz.output).not.toMatch(/panic/);
      // Every process gone and every page back: nothing leaked.
      await fz.run('echo reaped');
      const after = await usage(s);
      console.log(`[fuzz] group fz before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
      expect(after, await command(s, 'ps')).toEqual(before);
    } finally {
      if (process.env.XV6_FUZZ_LOG) writeFileSync(process.env.XV6_FUZZ_LOG, fz.output);
      fz.close();
    }
    expect(s.guest.output).not.toMatch(/panic/);
    expect(s.guest.running).toBe(true);
    expect(await command(s, 'echo still-here')).toContain('still-here');
    expect(await s.guest.halt()).toBe(0);
    const fsck = spawnSync(process.execPath, [cli, 'fsck', s.guest.disk], { encoding: 'utf8' });
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
  }, 2 * RUN_MS + 120_000);
});
