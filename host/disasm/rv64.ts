// 32-bit RV64IMA + Zicsr + Zifencei + privileged instructions, printed as
// `objdump -M no-aliases` prints them (no pseudo-instructions), so that a
// trace can be compared with a listing line by line.
import { csrName, hex, REG } from './names.js';

const LOADS = ['lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu'];
const STORES = ['sb', 'sh', 'sw', 'sd'];
const BRANCHES: Record<number, string> = { 0: 'beq', 1: 'bne', 4: 'blt', 5: 'bge', 6: 'bltu', 7: 'bgeu' };
const OP_IMM: Record<number, string> = { 0: 'addi', 2: 'slti', 3: 'sltiu', 4: 'xori', 6: 'ori', 7: 'andi' };
const OP = ['add', 'sll', 'slt', 'sltu', 'xor', 'srl', 'or', 'and'];
const MULDIV = ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu'];
const OP32: Record<number, string> = { 0: 'addw', 1: 'sllw', 5: 'srlw' };
const MULDIV32: Record<number, string> = { 0: 'mulw', 4: 'divw', 5: 'divuw', 6: 'remw', 7: 'remuw' };
const AMO: Record<number, string> = {
  0x00: 'amoadd', 0x01: 'amoswap', 0x02: 'lr', 0x03: 'sc', 0x04: 'amoxor', 0x08: 'amoor',
  0x0c: 'amoand', 0x10: 'amomin', 0x14: 'amomax', 0x18: 'amominu', 0x1c: 'amomaxu',
};
const CSR_OPS = ['', 'csrrw', 'csrrs', 'csrrc', '', 'csrrwi', 'csrrsi', 'csrrci'];
const SYSTEM: Record<number, string> = {
  0x00000073: 'ecall', 0x00100073: 'ebreak', 0x10200073: 'sret', 0x30200073: 'mret', 0x10500073: 'wfi',
};

/** Branch and jump targets print as bare hex, like objdump's. */
const target = (pc: number, offset: number) => (pc + offset).toString(16);

function fenceSet(bits: number): string {
  const s = (bits & 8 ? 'i' : '') + (bits & 4 ? 'o' : '') + (bits & 2 ? 'r' : '') + (bits & 1 ? 'w' : '');
  return s || '0';
}

export function disassemble32(i: number, pc: number): string | null {
  const opcode = i & 0x7f;
  const rd = REG[(i >>> 7) & 31];
  const f3 = (i >>> 12) & 7;
  const rs1 = REG[(i >>> 15) & 31];
  const rs2 = REG[(i >>> 20) & 31];
  const f7 = i >>> 25;
  const immI = i >> 20;
  switch (opcode) {
    case 0x37: return `lui ${rd},${hex(i >>> 12)}`;
    case 0x17: return `auipc ${rd},${hex(i >>> 12)}`;
    case 0x6f: {
      const imm = ((i >> 31) << 20) | (((i >>> 12) & 0xff) << 12) | (((i >>> 20) & 1) << 11) | (((i >>> 21) & 0x3ff) << 1);
      return `jal ${rd},${target(pc, imm)}`;
    }
    case 0x67: return f3 === 0 ? `jalr ${rd},${immI}(${rs1})` : null;
    case 0x63: {
      const imm = ((i >> 31) << 12) | (((i >>> 7) & 1) << 11) | (((i >>> 25) & 0x3f) << 5) | (((i >>> 8) & 0xf) << 1);
      return BRANCHES[f3] ? `${BRANCHES[f3]} ${rs1},${rs2},${target(pc, imm)}` : null;
    }
    case 0x03: return LOADS[f3] ? `${LOADS[f3]} ${rd},${immI}(${rs1})` : null;
    case 0x23: {
      const imm = ((i >> 25) << 5) | ((i >>> 7) & 31);
      return STORES[f3] ? `${STORES[f3]} ${rs2},${imm}(${rs1})` : null;
    }
    case 0x13: {
      const shamt = (i >>> 20) & 63;
      if (f3 === 1) return i >>> 26 === 0 ? `slli ${rd},${rs1},${hex(shamt)}` : null;
      if (f3 === 5) {
        const name = i >>> 26 === 0 ? 'srli' : i >>> 26 === 0x10 ? 'srai' : null;
        return name && `${name} ${rd},${rs1},${hex(shamt)}`;
      }
      return `${OP_IMM[f3]} ${rd},${rs1},${immI}`;
    }
    case 0x1b: {
      const shamt = (i >>> 20) & 31;
      if (f3 === 0) return `addiw ${rd},${rs1},${immI}`;
      if (f3 === 1 && f7 === 0) return `slliw ${rd},${rs1},${hex(shamt)}`;
      if (f3 === 5 && (f7 === 0 || f7 === 0x20)) return `${f7 ? 'sraiw' : 'srliw'} ${rd},${rs1},${hex(shamt)}`;
      return null;
    }
    case 0x33: {
      let name: string | undefined;
      if (f7 === 0) name = OP[f3];
      else if (f7 === 1) name = MULDIV[f3];
      else if (f7 === 0x20) name = f3 === 0 ? 'sub' : f3 === 5 ? 'sra' : undefined;
      return name ? `${name} ${rd},${rs1},${rs2}` : null;
    }
    case 0x3b: {
      let name: string | undefined;
      if (f7 === 0) name = OP32[f3];
      else if (f7 === 1) name = MULDIV32[f3];
      else if (f7 === 0x20) name = f3 === 0 ? 'subw' : f3 === 5 ? 'sraw' : undefined;
      return name ? `${name} ${rd},${rs1},${rs2}` : null;
    }
    case 0x0f:
      if (f3 === 1) return 'fence.i';
      if (f3 !== 0) return null;
      if (i === 0x8330000f) return 'fence.tso';
      return `fence ${fenceSet((i >>> 24) & 15)},${fenceSet((i >>> 20) & 15)}`;
    case 0x2f: {
      const name = AMO[i >>> 27];
      const width = f3 === 2 ? 'w' : f3 === 3 ? 'd' : null;
      if (!name || !width) return null;
      const order = ['', '.rl', '.aq', '.aqrl'][(i >>> 25) & 3];
      const mnemonic = `${name}.${width}${order}`;
      return name === 'lr' ? `${mnemonic} ${rd},(${rs1})` : `${mnemonic} ${rd},${rs2},(${rs1})`;
    }
    case 0x73: {
      if (f3 === 0) {
        if (SYSTEM[i >>> 0]) return SYSTEM[i >>> 0];
        if (f7 === 0x09 && ((i >>> 7) & 31) === 0) return `sfence.vma ${rs1},${rs2}`;
        return null;
      }
      const op = CSR_OPS[f3];
      if (!op) return null;
      const csr = csrName(i >>> 20);
      return f3 < 4 ? `${op} ${rd},${csr},${rs1}` : `${op} ${rd},${csr},${(i >>> 15) & 31}`;
    }
  }
  return null;
}
