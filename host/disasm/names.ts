// ABI register names and CSR names, spelled as GNU objdump prints them, so a
// trace line reads like the listing of the program being traced.

export const REG = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2',
  's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7',
  's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

const CSR = new Map<number, string>([
  [0xc00, 'cycle'], [0xc01, 'time'], [0xc02, 'instret'],
  [0x100, 'sstatus'], [0x104, 'sie'], [0x105, 'stvec'], [0x106, 'scounteren'],
  [0x10a, 'senvcfg'], [0x140, 'sscratch'], [0x141, 'sepc'], [0x142, 'scause'],
  [0x143, 'stval'], [0x144, 'sip'], [0x14d, 'stimecmp'], [0x180, 'satp'],
  [0x300, 'mstatus'], [0x301, 'misa'], [0x302, 'medeleg'], [0x303, 'mideleg'],
  [0x304, 'mie'], [0x305, 'mtvec'], [0x306, 'mcounteren'], [0x30a, 'menvcfg'],
  [0x320, 'mcountinhibit'], [0x340, 'mscratch'], [0x341, 'mepc'], [0x342, 'mcause'],
  [0x343, 'mtval'], [0x344, 'mip'], [0x34a, 'mtinst'], [0x34b, 'mtval2'],
  [0xb00, 'mcycle'], [0xb02, 'minstret'],
  [0xf11, 'mvendorid'], [0xf12, 'marchid'], [0xf13, 'mimpid'], [0xf14, 'mhartid'], [0xf15, 'mconfigptr'],
  [0x7a0, 'tselect'], [0x7a1, 'tdata1'], [0x7a2, 'tdata2'], [0x7a3, 'tdata3'],
  [0x7b0, 'dcsr'], [0x7b1, 'dpc'], [0x7b2, 'dscratch0'], [0x7b3, 'dscratch1'],
]);
for (let i = 3; i < 32; i++) {
  CSR.set(0xc00 + i, `hpmcounter${i}`);
  CSR.set(0xb00 + i, `mhpmcounter${i}`);
  CSR.set(0x320 + i, `mhpmevent${i}`);
}
for (let i = 0; i < 16; i++) CSR.set(0x3a0 + i, `pmpcfg${i}`);
for (let i = 0; i < 64; i++) CSR.set(0x3b0 + i, `pmpaddr${i}`);

export function csrName(csr: number): string {
  return CSR.get(csr) ?? '0x' + csr.toString(16);
}

export const hex = (n: number) => '0x' + n.toString(16);
