// Everything the core asks of the host, in one place. Only 32-bit integers and
// f64 cross: BigInt at the boundary costs 2-4x per call (DESIGN.md §9).

/** Read a device register below RAM; size is 1, 2 or 4. The host stores 1 to
 *  this hart's HS_MMIO_STATUS when no device answers there. */
@external("host", "mmioRead")
export declare function mmioRead(paddr: u32, size: u32): u32;

/** Write a device register: 0 done, 1 access fault, 2 done and end the slice. */
@external("host", "mmioWrite")
export declare function mmioWrite(paddr: u32, size: u32, value: u32): u32;

/** mtime: 10 MHz ticks of the host's monotonic clock since machine start. */
@external("host", "nowTicks")
export declare function nowTicks(): f64;
