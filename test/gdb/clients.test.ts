// The stub's manners with clients that are not a well-behaved GDB: a second
// client, malformed packets, a client gone mid-packet. None of them may stop
// or crash the machine, and the first client keeps its session. Raw
// protocol, so no gdb-multiarch needed.
import { afterEach, describe, expect, it } from 'vitest';
import { readElfFile } from '../../host/machine/elf.js';
import { kernelPath } from '../system/fs-guest.js';
import { bootDebugged, canBoot, type Debugged } from './debugged.js';
import { RspClient } from './rsp-client.js';

let m: Debugged | null = null;
afterEach(async () => {
  await m?.close();
  m = null;
});

const hex = (s: string) => Buffer.from(s).toString('hex');

/** A machine at its shell prompt with a raw client attached (the harts held). */
async function attached(cores: number): Promise<RspClient> {
  m = await bootDebugged(cores, false);
  await m.guest.waitFor(/\$ $/, 60_000);
  const c = await RspClient.open(m.port);
  expect(await c.ask('?')).toMatch(/^T05thread:1;$/);
  return c;
}

/** Detaches c and checks that the shell answers again. */
async function detachAndType(c: RspClient, word: string): Promise<void> {
  expect(await c.ask('D')).toBe('OK');
  c.close();
  expect(await m!.guest.run(`echo ${word}`, 30_000)).toMatch(new RegExp(word));
}

describe.skipIf(!canBoot)('GDB clients', () => {
  const syscallAt = canBoot ? readElfFile(kernelPath).symbols.get('syscall')! : 0;

  it('refuses a second client with an error packet while the first keeps its session', async () => {
    const first = await attached(2);
    expect(await first.ask('qSupported:swbreak+')).toMatch(/PacketSize=/);
    const second = await RspClient.open(m.port);
    expect(await second.ask('qSupported')).toMatch(/^E\.xv6-wasm: another debugger is attached/);
    await second.reply(5000).catch(() => {});
    expect(second.closed).toBe(true);
    // The first still talks to held harts.
    expect(await first.ask('qfThreadInfo')).toBe('m1,2');
    expect(await first.ask('g')).toMatch(/^[0-9a-f]{528}$/);
    await detachAndType(first, 'after-detach');
  });

  it('answers malformed packets cleanly and never stops the machine for them', async () => {
    const c = await attached(1);
    // A bad checksum is refused ('-') and not acted on; the next good one is.
    c.raw('$g#00');
    expect(await c.ask('qC')).toBe('QC1');
    for (const [bad, answer] of [
      ['m', /^E/], ['mzz,4', /^E/], ['m80000000', /^E/], ['M80000000,4:zz', /^E/], ['X80000000,4:ab', /^E/],
      ['p', /^E/], ['Pzz=1', /^E/], ['G00', /^E/], ['Z9,0,0', /^E/], ['Z0,0', /^E/], ['Hgzz', /^E/], ['T99', /^E/],
      ['qRcmd,zz', /^E/], ['qXfer:features:read:nope.xml:0,10', /^E/], ['vCont;x', /^E/], ['\u00ff\u00fe', /^$/],
      ['qThisIsNotAThing', /^$/], ['m0,4', /^E14$/],
    ] as [string, RegExp][]) {
      expect(await c.ask(bad), bad).toMatch(answer);
    }
    // Each `monitor` command says something, an unknown one too.
    expect(Buffer.from(await c.ask('qRcmd,' + hex('no such command')), 'hex').toString()).toMatch(/unknown monitor command/);
    expect(Buffer.from(await c.ask('qRcmd,' + hex('info pgroups')), 'hex').toString()).toMatch(/^0\s+root\s+running/m);
    expect(Buffer.from(await c.ask('qRcmd,' + hex('xp 0x80000000 16')), 'hex').toString()).toMatch(/^0000000080000000: ([0-9a-f]{2} ){15}[0-9a-f]{2}$/m);
    expect(Buffer.from(await c.ask('qRcmd,' + hex('info mem')), 'hex').toString()).toMatch(/satp|no translation/);
    await detachAndType(c, 'still-here');
  });

  it('lets the machine run on when a client goes away in the middle of a packet', async () => {
    const c = await attached(2);
    // Breakpoints set, then gone with the client: none may stop the machine.
    expect(await c.ask(`Z0,${syscallAt.toString(16)},2`)).toBe('OK');
    c.raw('$m80000000,4#');
    c.close();
    expect(await m.guest.run('echo after-the-cut', 30_000)).toMatch(/after-the-cut/);
    // A new client is welcome, and can stop and release the harts again.
    const again = await RspClient.open(m.port);
    expect(await again.ask('?')).toMatch(/^T05/);
    again.raw('$vCont;c#a8');
    again.raw('\x03');
    expect(await again.reply()).toMatch(/^T02thread:[12];$/);
    await detachAndType(again, 'released');
  });
});
