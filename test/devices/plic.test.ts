import { describe, expect, it } from 'vitest';
import { Plic } from '../../host/devices/plic.js';
import { guest, hart } from '../../host/platform.js';
import { extIp, hartField, makeMemory, MEIP, SEIP, setWord, wake } from './shared-memory.js';

const PRIORITY = (id: number) => 4 * id;
const PENDING = 0x1000;
const ENABLE = (ctx: number) => 0x2000 + 0x80 * ctx;
const THRESHOLD = (ctx: number) => 0x200000 + 0x1000 * ctx;
const CLAIM = (ctx: number) => 0x200004 + 0x1000 * ctx;

function setup(nharts = 2) {
  const memory = makeMemory();
  const plic = new Plic(memory, nharts);
  plic.reset();
  return { memory, plic };
}

describe('PLIC', () => {
  it('sits where the platform table says', () => {
    const { plic } = setup();
    expect(plic.base).toBe(guest.PLIC_BASE);
  });

  it('keeps priorities per source, masked to 3 bits, and source 0 hard-wired to 0', () => {
    const { plic } = setup();
    plic.write(PRIORITY(10), 4, 5);
    plic.write(PRIORITY(1), 4, 0xff);
    plic.write(PRIORITY(0), 4, 3);
    expect(plic.read(PRIORITY(10), 4)).toBe(5);
    expect(plic.read(PRIORITY(1), 4)).toBe(7);
    expect(plic.read(PRIORITY(0), 4)).toBe(0);
  });

  it('shows a raised line as pending and sets SEIP only for an enabled S context above threshold', () => {
    const { memory, plic } = setup();
    plic.write(PRIORITY(10), 4, 1);
    plic.raise(10);
    expect(plic.read(PENDING, 4)).toBe(1 << 10);
    expect(extIp(memory, 0)).toBe(0); // nothing enabled yet
    plic.write(ENABLE(1), 4, 1 << 10); // hart 0, S-mode
    expect(extIp(memory, 0)).toBe(SEIP);
    expect(extIp(memory, 1)).toBe(0);
    plic.write(THRESHOLD(1), 4, 1); // priority must exceed threshold
    expect(extIp(memory, 0)).toBe(0);
    plic.write(THRESHOLD(1), 4, 0);
    expect(extIp(memory, 0)).toBe(SEIP);
    plic.write(ENABLE(2), 4, 1 << 10); // hart 1, M-mode
    expect(extIp(memory, 1)).toBe(MEIP);
  });

  it('wakes a hart when its external interrupt bit turns on', () => {
    const { memory, plic } = setup();
    setWord(memory, hartField(1, hart.HS_WAKE), 0);
    plic.write(PRIORITY(3), 4, 1);
    plic.write(ENABLE(3), 4, 1 << 3);
    expect(wake(memory, 1)).toBe(0);
    plic.raise(3);
    expect(wake(memory, 1)).toBe(1);
  });

  it('claims the highest priority first, lowest id on ties, and masks a claimed source until complete', () => {
    const { memory, plic } = setup(1);
    plic.write(ENABLE(1), 4, (1 << 1) | (1 << 5) | (1 << 7));
    plic.write(PRIORITY(1), 4, 2);
    plic.write(PRIORITY(5), 4, 6);
    plic.write(PRIORITY(7), 4, 2);
    plic.raise(1); plic.raise(5); plic.raise(7);
    expect(plic.read(CLAIM(1), 4)).toBe(5);
    expect(plic.read(CLAIM(1), 4)).toBe(1);
    expect(plic.read(CLAIM(1), 4)).toBe(7);
    expect(plic.read(CLAIM(1), 4)).toBe(0);
    expect(extIp(memory, 0)).toBe(0); // all claimed: nothing claimable
    // As in QEMU: completing does not re-sample a line left high (no storm
    // for a handler that leaves a cause asserted)...
    plic.write(CLAIM(1), 4, 5);
    expect(extIp(memory, 0)).toBe(0);
    expect(plic.read(CLAIM(1), 4)).toBe(0);
    // ...but a new request while claimed is served after completion.
    expect(plic.read(CLAIM(1), 4)).toBe(0);
    plic.raise(1); // source 1 is still claimed
    expect(extIp(memory, 0)).toBe(0);
    plic.write(CLAIM(1), 4, 1);
    expect(extIp(memory, 0)).toBe(SEIP);
    expect(plic.read(CLAIM(1), 4)).toBe(1);
    // A completion for a source never claimed changes nothing.
    plic.write(CLAIM(1), 4, 7);
    plic.write(CLAIM(1), 4, 7);
    expect(plic.read(CLAIM(1), 4)).toBe(0);
  });

  it('withdraws a request whose line drops before it is claimed', () => {
    const { memory, plic } = setup(1);
    plic.write(ENABLE(1), 4, 1 << 10);
    plic.write(PRIORITY(10), 4, 1);
    plic.raise(10);
    expect(extIp(memory, 0)).toBe(SEIP);
    plic.lower(10);
    expect(extIp(memory, 0)).toBe(0);
    expect(plic.read(CLAIM(1), 4)).toBe(0);
  });

  it('lets only one of two contexts claim the same interrupt', () => {
    const { memory, plic } = setup(2);
    plic.write(PRIORITY(10), 4, 1);
    plic.write(ENABLE(1), 4, 1 << 10);
    plic.write(ENABLE(3), 4, 1 << 10);
    plic.raise(10);
    expect(extIp(memory, 0)).toBe(SEIP);
    expect(extIp(memory, 1)).toBe(SEIP);
    expect(plic.read(CLAIM(3), 4)).toBe(10);
    expect(plic.read(CLAIM(1), 4)).toBe(0);
    expect(extIp(memory, 0)).toBe(0);
    expect(extIp(memory, 1)).toBe(0);
  });

  it('ignores contexts of harts that do not exist and enable bit 0', () => {
    const { plic } = setup(1);
    plic.write(ENABLE(2), 4, 0xffffffff);
    expect(plic.read(ENABLE(2), 4)).toBe(0);
    plic.write(ENABLE(0), 4, 0xffffffff);
    expect(plic.read(ENABLE(0), 4)).toBe(0xfffffffe);
    expect(plic.read(THRESHOLD(2), 4)).toBe(0);
  });
});
