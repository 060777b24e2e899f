// Exception and interrupt codes (privileged spec, mcause table) and the
// mip/mie bits, by name.

export const CAUSE_FETCH_MISALIGNED: u64 = 0;
export const CAUSE_FETCH_ACCESS: u64 = 1;
export const CAUSE_ILLEGAL: u64 = 2;
export const CAUSE_BREAKPOINT: u64 = 3;
export const CAUSE_LOAD_MISALIGNED: u64 = 4;
export const CAUSE_LOAD_ACCESS: u64 = 5;
export const CAUSE_STORE_MISALIGNED: u64 = 6;
export const CAUSE_STORE_ACCESS: u64 = 7;
export const CAUSE_ECALL_U: u64 = 8;
export const CAUSE_FETCH_PAGE: u64 = 12;
export const CAUSE_LOAD_PAGE: u64 = 13;
export const CAUSE_STORE_PAGE: u64 = 15;
export const CAUSE_INTERRUPT: u64 = 1 << 63;

export const IRQ_SSI: u32 = 1;
export const IRQ_MSI: u32 = 3;
export const IRQ_STI: u32 = 5;
export const IRQ_MTI: u32 = 7;
export const IRQ_SEI: u32 = 9;
export const IRQ_MEI: u32 = 11;

export const MIP_SSIP: u64 = 1 << IRQ_SSI;
export const MIP_MSIP: u64 = 1 << IRQ_MSI;
export const MIP_STIP: u64 = 1 << IRQ_STI;
export const MIP_MTIP: u64 = 1 << IRQ_MTI;
export const MIP_SEIP: u64 = 1 << IRQ_SEI;
export const MIP_MEIP: u64 = 1 << IRQ_MEI;
/** The supervisor-level interrupts: the only ones mideleg can delegate. */
export const MIP_S_BITS: u64 = MIP_SSIP | MIP_STIP | MIP_SEIP;
/** The interrupts that exist here: what mie can enable. */
export const MIP_ALL: u64 = MIP_S_BITS | MIP_MSIP | MIP_MTIP | MIP_MEIP;

// mstatus fields.
export const MSTATUS_SIE: u64 = 1 << 1;
export const MSTATUS_MIE: u64 = 1 << 3;
export const MSTATUS_SPIE: u64 = 1 << 5;
export const MSTATUS_MPIE: u64 = 1 << 7;
export const MSTATUS_SPP: u64 = 1 << 8;
export const MSTATUS_MPP_SHIFT: u64 = 11;
export const MSTATUS_MPP: u64 = 3 << 11;
export const MSTATUS_MPRV: u64 = 1 << 17;
export const MSTATUS_SUM: u64 = 1 << 18;
export const MSTATUS_MXR: u64 = 1 << 19;
export const MSTATUS_TVM: u64 = 1 << 20;
export const MSTATUS_TW: u64 = 1 << 21;
export const MSTATUS_TSR: u64 = 1 << 22;
/** UXL = SXL = 2: U and S are 64-bit, read-only. */
export const MSTATUS_XLEN: u64 = (2 << 32) | (2 << 34);
