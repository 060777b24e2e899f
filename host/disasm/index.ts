// RV64IMAC disassembler for --trace: one instruction word in, one line of
// objdump-style assembly out (`objdump -M no-aliases` spelling).
import { disassemble16 } from './rvc.js';
import { disassemble32 } from './rv64.js';

/** Instructions whose low two bits are not 11 are 16 bits long. */
export function isCompressed(insn: number): boolean {
  return (insn & 3) !== 3;
}

/** Disassembles the instruction `insn` found at `pc`; unknown encodings print as data. */
export function disassemble(insn: number, pc: number): string {
  if (isCompressed(insn)) {
    const h = insn & 0xffff;
    return disassemble16(h, pc) ?? `.short 0x${h.toString(16).padStart(4, '0')}`;
  }
  const w = insn >>> 0;
  return disassemble32(w, pc) ?? `.word 0x${w.toString(16).padStart(8, '0')}`;
}
