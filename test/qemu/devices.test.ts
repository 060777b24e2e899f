// Fidelity: the device programs of test/riscv behave the same on QEMU.
import { describe } from 'vitest';
import { describeDeviceChecks } from '../riscv/device-checks.js';
import { hasQemu, runQemu } from '../riscv/machines.js';

describe.skipIf(!hasQemu)('QEMU', () => describeDeviceChecks('QEMU', runQemu));
