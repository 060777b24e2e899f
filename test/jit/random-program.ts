// Random bare-metal test programs for comparing the interpreter with the
// JIT: a few pages of random but valid RV64IMAC code, run in M-mode or
// (paged, under Sv39) in S-mode or U-mode, that ends by storing its
// registers and writing the test finisher. Every instruction group is
// there: ALU, M, loads and stores (some misaligned, some across a page, some
// that fault), branches and jumps (forward, backward in bounded loops,
// across pages), compressed forms, CSRs, atomics, ecall/ebreak/illegal,
// fence, fence.i and a store into code that is run afterwards. A trap
// handler in M-mode logs each exception (cause, epc, tval) and steps over
// the instruction, so a run is a deterministic function of the program: two
// runs must agree to the byte.
//
// The CSRs compiled code carries out (sstatus, sscratch, sepc, scause,
// stval, stvec, satp reads: assembly/jit/csr.ts) are read and written in
// every form, from M, from S (with mstatus.TVM set in some programs, which
// makes satp illegal there) and from U (where all of them are illegal). In
// S-mode the supervisor software interrupt is delegated and enabled, and
// the code sets and clears it (sip) and sstatus.SIE, so an interrupt becomes
// due right after a CSR write, which is where it must be taken; a handler in
// S-mode logs it (scause, sepc, stval) and clears it.
import { Random } from '../fuzz/random.js';
import * as E from './rv-encode.js';

export const RAM_BASE = 0x80000000;
export const IMAGE_SIZE = 0x80000;
/** The privilege the random code runs at. */
export type Privilege = 'M' | 'S' | 'U';

// Offsets in the image (from RAM_BASE).
const HANDLER = 0x1000;
const S_HANDLER = 0x2000;
export const CODE = 0x10000;
export const DATA = 0x40000;
export const DATA_SIZE = 0x6000;
const INIT = 0x48000;
export const LOG = 0x50000;
export const LOG_SIZE = 0x10000;
export const DUMP = 0x60000;
const TABLES = 0x70000;
const FINISHER = 0x100000;

// x27..x29 belong to the trap handler, x30 points at DATA + 0x1000 and x31
// counts the backward jumps left; random code writes x1..x26 only.
const RD_MAX = 26;
const LOG_PTR = 28;
const T1 = 27;
const T2 = 29;
const DATA_PTR = 30;
const LOOPS = 31;
const ADDR = 26;

interface Item {
  size: 2 | 4;
  /** Uses a register its predecessor set: a jump to it goes past it. */
  tied?: boolean;
  /** The encoding, given this item's address and every item's address. */
  encode: (at: number, addrOf: (i: number) => number) => number;
}

class Emitter {
  readonly items: Item[] = [];
  /** Jumps go no further than this item (the end of the random body). */
  limit = Infinity;
  constructor(readonly r: Random) {}
  add(size: 2 | 4, word: number): void { this.items.push({ size, encode: () => word }); }
  w(word: number): void { this.add(4, word); }
  c(half: number): void { this.add(2, half); }
  /** Make the last item one no jump lands on. */
  tie(): void { this.items[this.items.length - 1].tied = true; }
  /** A control transfer to item `target` (resolved after layout). */
  to(size: 2 | 4, target: number, make: (off: number) => number): void {
    this.items.push({ size, encode: (at, addrOf) => make(addrOf(Math.min(target, this.limit)) - at) });
  }
}

const reg = (r: Random) => 1 + r.below(RD_MAX);
const src = (r: Random) => (r.below(8) === 0 ? 0 : reg(r));
const creg = (r: Random) => 8 + r.below(8);
const simm12 = (r: Random) => r.pick([0, 1, -1, 2047, -2048, r.below(4096) - 2048]);

function alu(e: Emitter): void {
  const r = e.r;
  switch (r.below(7)) {
    case 0: e.w(E.opImm(r.pick(Object.keys(E.OP_IMM)), reg(r), src(r), simm12(r))); break;
    case 1: e.w(E.shiftImm(r.pick(['slli', 'srli', 'srai'] as const), reg(r), src(r), r.below(64))); break;
    case 2: e.w(E.addiw(reg(r), src(r), simm12(r))); break;
    case 3: e.w(E.shiftImmW(r.pick(['slliw', 'srliw', 'sraiw'] as const), reg(r), src(r), r.below(32))); break;
    case 4: e.w(E.op(r.pick(Object.keys(E.OP)), reg(r), src(r), src(r))); break;
    case 5: e.w(E.op32(r.pick(Object.keys(E.OP32)), reg(r), src(r), src(r))); break;
    default: e.w(r.below(2) ? E.lui(reg(r), r.u32()) : E.auipc(reg(r), r.u32())); break;
  }
}

function compressed(e: Emitter): void {
  const r = e.r;
  const imm6 = () => r.below(64) - 32;
  switch (r.below(9)) {
    case 0: e.c(E.cLi(reg(r), imm6())); break;
    case 1: e.c(E.cAddi(reg(r), imm6() || 1)); break;
    case 2: e.c(E.cAddiw(reg(r), imm6())); break;
    case 3: { const rd = reg(r); e.c(E.cLui(rd === 2 ? 3 : rd, imm6() || 1)); break; }
    case 4: e.c(E.cSlli(reg(r), 1 + r.below(63))); break;
    case 5: e.c(r.below(2) ? E.cMv(reg(r), reg(r)) : E.cAdd(reg(r), reg(r))); break;
    case 6: e.c(E.cAluImm(r.below(3), creg(r), 1 + r.below(31))); break;
    case 7: { const w = r.below(2); e.c(E.cAluReg(w, r.below(w ? 2 : 4), creg(r), creg(r))); break; }
    default: {
      // Loads and stores through a 3-bit base register pointed at the data.
      const base = creg(r);
      e.w(E.opImm('addi', base, DATA_PTR, r.below(1024) - 512));
      const off = r.below(32) * 8;
      const v = creg(r);
      e.c(r.pick([E.cLw(v, base, off & 0x7c), E.cLd(v, base, off), E.cSw(v, base, off & 0x7c), E.cSd(v, base, off)]));
      e.tie();
    }
  }
}

/** A data address in ADDR: near DATA_PTR, in a further data page, or where
 *  nothing is (an access fault, or a page fault when paged). */
function address(e: Emitter): number {
  const r = e.r;
  switch (r.below(6)) {
    case 0: e.w(E.lui(ADDR, 1 + r.below(4))); e.w(E.op('add', ADDR, ADDR, DATA_PTR)); e.tie(); return ADDR;
    case 1: e.w(E.opImm('addi', ADDR, 0, r.below(64) * 8)); return ADDR;
    case 2: e.w(E.lui(ADDR, 0x81000)); return ADDR;  // sign-extended: far above RAM
    default: return DATA_PTR;
  }
}

function memory(e: Emitter): void {
  const r = e.r;
  const base = address(e);
  const off = r.pick([0, -1, 1, 7, 2040, 2047, -2048, -3, r.below(4096) - 2048]);
  if (r.below(2)) e.w(E.load(r.pick(Object.keys(E.LOADS)), reg(r), base, off));
  else e.w(E.store(r.pick(Object.keys(E.STORES)), src(r), base, off));
  if (base === ADDR) e.tie();
}

function atomic(e: Emitter): void {
  const r = e.r;
  const wide = r.below(2) === 1;
  e.w(E.opImm('addi', ADDR, DATA_PTR, r.below(8) === 0 ? 2 : r.below(64) * 8 - 256));
  switch (r.below(3)) {
    case 0: e.w(E.lr(wide, reg(r), ADDR)); break;
    case 1: e.w(E.sc(wide, reg(r), ADDR, src(r))); break;
    default: e.w(E.amo(r.pick(Object.keys(E.AMOS)), wide, reg(r), ADDR, src(r)));
  }
  e.tie();
}

/** A CSR access of each form: csrrw, csrrs, csrrc with a register
 *  (sometimes x0) or a 5-bit immediate (sometimes 0). */
function csrAccess(e: Emitter, num: number): void {
  const r = e.r;
  const f3 = r.pick([1, 2, 3, 5, 6, 7]);
  const rd = r.below(4) === 0 ? 0 : reg(r);
  e.w(E.csr(f3, rd, f3 >= 5 ? r.below(32) : src(r), num));
}

const SSTATUS = 0x100, STVEC = 0x105, SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144;
const SATP = 0x180;

function system(e: Emitter, mode: Privilege): void {
  const r = e.r;
  // mscratch and sscratch, minstret and mcycle (exact counts; illegal from
  // S-mode), and satp, only read (a random one would unmap everything).
  const writable = [0x340, 0x140, 0xb02, 0xb00];
  // The supervisor's own, which compiled code carries out; stvec only
  // where no interrupt goes there.
  const supervisor = [SSTATUS, SSCRATCH, SEPC, SCAUSE, STVAL, ...(mode === 'S' ? [] : [STVEC])];
  switch (r.below(11)) {
    case 0: e.w(E.csr(r.pick([1, 2, 3]), reg(r), src(r), r.pick(writable))); break;
    case 1: e.w(E.csr(2, reg(r), 0, r.pick([...writable, SATP, STVEC]))); break;
    case 2: e.w(E.ECALL); break;
    case 3: e.w(E.EBREAK); break;
    case 4: e.w(E.ILLEGAL); break;
    case 5: e.w(E.FENCE); break;
    case 6: e.w(E.FENCE_I); break;
    case 7: csrAccess(e, r.pick(supervisor)); break;
    // sstatus.SIE and sip.SSIP on and off: in S-mode an interrupt is due
    // right after the one that turns on the second.
    case 8: e.w(E.csr(r.pick([6, 7]), r.below(2) ? 0 : reg(r), 2, SSTATUS)); break;
    case 9: e.w(E.csr(r.pick([6, 7]), 0, 2, SIP)); break;
    // sstatus.SUM and MXR on and off: what the pages near the data's end
    // allow changes (pageTables).
    // A load from one of those pages follows, whose outcome shows which
    // translation it went by.
    default:
      e.w(E.lui(ADDR, r.pick([0x40, 0x80, 0xc0])));
      e.w(E.csr(r.pick([2, 3]), r.below(2) ? 0 : reg(r), ADDR, SSTATUS));
      e.tie();
      e.w(E.lui(ADDR, r.pick([1, 2])));
      e.tie();
      e.w(E.op('add', ADDR, ADDR, DATA_PTR));
      e.tie();
      e.w(E.load(r.pick(Object.keys(E.LOADS)), reg(r), ADDR, r.below(512) * 8));
      e.tie();
  }
}

/** A control transfer forward to one of the next few items. */
function forward(e: Emitter, here: number): void {
  const r = e.r;
  const near = here + 1 + r.below(20);  // within reach of c.beqz: 20 items of 4 bytes
  const target = r.below(4) === 0 ? here + 1 + r.below(300) : near;
  switch (r.below(6)) {
    case 0: case 1: {
      const name = r.pick(Object.keys(E.BRANCHES));
      const a = src(r), b = src(r);
      e.to(4, target, (off) => E.branch(name, a, b, off));
      break;
    }
    case 2: { const rd = r.below(3) ? 0 : reg(r); e.to(4, target, (off) => E.jal(rd, off)); break; }
    case 3: e.to(2, target, (off) => E.cJ(off)); break;
    case 4: { const ne = r.below(2) === 1, rs = creg(r); e.to(2, near, (off) => E.cBranch(ne, rs, off)); break; }
    default: {
      // auipc + jalr, the target through a register.
      const rd = r.below(2) ? 0 : reg(r);
      e.w(E.auipc(ADDR, 0));
      e.to(4, target + 1, (off) => E.jalr(rd, ADDR, off + 4));
      e.tie();
    }
  }
}

/** A jump backward, taken while the loop counter lasts. */
function backward(e: Emitter, here: number): void {
  const target = Math.max(0, here - 1 - e.r.below(60));
  e.w(E.opImm('addi', LOOPS, LOOPS, -1));
  e.to(4, target, (off) => E.branch('blt', 0, LOOPS, off));
  e.tie();
}

/** Rewrite a later `addi` and run it after a fence.i. */
function selfModify(e: Emitter, here: number): void {
  const r = e.r;
  const rd = reg(r);
  const at = here + 6; // the target addi's index: auipc, addi, lui, addiw, sw, fence.i, then it
  const replacement = E.opImm('addi', rd, rd, r.below(2000));
  e.w(E.auipc(ADDR, 0));
  e.to(4, at, (off) => E.opImm('addi', ADDR, ADDR, off + 4));
  e.tie();
  const lo = ((replacement & 0xfff) ^ 0x800) - 0x800;
  e.w(E.lui(25, ((replacement - lo) >>> 12) & 0xfffff));
  e.tie();
  e.w(E.addiw(25, 25, lo));
  e.tie();
  e.w(E.store('sw', 25, ADDR, 0));
  e.tie();
  e.w(E.FENCE_I);
  e.w(E.opImm('addi', rd, rd, 1));
}

/** The random body: about `count` items. */
function body(e: Emitter, count: number, mode: Privilege): void {
  const r = e.r;
  while (e.items.length < count) {
    const here = e.items.length;
    const k = r.below(100);
    if (k < 30) alu(e);
    else if (k < 45) compressed(e);
    else if (k < 65) memory(e);
    else if (k < 70) atomic(e);
    else if (k < 78) system(e, mode);
    else if (k < 91) forward(e, here);
    else if (k < 96) backward(e, here);
    else selfModify(e, here);
  }
}

/** Store x1..x31 at DUMP and write the test finisher's pass code. */
function epilogue(e: Emitter): void {
  e.w(E.lui(T2, (DUMP - DATA - 0x1000) >> 12));
  e.w(E.op('add', T2, T2, DATA_PTR));
  for (let i = 1; i < 32; i++) if (i !== T2) e.w(E.store('sd', i, T2, i * 8));
  e.w(E.lui(T2, FINISHER >> 12));
  e.w(E.lui(T1, 5));
  e.w(E.opImm('addi', T1, T1, 0x555));
  e.w(E.store('sw', T1, T2, 0));
  e.w(0x0000006f); // j . (the finisher stops the machine)
}

function layout(items: Item[], start: number, out: Uint8Array): void {
  const addr: number[] = [];
  let at = start;
  for (const it of items) { addr.push(at); at += it.size; }
  addr.push(at);
  const view = new DataView(out.buffer);
  const landing = (k: number) => {
    while (k < items.length && items[k].tied) k++;
    return addr[Math.min(k, items.length)];
  };
  items.forEach((it, i) => {
    const word = it.encode(addr[i], landing);
    if (it.size === 4) view.setUint32(addr[i] - RAM_BASE, word >>> 0, true);
    else view.setUint16(addr[i] - RAM_BASE, word & 0xffff, true);
  });
}

/** auipc + addi of an absolute address, from the item's own address. */
function la(e: Emitter, rd: number, target: number): void {
  const at = RAM_BASE + e.items.reduce((s, it) => s + it.size, 0);
  const off = target - at;
  const hi = (off + 0x800) >> 12;
  e.w(E.auipc(rd, hi));
  e.w(E.opImm('addi', rd, rd, off - (hi << 12)));
}

const MSTATUS = 0x300, MIDELEG = 0x303, MIE = 0x304, MEPC = 0x341, MIP_SSIP = 2;

function startup(e: Emitter, mode: Privilege, tvm: boolean): void {
  la(e, T2, RAM_BASE + HANDLER);
  e.w(E.csr(1, 0, T2, 0x305));                  // mtvec
  la(e, LOG_PTR, RAM_BASE + LOG);
  la(e, DATA_PTR, RAM_BASE + DATA + 0x1000);
  la(e, T2, RAM_BASE + INIT);
  for (let i = 1; i <= RD_MAX; i++) e.w(E.load('ld', i, T2, i * 8));
  e.w(E.opImm('addi', LOOPS, 0, 200));
  if (mode === 'M') {
    la(e, T2, RAM_BASE + CODE);
    e.w(E.jalr(0, T2, 0));
    return;
  }
  e.w(E.opImm('addi', T1, 0, -1)); e.w(E.csr(1, 0, T1, 0x3b0));   // pmpaddr0: everything
  e.w(E.opImm('addi', T1, 0, 0x1f)); e.w(E.csr(1, 0, T1, 0x3a0)); // pmpcfg0: NAPOT RWX
  la(e, T2, RAM_BASE + TABLES);
  e.w(E.shiftImm('srli', T2, T2, 12));
  e.w(E.opImm('addi', T1, 0, 1)); e.w(E.shiftImm('slli', T1, T1, 63));
  e.w(E.op('or', T2, T2, T1));
  e.w(E.csr(1, 0, T2, SATP));                  // satp: Sv39
  e.w(0x12000073);                             // sfence.vma
  if (mode === 'S') {
    e.w(E.opImm('addi', T1, 0, 0x400)); e.w(E.shiftImm('slli', T1, T1, 1));
    e.w(E.csr(2, 0, T1, MSTATUS));             // mstatus.MPP = S
    e.w(E.csr(5, 0, MIP_SSIP, MIDELEG));       // the supervisor software interrupt is S's
    e.w(E.csr(5, 0, MIP_SSIP, MIE));           // and enabled
    la(e, T2, RAM_BASE + S_HANDLER);
    e.w(E.csr(1, 0, T2, STVEC));
  }
  if (tvm) { e.w(E.lui(T1, 0x100)); e.w(E.csr(2, 0, T1, MSTATUS)); }  // mstatus.TVM
  la(e, T2, RAM_BASE + CODE);
  e.w(E.csr(1, 0, T2, MEPC));
  e.w(E.MRET);
}

/** Log mcause, mepc, mtval and step over the instruction that trapped. */
function handler(e: Emitter): void {
  e.w(E.csr(2, T2, 0, 0x342)); e.w(E.store('sd', T2, LOG_PTR, 0));
  e.w(E.csr(2, T2, 0, 0x343)); e.w(E.store('sd', T2, LOG_PTR, 16));
  e.w(E.csr(2, T2, 0, 0x341)); e.w(E.store('sd', T2, LOG_PTR, 8));
  e.w(E.opImm('addi', LOG_PTR, LOG_PTR, 24));
  e.w(E.load('lhu', T1, T2, 0));
  e.w(E.opImm('andi', T1, T1, 3));
  e.w(E.opImm('addi', T2, T2, 2));
  e.w(E.opImm('addi', T1, T1, -3));
  e.w(E.branch('bne', T1, 0, 8));
  e.w(E.opImm('addi', T2, T2, 2));
  e.w(E.csr(1, 0, T2, 0x341));
  e.w(E.MRET);
}

/** Log scause, sepc, stval of an interrupt taken in S-mode and clear it. */
function supervisorHandler(e: Emitter): void {
  e.w(E.csr(2, T2, 0, SCAUSE)); e.w(E.store('sd', T2, LOG_PTR, 0));
  e.w(E.csr(2, T2, 0, STVAL)); e.w(E.store('sd', T2, LOG_PTR, 16));
  e.w(E.csr(2, T2, 0, SEPC)); e.w(E.store('sd', T2, LOG_PTR, 8));
  e.w(E.opImm('addi', LOG_PTR, LOG_PTR, 24));
  e.w(E.csr(7, 0, MIP_SSIP, SIP));
  e.w(E.SRET);
}

const PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 0x10, PTE_A = 0x40, PTE_D = 0x80;

/** Sv39 tables mapping the image and the finisher one to one with 4 KiB
 *  pages, except the last data pages: from the end, one unmapped, one
 *  read-only, one that S reaches only with sstatus.SUM and one that loads
 *  read only with sstatus.MXR; `user`: all as U pages. */
function pageTables(view: DataView, user: boolean): void {
  const u = user ? PTE_U : 0;
  const root = TABLES, l1Ram = TABLES + 0x1000, l0Ram = TABLES + 0x2000, l1Io = TABLES + 0x3000, l0Io = TABLES + 0x4000;
  const pte = (pa: number, flags: number) => BigInt(Math.floor(pa / 4096)) << 10n | BigInt(flags);
  const put = (table: number, index: number, v: bigint) => view.setBigUint64(table + index * 8, v, true);
  put(root, 2, pte(RAM_BASE + l1Ram, PTE_V));
  put(l1Ram, 0, pte(RAM_BASE + l0Ram, PTE_V));
  put(root, 0, pte(RAM_BASE + l1Io, PTE_V));
  put(l1Io, 0, pte(RAM_BASE + l0Io, PTE_V));
  put(l0Io, FINISHER >> 12, pte(FINISHER, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | u));
  for (let page = 0; page < IMAGE_SIZE >> 12; page++) {
    const off = page << 12;
    if (off === DATA + DATA_SIZE - 0x1000) continue;
    const ro = off === DATA + DATA_SIZE - 0x2000;
    const sum = off === DATA + DATA_SIZE - 0x3000 ? PTE_U : 0;
    const read = off === DATA + DATA_SIZE - 0x4000 ? 0 : PTE_R;
    put(l0Ram, page, pte(RAM_BASE + off, PTE_V | read | PTE_X | PTE_A | u | sum | (ro ? 0 : PTE_W | PTE_D)));
  }
}

/** The image to load at RAM_BASE. */
export function randomProgram(seed: number, mode: Privilege, count = 2500): Uint8Array {
  const r = new Random(seed);
  const image = new Uint8Array(IMAGE_SIZE);
  const view = new DataView(image.buffer);
  const start = new Emitter(r);
  startup(start, mode, mode === 'S' && r.below(2) === 1);
  layout(start.items, RAM_BASE, image);
  const trap = new Emitter(r);
  handler(trap);
  layout(trap.items, RAM_BASE + HANDLER, image);
  const strap = new Emitter(r);
  supervisorHandler(strap);
  layout(strap.items, RAM_BASE + S_HANDLER, image);
  const code = new Emitter(r);
  body(code, count, mode);
  code.limit = code.items.length;
  epilogue(code);
  layout(code.items, RAM_BASE + CODE, image);
  for (let i = 1; i <= RD_MAX; i++) view.setBigUint64(INIT + i * 8, r.hostile(64), true);
  for (let i = 0; i < DATA_SIZE; i++) image[DATA + i] = r.below(256);
  if (mode !== 'M') pageTables(view, mode === 'U');
  return image;
}
