// Which interrupt, if any, the hart takes now (privileged spec, "Machine
// Interrupt Registers"): pending and enabled in mie; M-level ones (not
// delegated) when below M or with mstatus.MIE; delegated ones when below S or
// in S with mstatus.SIE, never in M. Priority: MEI, MSI, MTI, SEI, SSI, STI.

import { live } from "../hart/live";
import { HS_EXT_IP } from "../../build/gen/platform";
import { mie, mideleg, mipLocal, hartBlock, msipAddr, PRIV_M, PRIV_S } from "../hart/state";
import { MSTATUS_MIE, MSTATUS_SIE, IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI,
  CAUSE_INTERRUPT } from "./causes";

/** mip as software reads it: the core's bits, the PLIC's, and msip. */
@inline export function pendingInterrupts(): u64 {
  return mipLocal | <u64>load<u32>(hartBlock + <u32>HS_EXT_IP) | (<u64>(load<u32>(msipAddr) & 1) << <u64>IRQ_MSI);
}

function highest(bits: u64): u64 {
  if (bits & (1 << IRQ_MEI)) return IRQ_MEI;
  if (bits & (1 << IRQ_MSI)) return IRQ_MSI;
  if (bits & (1 << IRQ_MTI)) return IRQ_MTI;
  if (bits & (1 << IRQ_SEI)) return IRQ_SEI;
  if (bits & (1 << IRQ_SSI)) return IRQ_SSI;
  return IRQ_STI;
}

/** The mcause of the interrupt to take now, or 0 for none. */
export function interruptToTake(): u64 {
  const pending = pendingInterrupts() & mie;
  if (pending == 0) return 0;
  const machine = pending & ~mideleg;
  if (machine != 0 && (live.priv < PRIV_M || (live.mstatus & MSTATUS_MIE) != 0)) {
    return CAUSE_INTERRUPT | highest(machine);
  }
  const supervisor = pending & mideleg;
  if (supervisor != 0 && (live.priv < PRIV_S || (live.priv == PRIV_S && (live.mstatus & MSTATUS_SIE) != 0))) {
    return CAUSE_INTERRUPT | highest(supervisor);
  }
  return 0;
}

/** The enabled interrupts that would be taken now if pending: what
 *  interruptToTake decides, as a mask, for compiled code to test. */
export function takeableMask(): u64 {
  const machine = live.priv < PRIV_M || (live.mstatus & MSTATUS_MIE) != 0;
  const supervisor = live.priv < PRIV_S || (live.priv == PRIV_S && (live.mstatus & MSTATUS_SIE) != 0);
  return (machine ? mie & ~mideleg : 0) | (supervisor ? mie & mideleg : 0);
}
