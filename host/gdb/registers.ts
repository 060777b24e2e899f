// The registers GDB sees, and the target description (target.xml) that
// names them: x0..x31 and pc (what a 'g' packet carries), the CSRs a kernel
// student looks at, and the privilege mode as a register "priv", as QEMU
// shows it. Remote numbers follow GDB's own RISC-V numbering (a CSR is 65 +
// its number, priv comes after the last CSR), so 'p' and 'P' need no table
// on GDB's side. Values are a held hart's saved state (hartsave).
import type { MemoryViews } from '../machine/memory.js';
import { hartsave as s } from '../platform.js';

const ABI = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 'fp', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];

export const PC_REGNUM = 32;
const CSR_BASE = 65;
const PRIV_REGNUM = CSR_BASE + 0x1000;

// sstatus, sie and sip are views of the machine registers, as in the core
// (assembly/csr/registers.ts).
const SSTATUS_WRITABLE = (1n << 1n) | (1n << 5n) | (1n << 8n) | (1n << 18n) | (1n << 19n);
const SSTATUS_VISIBLE = SSTATUS_WRITABLE | (3n << 32n);

interface Access {
  get(v: MemoryViews, h: number): bigint;
  /** Absent: writes are ignored (as the hardware ignores them). */
  set?(v: MemoryViews, h: number, x: bigint): void;
}

export interface Register extends Access {
  name: string;
  regnum: number;
  feature: 'cpu' | 'csr' | 'virtual';
  type?: string;
}

const field = (f: number): Access => ({
  get: (v, h) => v.hartBigU64(h, f),
  set: (v, h, x) => v.setHartBigU64(h, f, x),
});

/** A view of machine register `f` through `mask` (a function of the hart's state). */
const masked = (f: number, mask: (v: MemoryViews, h: number) => bigint, writable = true): Access => ({
  get: (v, h) => v.hartBigU64(h, f) & mask(v, h),
  set: writable ? (v, h, x) => {
    const m = mask(v, h);
    v.setHartBigU64(h, f, (v.hartBigU64(h, f) & ~m) | (x & m));
  } : undefined,
});

const sstatusMask = (): bigint => SSTATUS_VISIBLE;
const delegated = (v: MemoryViews, h: number): bigint => v.hartBigU64(h, s.HSV_MIDELEG);

const CSRS: [string, number, Access][] = [
  ['sstatus', 0x100, {
    get: masked(s.HSV_MSTATUS, sstatusMask).get,
    set: (v, h, x) => v.setHartBigU64(h, s.HSV_MSTATUS, (v.hartBigU64(h, s.HSV_MSTATUS) & ~SSTATUS_WRITABLE) | (x & SSTATUS_WRITABLE)),
  }],
  ['sie', 0x104, masked(s.HSV_MIE, delegated)],
  ['stvec', 0x105, field(s.HSV_STVEC)],
  ['sscratch', 0x140, field(s.HSV_SSCRATCH)],
  ['sepc', 0x141, field(s.HSV_SEPC)],
  ['scause', 0x142, field(s.HSV_SCAUSE)],
  ['stval', 0x143, field(s.HSV_STVAL)],
  ['sip', 0x144, masked(s.HSV_MIP, delegated, false)],
  ['stimecmp', 0x14d, field(s.HSV_STIMECMP)],
  ['satp', 0x180, field(s.HSV_SATP)],
  ['mstatus', 0x300, field(s.HSV_MSTATUS)],
  ['medeleg', 0x302, field(s.HSV_MEDELEG)],
  ['mideleg', 0x303, field(s.HSV_MIDELEG)],
  ['mie', 0x304, field(s.HSV_MIE)],
  ['mtvec', 0x305, field(s.HSV_MTVEC)],
  ['mscratch', 0x340, field(s.HSV_MSCRATCH)],
  ['mepc', 0x341, field(s.HSV_MEPC)],
  ['mcause', 0x342, field(s.HSV_MCAUSE)],
  ['mtval', 0x343, field(s.HSV_MTVAL)],
  ['mip', 0x344, { get: (v, h) => v.hartBigU64(h, s.HSV_MIP) }],
];

export const REGISTERS: Register[] = [
  ...ABI.map((name, i): Register => ({
    name, regnum: i, feature: 'cpu',
    type: name === 'sp' || name === 'fp' ? 'data_ptr' : undefined,
    get: (v, h) => (i === 0 ? 0n : v.hartBigU64(h, s.HSV_REGS + 8 * i)),
    set: i === 0 ? undefined : (v, h, x) => v.setHartBigU64(h, s.HSV_REGS + 8 * i, x),
  })),
  { name: 'pc', regnum: PC_REGNUM, feature: 'cpu', type: 'code_ptr', ...field(s.HSV_PC) },
  ...CSRS.map(([name, csr, access]): Register => ({ name, regnum: CSR_BASE + csr, feature: 'csr', ...access })),
  {
    name: 'priv', regnum: PRIV_REGNUM, feature: 'virtual',
    get: (v, h) => v.hartBigU64(h, s.HSV_PRIV),
    // Only U, S and M exist; 2 would mean H.
    set: (v, h, x) => { if (x === 0n || x === 1n || x === 3n) v.setHartBigU64(h, s.HSV_PRIV, x); },
  },
];

const byNumber = new Map(REGISTERS.map((r) => [r.regnum, r]));

export function register(regnum: number): Register | undefined {
  return byNumber.get(regnum);
}

/** What a 'g' packet carries: x0..x31 and pc, in order. */
export const G_REGISTERS = REGISTERS.filter((r) => r.regnum <= PC_REGNUM);

/** A 64-bit value as GDB's target-order hex (little-endian). */
export function regHex(x: bigint): string {
  let out = '';
  for (let i = 0n; i < 8n; i++) out += Number((x >> (8n * i)) & 0xffn).toString(16).padStart(2, '0');
  return out;
}

/** 16 hex digits of target-order bytes to a value; null if malformed. */
export function parseRegHex(hex: string): bigint | null {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) return null;
  let x = 0n;
  for (let i = 7; i >= 0; i--) x = (x << 8n) | BigInt(parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  return x;
}

const FEATURES = { cpu: 'org.gnu.gdb.riscv.cpu', csr: 'org.gnu.gdb.riscv.csr', virtual: 'org.gnu.gdb.riscv.virtual' };

export function targetXml(): string {
  const lines = ['<?xml version="1.0"?>', '<!DOCTYPE target SYSTEM "gdb-target.dtd">', '<target version="1.0">',
    // Without an OS ABI GDB takes its host's (GNU/Linux), whose RISC-V
    // single step is a breakpoint on the next instruction and a continue:
    // it cannot follow sret or mret, and lets interrupts in. Bare metal
    // steps with vCont;s.
    '<architecture>riscv:rv64</architecture>', '<osabi>none</osabi>'];
  for (const [key, name] of Object.entries(FEATURES)) {
    lines.push(`<feature name="${name}">`);
    for (const r of REGISTERS.filter((x) => x.feature === key)) {
      const type = r.type ?? 'int';
      const group = r.feature === 'cpu' ? '' : ' group="system"';
      lines.push(`<reg name="${r.name}" bitsize="64" regnum="${r.regnum}" type="${type}"${group}/>`);
    }
    lines.push('</feature>');
  }
  lines.push('</target>');
  return lines.join('\n') + '\n';
}
