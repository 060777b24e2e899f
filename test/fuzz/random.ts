// A seeded PRNG for the fuzzers (mulberry32): a failing case is replayed by
// its seed. XV6_FUZZ_SEED picks the seed; otherwise it is drawn and printed.

export function fuzzSeed(name: string): number {
  const fromEnv = process.env.XV6_FUZZ_SEED;
  const seed = fromEnv !== undefined ? Number(fromEnv) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  console.log(`[fuzz] ${name}: seed ${seed} (replay with XV6_FUZZ_SEED=${seed})`);
  return seed;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 2^32). */
  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 2 ** 32) * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  /** A value a hostile field might hold: 0, small, near a power of two, all ones, or random. */
  hostile(bits: 16 | 32 | 64): bigint {
    const max = (1n << BigInt(bits)) - 1n;
    const r = this.below(6);
    if (r === 0) return 0n;
    if (r === 1) return BigInt(this.below(256));
    if (r === 2) return max;
    if (r === 3) return (1n << BigInt(this.below(bits))) + BigInt(this.below(3)) - 1n & max;
    if (r === 4) return max - BigInt(this.below(4096));
    return (BigInt(this.u32()) << 32n | BigInt(this.u32())) & max;
  }

  flipBits(bytes: Uint8Array, n: number, from = 0, to = bytes.length): void {
    if (to <= from) return;
    for (let i = 0; i < n; i++) bytes[from + this.below(to - from)] ^= 1 << this.below(8);
  }
}

/** Writes an unsigned little-endian field of `bytes` bits, if it fits. */
export function setField(b: Uint8Array, at: number, bits: 16 | 32 | 64, v: bigint): void {
  if (at < 0 || at + bits / 8 > b.length) return;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (bits === 16) view.setUint16(at, Number(v & 0xffffn), true);
  else if (bits === 32) view.setUint32(at, Number(v & 0xffffffffn), true);
  else view.setBigUint64(at, v, true);
}
