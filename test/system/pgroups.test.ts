// pgroups seen from outside the guest, as a user of `boot --serial-dir`
// sees them: each group's shell on its own console socket, isolation
// between them, limits that hold while the root shell stays responsive,
// CPU shared by weight, and the freezer. Each test boots its own machine.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../host/platform.js';
import { Guest, kernelPath, scratch, type Target } from './fs-guest.js';
import { command, emulator, fsImage, report, type Session } from './session.js';
import { SocketConsole } from './socket-console.js';

interface Machine extends Session {
  dir: string;
  consoles: SocketConsole[];
  /** Opens group k's console (UART k). */
  console(k: number): Promise<SocketConsole>;
}

async function bootWithConsoles(cores: number): Promise<Machine> {
  const { dir, cleanup } = scratch();
  const serial = join(dir, 'serial');
  const target: Target = {
    name: 'emulator', available: true,
    argv: (disk, n) => [process.execPath, join(projectRoot, 'bin/xv6-wasm.js'), 'boot', '--kernel', kernelPath,
      '--disk', disk, '--cores', String(n), '--serial-dir', serial],
  };
  const start = performance.now();
  const guest = Guest.withCopy(target, fsImage, join(dir, 'fs.img'), cores);
  const consoles: SocketConsole[] = [];
  const close = async () => {
    for (const c of consoles) c.close();
    guest.kill();
    await guest.exited;
    cleanup();
  };
  try {
    await guest.waitFor(/\$ $/, 120_000);
  } catch (e) {
    await close();
    throw e;
  }
  return {
    guest, dir: serial, consoles, close, bootSeconds: (performance.now() - start) / 1000,
    async console(k: number) {
      const c = await SocketConsole.open(serial, k);
      consoles.push(c);
      return c;
    },
  };
}

/** `pgroup stat NAME` as numbers (cpu.max and the like keep their first number). */
async function stat(m: Machine, name: string): Promise<Record<string, number>> {
  return (await stats(m, [name]))[0];
}

function parseStat(out: string): Record<string, number> {
  const kv: Record<string, number> = {};
  for (const line of out.split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined) kv[k] = v === 'max' ? Infinity : Number(v);
  }
  expect(kv['cpu.stat.usage_usec'], out).toBeTypeOf('number');
  return kv;
}

/** Several groups' stats read by one command line, so that they are read
 *  milliseconds apart in the guest rather than a host round trip apart. */
async function stats(m: Machine, names: string[]): Promise<Record<string, number>[]> {
  const out = await command(m, names.map((n) => `pgroup stat ${n}`).join('; echo ==; '));
  return out.split(/^==\s*$/m).map(parseStat);
}

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!emulator.available)('pgroups over --serial-dir', () => {
  let m: Machine | undefined;
  afterEach(async () => {
    await m?.close();
    m = undefined;
  });

  it('gives each group its own shell, console, pids and hostname', async () => {
    m = await bootWithConsoles(2);
    expect(await command(m, 'pgroup create web -m 4M')).toMatch(/^1\s*$/);
    expect(await command(m, 'pgroup create db -p 16')).toMatch(/^2\s*$/);
    const web = await m.console(1);
    const db = await m.console(2);
    await Promise.all([web.waitFor(/\$ $/), db.waitFor(/\$ $/)]);
    const rootFrom = m.guest.output.length;
    // Typed into both at once: each answer lands on its own console only.
    const [w, d] = await Promise.all([web.run('echo from-web'), db.run('echo from-db')]);
    expect(w).toContain('from-web');
    expect(d).toContain('from-db');
    expect(web.output).not.toContain('from-db');
    expect(db.output).not.toContain('from-web');
    expect(m.guest.output.slice(rootFrom)).not.toMatch(/from-(web|db)/);
    expect(await web.run('hostname')).toMatch(/^web\s*$/);
    // Inside: its own pid namespace (its shell is pid 1), only its processes.
    const ps = await web.run('ps');
    expect(ps).toMatch(/^\s*1\s+web\s+\S+\s+\d+\s+sh\s*$/m);
    expect(ps).not.toMatch(/\binit\b/);
    // Root, the spectator, sees every group's processes.
    const all = await command(m, 'ps');
    expect(all).toMatch(/\binit\b/);
    expect(all).toMatch(/^\s*\d+\s+web\s+\S+\s+\d+\s+sh\s*$/m);
    expect(all).toMatch(/^\s*\d+\s+db\s+\S+\s+\d+\s+sh\s*$/m);
    // A group cannot manage groups or switch the machine off.
    expect(await web.run('pgroup create x')).toMatch(/only the root group/);
    await web.run('halt');
    expect(m.guest.running).toBe(true);
  });

  it('holds pids.max and memory.max while the root shell keeps answering', async () => {
    m = await bootWithConsoles(2);
    expect(await command(m, 'pgroup create bomb -p 8 -m 2M')).toMatch(/^1\s*$/);
    // A fork bomb whose every process also eats memory.
    expect(await command(m, 'pgroup run bomb hog both')).toMatch(/^\d+\s*$/);
    // Let the bomb reach its limit, then time the root shell.
    await sleepMs(1000);
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      expect(await command(m, `echo alive${i}`)).toContain(`alive${i}`);
      latencies.push(performance.now() - t0);
    }
    console.log(`[pgroups] root echo during a fork bomb and a memory hog in a group: ${latencies.map((t) => t.toFixed(0)).join(', ')} ms`);
    const st = await stat(m, 'bomb');
    expect(st['pids.current']).toBeLessThanOrEqual(8);
    expect(st['pids.events.max']).toBeGreaterThan(0);
    expect(st['memory.peak']).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(st['memory.events.max']).toBeGreaterThan(0);
    console.log(`[pgroups] memory.peak ${st['memory.peak']} of memory.max ${st['memory.max']}; pids ${st['pids.current']}/8`);
    // Kill and remove: every page comes back.
    await command(m, 'pgroup rm -f bomb', 60_000);
    expect(await command(m, 'pgroup ls')).not.toMatch(/\bbomb\b/);
  });

  for (const cores of [1, 2]) {
    it(`divides CPU 1:3 by cpu.weight 100:300 on ${cores} hart${cores > 1 ? 's' : ''}`, async () => {
      m = await bootWithConsoles(cores);
      await command(m, 'pgroup create light -c 100');
      await command(m, 'pgroup create heavy -c 300');
      // Two busy processes per group, so that two harts can both be used.
      await command(m, 'pgroup run light par 2 hog spin');
      await command(m, 'pgroup run heavy par 2 hog spin');
      await sleepMs(1000);
      const [a0, b0] = await stats(m, ['light', 'heavy']);
      await sleepMs(5000);
      const [a1, b1] = await stats(m, ['light', 'heavy']);
      const light = a1['cpu.stat.usage_usec'] - a0['cpu.stat.usage_usec'];
      const heavy = b1['cpu.stat.usage_usec'] - b0['cpu.stat.usage_usec'];
      const ratio = heavy / light;
      console.log(`[pgroups] ${cores} hart(s): heavy/light usage ${ratio.toFixed(3)} (${heavy} / ${light} us)`);
      expect(light).toBeGreaterThan(0);
      // 10%: a hart whose host thread was descheduled charges that time to
      // the group it ran, and a charge late in the window stays unbalanced.
      expect(ratio).toBeGreaterThan(3 * 0.9);
      expect(ratio).toBeLessThan(3 * 1.1);
    }, 180_000);
  }

  it('freezes a group (its CPU use stops) and thaws it (it goes on)', async () => {
    m = await bootWithConsoles(2);
    await command(m, 'pgroup create ice');
    await command(m, 'pgroup run ice hog spin');
    await sleepMs(500);
    await command(m, 'pgroup freeze ice');
    expect((await stat(m, 'ice'))['cgroup.freeze']).toBe(1);
    expect(await command(m, 'pgroup ls')).toMatch(/\bice\s+frozen\b/);
    const u1 = (await stat(m, 'ice'))['cpu.stat.usage_usec'];
    await sleepMs(1500);
    const u2 = (await stat(m, 'ice'))['cpu.stat.usage_usec'];
    expect(u2).toBe(u1);
    await command(m, 'pgroup thaw ice');
    await sleepMs(1000);
    const st = await stat(m, 'ice');
    expect(st['cgroup.freeze']).toBe(0);
    expect(st['cpu.stat.usage_usec']).toBeGreaterThan(u2);
  });

  it('passes usertests -q inside a group', async () => {
    m = await bootWithConsoles(2);
    await command(m, 'pgroup create ut');
    const ut = await m.console(1);
    await ut.waitFor(/\$ $/);
    const from = ut.output.length;
    const start = performance.now();
    ut.type('usertests -q');
    const r = await ut.waitFor(/ALL TESTS PASSED|SOME TESTS FAILED.*\n/, 600_000, from);
    report('usertests -q inside a group, 2 harts', (performance.now() - start) / 1000);
    expect(ut.output.slice(from)).not.toMatch(/panic/);
    expect(r[0], ut.output.slice(-3000)).toBe('ALL TESTS PASSED');
    expect(m.guest.output).not.toMatch(/panic/);
  }, 700_000);
});
