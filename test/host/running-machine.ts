// A bare-metal program running on a small machine in this process, for the
// tests that hold its harts (pause, breakpoints): started, then stopped
// whatever state the test left it in, and the assembled programs removed.
import { readElfFile, type ElfImage } from '../../host/machine/elf.js';
import { Machine, type MachineResult } from '../../host/machine/machine.js';
import { StopReason } from '../../host/machine/power.js';
import { program, removePrograms } from '../cli/programs.js';

export interface Running {
  machine: Machine;
  image: ElfImage;
  stop(): Promise<void>;
}

export async function runProgram(name: string, cores: number): Promise<Running> {
  const image = readElfFile(program(name));
  const machine = await Machine.create({ cores, ramBytes: 16 * 2 ** 20, image, disk: null, htif: false, maxInsns: 0, trace: false });
  const done: Promise<MachineResult> = machine.run();
  return {
    machine, image,
    stop: async () => {
      if (machine.harts.held) await machine.harts.release();
      machine.stop(StopReason.HostDone, 0);
      await done;
      removePrograms();
    },
  };
}
