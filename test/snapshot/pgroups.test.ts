// A snapshot of a machine with two busy pgroups, each on its own console
// socket (--serial-dir): after a restore both groups are there with their
// limits, their shells answer on new sockets, and the CPU hog in one of
// them is still running.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Guest } from '../system/fs-guest.js';
import { scratch } from '../system/fs-guest.js';
import { command, emulator, type Session } from '../system/session.js';
import { SocketConsole } from '../system/socket-console.js';
import { bootCopy, restore, snapshot, stop } from './machine.js';

const session = (guest: Guest): Session => ({ guest, bootSeconds: 0, close: () => stop(guest) });

describe.skipIf(!emulator.available)('snapshots of pgroups', () => {
  const { dir, cleanup } = scratch();
  const guests: Guest[] = [];
  const consoles: SocketConsole[] = [];
  afterEach(async () => {
    for (const c of consoles.splice(0)) c.close();
    for (const g of guests.splice(0)) await stop(g);
    cleanup();
  });

  it('restores both groups, their consoles and their limits', async () => {
    const first = bootCopy(dir, 2, ['--serial-dir', join(dir, 'before')]);
    guests.push(first);
    await first.waitFor(/\$ $/, 120_000);
    expect(await command(session(first), 'pgroup create a -m 2M')).toMatch(/^1\s*$/);
    expect(await command(session(first), 'pgroup create b -p 16')).toMatch(/^2\s*$/);
    const a = await SocketConsole.open(join(dir, 'before'), 1);
    const b = await SocketConsole.open(join(dir, 'before'), 2);
    consoles.push(a, b);
    await Promise.all([a.waitFor(/\$ $/), b.waitFor(/\$ $/)]);
    await b.run('hog spin &');
    expect(await a.run('echo in-a > a.txt')).toBe('');
    await snapshot(first);
    await stop(guests.pop()!);

    const again = restore(join(dir, 'fs.img.snap'), ['--serial-dir', join(dir, 'after')]);
    guests.push(again);
    const root = session(again);
    const ls = await command(root, 'pgroup ls');
    expect(ls).toMatch(/^1\s+a\s+running\s+\d+\/max\s+\S+\/2M\b/m);
    expect(ls).toMatch(/^2\s+b\s+running\s+2\/16\b/m);
    const a2 = await SocketConsole.open(join(dir, 'after'), 1);
    const b2 = await SocketConsole.open(join(dir, 'after'), 2);
    consoles.push(a2, b2);
    expect(await a2.run('hostname')).toMatch(/^a\s*$/);
    expect(await a2.run('cat a.txt')).toMatch(/^in-a\s*$/);
    expect(await b2.run('ps')).toMatch(/\bhog\b/);
    // The hog goes on using the CPU it was given.
    const usage = async () => Number(/cpu\.stat\.usage_usec\s+(\d+)/.exec(await command(root, 'pgroup stat b'))?.[1]);
    const used = await usage();
    await new Promise((r) => setTimeout(r, 500));
    expect(await usage()).toBeGreaterThan(used);
  }, 300_000);
});
