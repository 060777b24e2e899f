// --trace: single-steps a hart (the core retires exactly one instruction per
// run() call while tracing) and formats one line per retired instruction:
//
//   <hart> <pc, 16 hex> <raw instruction> <disassembly>  <rd>=<value, 16 hex>
//
// e.g. "0 0000000080000004 00a00513 addi a0,zero,10          a0=000000000000000a".
// The register part is absent when the instruction wrote no register. A trap
// taken in the step adds a line of its own (trap-line.ts).
import { disassemble, isCompressed } from '../disasm/index.js';
import { REG } from '../disasm/names.js';
import { hart } from '../platform.js';
import type { CoreExports } from './core.js';
import type { MemoryViews } from './memory.js';
import { formatTrapLine } from './trap-line.js';

const hex64 = (hi: number, lo: number) =>
  (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');

function formatTraceLine(hartid: number, pcHi: number, pcLo: number, insn: number, rd: number, rdHi: number, rdLo: number): string {
  const raw = isCompressed(insn) ? (insn & 0xffff).toString(16).padStart(4, '0').padStart(8) : (insn >>> 0).toString(16).padStart(8, '0');
  const pc = (pcHi >>> 0) * 2 ** 32 + (pcLo >>> 0);
  const text = `${hartid} ${hex64(pcHi, pcLo)} ${raw} ${disassemble(insn, pc)}`;
  return rd === 0 ? text + '\n' : `${text.padEnd(60)} ${REG[rd]}=${hex64(rdHi, rdLo)}\n`;
}

export class Tracer {
  private lines: string[] = [];
  private traps = 0;
  private readonly data: DataView;

  constructor(private readonly core: CoreExports, private readonly hartid: number, private readonly flushTo: (text: string) => void,
    private readonly views: MemoryViews) {
    core.setTrace(1);
    this.data = new DataView(views.memory.buffer as unknown as ArrayBuffer);
  }

  /** The line for the last trap the core recorded, if one came since the last look. */
  private trapLine(): string | null {
    const count = Atomics.load(this.views.i32, this.views.hartWord(this.hartid, hart.HS_TRAP_COUNT));
    if (count === this.traps) return null;
    const more = (count - this.traps - 1) >>> 0;
    this.traps = count;
    const field = (f: number) => this.data.getBigUint64(this.views.hartField(this.hartid, f), true);
    const modes = this.data.getUint32(this.views.hartField(this.hartid, hart.HS_TRAP_PRIV), true);
    const line = formatTrapLine(this.hartid, {
      cause: field(hart.HS_TRAP_CAUSE), tval: field(hart.HS_TRAP_TVAL), epc: field(hart.HS_TRAP_EPC),
      target: field(hart.HS_TRAP_TARGET), from: modes & 0xff, to: (modes >> 8) & 0xff,
    });
    return more > 0 ? `${this.hartid} trap (${more} more before this one)\n${line}` : line;
  }

  /** Runs one instruction and records its line; returns run()'s stop reason. */
  step(retiredBefore: number, retired: () => number): number {
    const c = this.core;
    const why = c.run(1);
    const trap = this.trapLine();
    if (trap) this.lines.push(trap);
    if (retired() !== retiredBefore) {
      this.lines.push(formatTraceLine(this.hartid, c.tracePcHi(), c.tracePcLo(), c.traceInsn(), c.traceRd(), c.traceRdHi(), c.traceRdLo()));
      if (this.lines.length >= 512) this.flush();
    } else {
      // Nothing retired (a trap, or WFI): show what led here now, in case it never ends.
      this.flush();
    }
    return why;
  }

  flush(): void {
    if (this.lines.length === 0) return;
    this.flushTo(this.lines.join(''));
    this.lines = [];
  }
}
