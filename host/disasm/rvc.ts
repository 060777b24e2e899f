// 16-bit RV64C instructions, printed in their own c.* names (as objdump
// -M no-aliases does) rather than as their 32-bit expansions, so the trace
// shows what is really in memory. Immediates are scattered over the
// instruction in a different order for every format: see the RISC-V
// unprivileged spec, chapter "C" Standard Extension, tables 16.5-16.7.
import { hex, REG } from './names.js';

/** Bit b of h, moved to position `to`. */
const bit = (h: number, b: number, to: number) => ((h >>> b) & 1) << to;
/** Bits hi..lo of h, moved so that bit lo lands at position `to`. */
const bits = (h: number, hi: number, lo: number, to: number) => ((h >>> lo) & ((1 << (hi - lo + 1)) - 1)) << to;
const sext = (v: number, width: number) => (v << (32 - width)) >> (32 - width);

/** The 3-bit register fields of the compressed formats name x8..x15. */
const rp = (field: number) => REG[8 + (field & 7)];

const target = (pc: number, offset: number) => (pc + offset).toString(16);

export function disassemble16(h: number, pc: number): string | null {
  const f3 = h >>> 13;
  const rd = REG[(h >>> 7) & 31];
  const rs2 = REG[(h >>> 2) & 31];
  const rdp = rp(h >>> 2);
  const rs1p = rp(h >>> 7);
  const imm6 = sext(bit(h, 12, 5) | bits(h, 6, 2, 0), 6);
  switch (((h & 3) << 3) | f3) {
    // quadrant 0
    case 0o00: {
      const imm = bits(h, 12, 11, 4) | bits(h, 10, 7, 6) | bit(h, 6, 2) | bit(h, 5, 3);
      return imm === 0 ? null : `c.addi4spn ${rdp},sp,${imm}`;
    }
    case 0o02: return `c.lw ${rdp},${bits(h, 12, 10, 3) | bit(h, 6, 2) | bit(h, 5, 6)}(${rs1p})`;
    case 0o03: return `c.ld ${rdp},${bits(h, 12, 10, 3) | bits(h, 6, 5, 6)}(${rs1p})`;
    case 0o06: return `c.sw ${rdp},${bits(h, 12, 10, 3) | bit(h, 6, 2) | bit(h, 5, 6)}(${rs1p})`;
    case 0o07: return `c.sd ${rdp},${bits(h, 12, 10, 3) | bits(h, 6, 5, 6)}(${rs1p})`;
    // quadrant 1
    case 0o10: return `c.addi ${rd},${imm6}`;
    case 0o11: return rd === 'zero' ? null : `c.addiw ${rd},${imm6}`;
    case 0o12: return `c.li ${rd},${imm6}`;
    case 0o13: {
      if (((h >>> 7) & 31) === 2) {
        const imm = sext(bit(h, 12, 9) | bit(h, 6, 4) | bit(h, 5, 6) | bits(h, 4, 3, 7) | bit(h, 2, 5), 10);
        return imm === 0 ? null : `c.addi16sp sp,${imm}`;
      }
      return imm6 === 0 ? null : `c.lui ${rd},${hex(imm6 & 0xfffff)}`;
    }
    case 0o14: return arith(h, rs1p, rdp);
    case 0o15: {
      const imm = bit(h, 12, 11) | bit(h, 11, 4) | bits(h, 10, 9, 8) | bit(h, 8, 10) | bit(h, 7, 6) | bit(h, 6, 7) | bits(h, 5, 3, 1) | bit(h, 2, 5);
      return `c.j ${target(pc, sext(imm, 12))}`;
    }
    case 0o16:
    case 0o17: {
      const imm = bit(h, 12, 8) | bits(h, 11, 10, 3) | bits(h, 6, 5, 6) | bits(h, 4, 3, 1) | bit(h, 2, 5);
      return `${f3 === 6 ? 'c.beqz' : 'c.bnez'} ${rs1p},${target(pc, sext(imm, 9))}`;
    }
    // quadrant 2
    case 0o20: return `c.slli ${rd},${hex(imm6 & 63)}`;
    case 0o22: return rd === 'zero' ? null : `c.lwsp ${rd},${bit(h, 12, 5) | bits(h, 6, 4, 2) | bits(h, 3, 2, 6)}(sp)`;
    case 0o23: return rd === 'zero' ? null : `c.ldsp ${rd},${bit(h, 12, 5) | bits(h, 6, 5, 3) | bits(h, 4, 2, 6)}(sp)`;
    case 0o24: {
      const rs1Zero = rd === 'zero';
      const rs2Zero = rs2 === 'zero';
      if ((h & 0x1000) === 0) {
        if (rs2Zero) return rs1Zero ? null : `c.jr ${rd}`;
        return `c.mv ${rd},${rs2}`;
      }
      if (rs2Zero) return rs1Zero ? 'c.ebreak' : `c.jalr ${rd}`;
      return `c.add ${rd},${rs2}`;
    }
    case 0o26: return `c.swsp ${rs2},${bits(h, 12, 9, 2) | bits(h, 8, 7, 6)}(sp)`;
    case 0o27: return `c.sdsp ${rs2},${bits(h, 12, 10, 3) | bits(h, 9, 7, 6)}(sp)`;
  }
  return null;
}

// Quadrant 1, funct3 100: shifts, andi and the register-register group.
function arith(h: number, rd: string, rs2: string): string | null {
  const shamt = bit(h, 12, 5) | bits(h, 6, 2, 0);
  switch ((h >>> 10) & 3) {
    case 0: return `c.srli ${rd},${hex(shamt)}`;
    case 1: return `c.srai ${rd},${hex(shamt)}`;
    case 2: return `c.andi ${rd},${sext(shamt, 6)}`;
  }
  const names = h & 0x1000 ? ['c.subw', 'c.addw', null, null] : ['c.sub', 'c.xor', 'c.or', 'c.and'];
  const name = names[(h >>> 5) & 3];
  return name && `${name} ${rd},${rs2}`;
}
