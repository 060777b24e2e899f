// CSR numbers (privileged spec, "CSR Listing") of the registers this hart has.

export const SSTATUS: u32 = 0x100;
export const SIE: u32 = 0x104;
export const STVEC: u32 = 0x105;
export const SCOUNTEREN: u32 = 0x106;
export const SENVCFG: u32 = 0x10a;
export const SSCRATCH: u32 = 0x140;
export const SEPC: u32 = 0x141;
export const SCAUSE: u32 = 0x142;
export const STVAL: u32 = 0x143;
export const SIP: u32 = 0x144;
export const STIMECMP: u32 = 0x14d;
export const SATP: u32 = 0x180;

export const MSTATUS: u32 = 0x300;
export const MISA: u32 = 0x301;
export const MEDELEG: u32 = 0x302;
export const MIDELEG: u32 = 0x303;
export const MIE: u32 = 0x304;
export const MTVEC: u32 = 0x305;
export const MCOUNTEREN: u32 = 0x306;
export const MENVCFG: u32 = 0x30a;
export const MCOUNTINHIBIT: u32 = 0x320;
export const MHPMEVENT3: u32 = 0x323;
export const MHPMEVENT31: u32 = 0x33f;
export const MSCRATCH: u32 = 0x340;
export const MEPC: u32 = 0x341;
export const MCAUSE: u32 = 0x342;
export const MTVAL: u32 = 0x343;
export const MIP: u32 = 0x344;
export const PMPCFG0: u32 = 0x3a0;
export const PMPCFG15: u32 = 0x3af;
export const PMPADDR0: u32 = 0x3b0;
export const PMPADDR63: u32 = 0x3ef;

export const TSELECT: u32 = 0x7a0;
export const TDATA3: u32 = 0x7a3;

export const MCYCLE: u32 = 0xb00;
export const MINSTRET: u32 = 0xb02;
export const MHPMCOUNTER3: u32 = 0xb03;
export const MHPMCOUNTER31: u32 = 0xb1f;

export const CYCLE: u32 = 0xc00;
export const TIME: u32 = 0xc01;
export const INSTRET: u32 = 0xc02;
export const HPMCOUNTER31: u32 = 0xc1f;

export const MVENDORID: u32 = 0xf11;
export const MARCHID: u32 = 0xf12;
export const MIMPID: u32 = 0xf13;
export const MHARTID: u32 = 0xf14;
export const MCONFIGPTR: u32 = 0xf15;
