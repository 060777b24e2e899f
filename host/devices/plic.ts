// Platform-Level Interrupt Controller as on QEMU's virt machine (RISC-V PLIC
// spec 1.0.0): priorities per source 1..PLIC_NDEV, a pending bit per source,
// per-context enables and thresholds, claim/complete; context 2h is hart h's
// M-mode, 2h+1 its S-mode.
//
// Shared state: everything lives in PLIC_STATE (layout below) and every hart's
// thread and the main thread have their own Plic object over it. One
// SharedLock word serialises every change (line level, pending, claimed,
// enables, priorities, thresholds) together with the recomputation of each
// hart's HS_EXT_IP bits, so two harts claiming at once get different
// interrupts and a raise racing a complete is never lost. HS_EXT_IP itself is
// only changed with Atomics.or/and (the core reads it without the lock).
//
// Gateways behave as QEMU 7.2's sifive_plic does, which is what kernels
// written against QEMU expect: every raise() is a request that makes the
// source pending (even while it is claimed: it is then claimable again after
// completion); lower() withdraws a request not yet claimed; claiming clears
// pending and masks the source until completion; completion does NOT
// re-sample the line. So a handler that leaves a cause asserted (stock xv6
// never reads the 16550's IIR, leaving THRE pending) gets one interrupt, not
// a storm, and devices raise again on every event that sets a cause, as
// QEMU's devices do (see uart16550.ts and virtio-blk.ts).
import { MmioDevice, WriteResult } from './device.js';
import { SharedLock } from './shared-lock.js';
import { hartWordIndex, wakeHart } from './signals.js';
import { guest, hart, wasm } from '../platform.js';

//  PLIC_STATE, in 32-bit words
//  ┌─────┬───────┬─────────┬─────────┬──────────────────┬────────────────────┬──────────────────────┐
//  │lock │ level │ pending │ claimed │ priority[0..31]  │ enable[ctx 0..15]  │ threshold[ctx 0..15] │
//  │  0  │   1   │    2    │    3    │  32..63          │  64..79            │  96..111             │
//  └─────┴───────┴─────────┴─────────┴──────────────────┴────────────────────┴──────────────────────┘
const W_LOCK = 0;
const W_LEVEL = 1;
const W_PENDING = 2;
const W_CLAIMED = 3;
const W_PRIORITY = 32;
const W_ENABLE = 64;
const W_THRESHOLD = 96;
const PLIC_STATE_WORDS = 128;

// Register offsets, RISC-V PLIC spec chapter "Memory Map".
const PRIORITY_END = 0x1000;
const PENDING = 0x1000;
const ENABLE_BASE = 0x2000;
const ENABLE_STRIDE = 0x80;
const CONTEXT_BASE = 0x200000;
const CONTEXT_STRIDE = 0x1000;

// QEMU virt implements 3 priority bits (levels 0..7).
const PRIORITY_MASK = 7;
const MEIP = 1 << 11;
const SEIP = 1 << 9;

const NDEV = guest.PLIC_NDEV;
if (NDEV > 31) throw new Error('plic.ts keeps one 32-bit word per bitmap: PLIC_NDEV must be at most 31');
/** Bits 1..NDEV: source 0 means "no interrupt" and never exists. */
const SOURCES = (NDEV === 31 ? 0xffffffff : (2 ** (NDEV + 1) - 1)) & ~1;

export class Plic implements MmioDevice {
  readonly base = guest.PLIC_BASE;
  readonly size = guest.PLIC_SIZE;
  private readonly words: Int32Array;
  private readonly state: number;
  private readonly lock: SharedLock;
  private readonly contexts: number;

  constructor(memory: WebAssembly.Memory, private readonly nharts: number) {
    this.words = new Int32Array(memory.buffer);
    this.state = wasm.PLIC_STATE_BASE >>> 2;
    this.lock = new SharedLock(this.words, this.state + W_LOCK);
    this.contexts = 2 * nharts;
  }

  /** Zero all PLIC state; once, before any hart runs. */
  reset(): void {
    this.words.fill(0, this.state, this.state + PLIC_STATE_WORDS);
    for (let h = 0; h < this.nharts; h++) Atomics.and(this.words, hartWordIndex(h, hart.HS_EXT_IP), ~(MEIP | SEIP));
  }

  /** Drive line `irq` (1..NDEV) high and request an interrupt. Callable
   *  from any thread. */
  raise(irq: number): void {
    const bit = 1 << irq;
    // Each line is driven by one device, under that device's own lock, so a
    // request already pending needs nothing (the level is high with it).
    if ((Atomics.load(this.words, this.state + W_PENDING) & bit) !== 0) return;
    this.lock.acquire();
    try {
      Atomics.or(this.words, this.state + W_LEVEL, bit);
      Atomics.or(this.words, this.state + W_PENDING, bit);
      this.update();
    } finally {
      this.lock.release();
    }
  }

  /** Drive line `irq` low, withdrawing a request not yet claimed. Callable
   *  from any thread. */
  lower(irq: number): void {
    const bit = 1 << irq;
    if ((Atomics.load(this.words, this.state + W_LEVEL) & bit) === 0) return;
    this.lock.acquire();
    try {
      Atomics.and(this.words, this.state + W_LEVEL, ~bit);
      Atomics.and(this.words, this.state + W_PENDING, ~bit);
      this.update();
    } finally {
      this.lock.release();
    }
  }

  read(offset: number, size: number): number {
    if (size !== 4 || (offset & 3) !== 0) return 0;
    const s = this.state;
    if (offset < PRIORITY_END) {
      const id = offset >>> 2;
      return id >= 1 && id <= NDEV ? Atomics.load(this.words, s + W_PRIORITY + id) : 0;
    }
    if (offset === PENDING) return Atomics.load(this.words, s + W_PENDING) >>> 0;
    const enableCtx = this.enableContext(offset);
    if (enableCtx >= 0) return Atomics.load(this.words, s + W_ENABLE + enableCtx) >>> 0;
    if (offset >= CONTEXT_BASE) {
      const ctx = (offset - CONTEXT_BASE) / CONTEXT_STRIDE | 0;
      const reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
      if (ctx >= this.contexts) return 0;
      if (reg === 0) return Atomics.load(this.words, s + W_THRESHOLD + ctx);
      if (reg === 4) return this.claim(ctx);
    }
    return 0;
  }

  write(offset: number, size: number, value: number): WriteResult {
    if (size !== 4 || (offset & 3) !== 0) return WriteResult.Done;
    const s = this.state;
    let target = -1;
    let masked = 0;
    if (offset < PRIORITY_END) {
      const id = offset >>> 2;
      if (id >= 1 && id <= NDEV) { target = s + W_PRIORITY + id; masked = value & PRIORITY_MASK; }
    } else {
      const enableCtx = this.enableContext(offset);
      if (enableCtx >= 0) {
        target = s + W_ENABLE + enableCtx;
        masked = value & SOURCES;
      } else if (offset >= CONTEXT_BASE) {
        const ctx = (offset - CONTEXT_BASE) / CONTEXT_STRIDE | 0;
        const reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
        if (ctx < this.contexts && reg === 0) { target = s + W_THRESHOLD + ctx; masked = value & PRIORITY_MASK; }
        if (ctx < this.contexts && reg === 4) this.complete(ctx, value >>> 0);
      }
    }
    if (target >= 0) {
      this.lock.acquire();
      try {
        Atomics.store(this.words, target, masked);
        this.update();
      } finally {
        this.lock.release();
      }
    }
    return WriteResult.Done;
  }

  /** The context whose enable word 0 is at `offset`, or -1. Words past the
   *  first cover sources beyond NDEV: they read 0 and ignore writes. */
  private enableContext(offset: number): number {
    if (offset < ENABLE_BASE || offset >= ENABLE_BASE + ENABLE_STRIDE * this.contexts) return -1;
    const rel = offset - ENABLE_BASE;
    return rel % ENABLE_STRIDE === 0 ? rel / ENABLE_STRIDE : -1;
  }

  private claim(ctx: number): number {
    // Nothing claimable right now is an answer that needs no lock.
    const s = this.state;
    if ((Atomics.load(this.words, s + W_PENDING) & ~Atomics.load(this.words, s + W_CLAIMED)
      & Atomics.load(this.words, s + W_ENABLE + ctx)) === 0) return 0;
    this.lock.acquire();
    try {
      const id = this.best(ctx);
      if (id !== 0) {
        Atomics.and(this.words, this.state + W_PENDING, ~(1 << id));
        Atomics.or(this.words, this.state + W_CLAIMED, 1 << id);
        this.update();
      }
      return id;
    } finally {
      this.lock.release();
    }
  }

  private complete(ctx: number, id: number): void {
    if (id < 1 || id > NDEV) return;
    const bit = 1 << id;
    const s = this.state;
    // The spec lets a PLIC ignore completions for sources not enabled for the
    // context; QEMU does, and so do we.
    if ((Atomics.load(this.words, s + W_ENABLE + ctx) & bit) === 0) return;
    this.lock.acquire();
    try {
      if ((Atomics.load(this.words, s + W_CLAIMED) & bit) === 0) return;
      Atomics.and(this.words, s + W_CLAIMED, ~bit);
      this.update();
    } finally {
      this.lock.release();
    }
  }

  /** Highest-priority claimable source for `ctx` above its threshold, lowest
   *  id on ties, 0 if none. Caller holds the lock. */
  private best(ctx: number): number {
    const s = this.state;
    let candidates = Atomics.load(this.words, s + W_PENDING) & ~Atomics.load(this.words, s + W_CLAIMED)
      & Atomics.load(this.words, s + W_ENABLE + ctx);
    let bestId = 0;
    let bestPriority = Atomics.load(this.words, s + W_THRESHOLD + ctx);
    while (candidates !== 0) {
      const id = 31 - Math.clz32(candidates & -candidates);
      candidates &= candidates - 1;
      const p = Atomics.load(this.words, s + W_PRIORITY + id);
      if (p > bestPriority) { bestPriority = p; bestId = id; }
    }
    return bestId;
  }

  /** Recompute MEIP/SEIP of every hart; wake a hart whose bit turns on.
   *  Caller holds the lock. */
  private update(): void {
    for (let ctx = 0; ctx < this.contexts; ctx++) {
      const h = ctx >>> 1;
      const bit = (ctx & 1) === 0 ? MEIP : SEIP;
      const index = hartWordIndex(h, hart.HS_EXT_IP);
      if (this.best(ctx) !== 0) {
        if ((Atomics.or(this.words, index, bit) & bit) === 0) wakeHart(this.words, h);
      } else {
        Atomics.and(this.words, index, ~bit);
      }
    }
  }
}
