// The device programs on our emulator (test/qemu runs them on QEMU).
import { describeDeviceChecks } from './device-checks.js';
import { runOurs } from './machines.js';

describeDeviceChecks('xv6-wasm', runOurs);
