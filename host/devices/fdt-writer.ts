// Serialises a flattened device tree blob (Devicetree Specification v0.4,
// chapter 5: "Flattened Devicetree (DTB) Format"), version 17: header, memory
// reservation block, structure block, strings block, all big-endian.
//
// Shared state: none; a main-thread helper.

const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_END = 9;
const HEADER_BYTES = 40;
const VERSION = 17;
const LAST_COMPATIBLE_VERSION = 16;

export class FdtWriter {
  private struct: number[] = []; // 32-bit big-endian words once emitted
  private strings: number[] = [];
  private stringOffsets = new Map<string, number>();
  private depth = 0;

  beginNode(name: string): this {
    this.word(FDT_BEGIN_NODE);
    this.bytesPadded(nulTerminated(name));
    this.depth++;
    return this;
  }

  endNode(): this {
    if (this.depth === 0) throw new Error('endNode without beginNode');
    this.word(FDT_END_NODE);
    this.depth--;
    return this;
  }

  /** A property with raw bytes as its value. */
  prop(name: string, value: Uint8Array): this {
    this.word(FDT_PROP);
    this.word(value.length);
    this.word(this.nameOffset(name));
    this.bytesPadded(value);
    return this;
  }

  /** A property with no value (a flag such as interrupt-controller). */
  flag(name: string): this {
    return this.prop(name, new Uint8Array(0));
  }

  /** A <u32 ...> cell list. */
  cells(name: string, ...values: number[]): this {
    const b = new Uint8Array(4 * values.length);
    const v = new DataView(b.buffer);
    values.forEach((x, i) => v.setUint32(4 * i, x >>> 0));
    return this.prop(name, b);
  }

  /** A string, or a string list when given several. */
  strs(name: string, ...values: string[]): this {
    const parts = values.map(nulTerminated);
    const b = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { b.set(p, at); at += p.length; }
    return this.prop(name, b);
  }

  finish(bootCpuId = 0): Uint8Array {
    if (this.depth !== 0) throw new Error(`${this.depth} nodes left open`);
    this.word(FDT_END);
    const rsvmap = 16; // one all-zero entry ends the (empty) reservation list
    const offStruct = HEADER_BYTES + rsvmap;
    const structBytes = 4 * this.struct.length;
    const offStrings = offStruct + structBytes;
    const total = offStrings + this.strings.length;
    const out = new Uint8Array(total);
    const v = new DataView(out.buffer);
    const header = [FDT_MAGIC, total, offStruct, offStrings, HEADER_BYTES, VERSION, LAST_COMPATIBLE_VERSION,
      bootCpuId, this.strings.length, structBytes];
    header.forEach((x, i) => v.setUint32(4 * i, x));
    this.struct.forEach((x, i) => v.setUint32(offStruct + 4 * i, x));
    out.set(this.strings, offStrings);
    return out;
  }

  private word(x: number): void {
    this.struct.push(x >>> 0);
  }

  private bytesPadded(b: Uint8Array): void {
    for (let i = 0; i < b.length; i += 4) {
      this.word(((b[i] << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0);
    }
  }

  private nameOffset(name: string): number {
    let off = this.stringOffsets.get(name);
    if (off === undefined) {
      off = this.strings.length;
      this.stringOffsets.set(name, off);
      this.strings.push(...nulTerminated(name));
    }
    return off;
  }
}

function nulTerminated(s: string): Uint8Array {
  const e = new TextEncoder().encode(s);
  const b = new Uint8Array(e.length + 1);
  b.set(e);
  return b;
}
