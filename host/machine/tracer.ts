// --trace: single-steps a hart (the core retires exactly one instruction per
// run() call while tracing) and formats one line per retired instruction:
//
//   <hart> <pc, 16 hex> <raw instruction> <disassembly>  <rd>=<value, 16 hex>
//
// e.g. "0 0000000080000004 00a00513 addi a0,zero,10          a0=000000000000000a".
// The register part is absent when the instruction wrote no register.
import { disassemble, isCompressed } from '../disasm/index.js';
import { REG } from '../disasm/names.js';
import type { CoreExports } from './core.js';

const hex64 = (hi: number, lo: number) =>
  (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');

export function formatTraceLine(hartid: number, pcHi: number, pcLo: number, insn: number, rd: number, rdHi: number, rdLo: number): string {
  const raw = isCompressed(insn) ? (insn & 0xffff).toString(16).padStart(4, '0').padStart(8) : (insn >>> 0).toString(16).padStart(8, '0');
  const pc = (pcHi >>> 0) * 2 ** 32 + (pcLo >>> 0);
  const text = `${hartid} ${hex64(pcHi, pcLo)} ${raw} ${disassemble(insn, pc)}`;
  return rd === 0 ? text + '\n' : `${text.padEnd(60)} ${REG[rd]}=${hex64(rdHi, rdLo)}\n`;
}

export class Tracer {
  private lines: string[] = [];

  constructor(private readonly core: CoreExports, private readonly hartid: number, private readonly flushTo: (text: string) => void) {
    core.setTrace(1);
  }

  /** Runs one instruction and records its line; returns run()'s stop reason. */
  step(retiredBefore: number, retired: () => number): number {
    const c = this.core;
    const why = c.run(1);
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
