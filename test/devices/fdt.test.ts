import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFdt, fdtAddress, FdtConfig } from '../../host/devices/fdt.js';
import { guest } from '../../host/platform.js';

const hasDtc = spawnSync('dtc', ['--version']).status === 0;

/** Decompile with dtc; returns the source and whatever dtc complained about. */
function decompile(blob: Uint8Array): { dts: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-fdt-'));
  try {
    const file = join(dir, 'machine.dtb');
    writeFileSync(file, blob);
    const r = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return { dts: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true });
  }
}

const hex = (x: number) => '0x' + x.toString(16);
const full: FdtConfig = { nharts: 4, ramBytes: 256 << 20, disk: true, nuarts: guest.NUART, bootargs: 'console=ttyS0' };

describe('device tree', () => {
  it('is a version 17 blob whose header sizes add up', () => {
    const blob = buildFdt(full);
    const v = new DataView(blob.buffer, blob.byteOffset);
    expect(v.getUint32(0)).toBe(0xd00dfeed);
    expect(v.getUint32(4)).toBe(blob.length);
    expect(v.getUint32(20)).toBe(17);
    expect(v.getUint32(8) + v.getUint32(36)).toBe(v.getUint32(12)); // struct block ends where strings begin
    expect(v.getUint32(12) + v.getUint32(32)).toBe(blob.length);
  });

  it.skipIf(!hasDtc)('decompiles with dtc without a warning and describes the real machine', () => {
    const { dts, stderr } = decompile(buildFdt(full));
    expect(stderr).toBe('');
    for (let h = 0; h < 4; h++) expect(dts).toContain(`cpu@${h} {`);
    expect(dts).not.toContain('cpu@4');
    // Sstc too: firmware and kernels that read the tree use stimecmp only when it says so.
    expect(dts).toContain('riscv,isa = "rv64imac_zicsr_zifencei_sstc"');
    expect(dts).toContain('riscv,isa-extensions = "i\\0m\\0a\\0c\\0zicsr\\0zifencei\\0sstc"');
    expect(dts).toContain('mmu-type = "riscv,sv39"');
    expect(dts).toContain(`timebase-frequency = <${hex(guest.TIMEBASE_HZ)}>`);
    expect(dts).toContain(`memory@${guest.RAM_BASE.toString(16)} {`);
    expect(dts).toContain(`reg = <0x00 ${hex(guest.RAM_BASE)} 0x00 ${hex(256 << 20)}>`);
    expect(dts).toMatch(new RegExp(`clint@${guest.CLINT_BASE.toString(16)} \\{\\s*compatible = "sifive,clint0\\\\0riscv,clint0"`));
    expect(dts).toContain('riscv,plic0"');
    expect(dts).toContain(`riscv,ndev = <${hex(guest.PLIC_NDEV)}>`);
    expect(dts).toContain(`serial@${guest.UART0_BASE.toString(16)} {`);
    expect(dts).toContain(`serial@${(guest.UARTX_BASE + 6 * guest.UARTX_STRIDE).toString(16)} {`);
    expect(dts).toContain(`virtio_mmio@${guest.VIRTIO0_BASE.toString(16)} {`);
    expect(dts).toContain('"sifive,test1\\0sifive,test0\\0syscon"');
    expect(dts).toContain('"syscon-poweroff"');
    expect(dts).toContain(`stdout-path = "/soc/serial@${guest.UART0_BASE.toString(16)}"`);
    expect(dts).toContain('bootargs = "console=ttyS0"');
    expect(dts).toMatch(new RegExp(`telemetry@${guest.TELEM_BASE.toString(16)} \\{\\s*compatible = "xv6-wasm,pgroup-telemetry";\\s*reg = <0x00 ${hex(guest.TELEM_BASE)} 0x00 ${hex(guest.TELEM_SIZE)}>`));
  });

  it.skipIf(!hasDtc)('routes each hart\'s M and S external interrupts from the PLIC in context order', () => {
    const { dts } = decompile(buildFdt({ ...full, nharts: 2 }));
    // phandles 1 and 2 are hart 0's and hart 1's local interrupt controllers.
    expect(dts).toMatch(/interrupts-extended = <0x01 0x0b 0x01 0x09 0x02 0x0b 0x02 0x09>;\s*interrupt-controller;/);
    expect(dts).toContain('interrupts-extended = <0x01 0x03 0x01 0x07 0x02 0x03 0x02 0x07>');
  });

  it.skipIf(!hasDtc)('lists only the devices that exist', () => {
    const { dts, stderr } = decompile(buildFdt({ nharts: 1, ramBytes: 16 << 20, disk: false, nuarts: 1 }));
    expect(stderr).toBe('');
    expect(dts).not.toContain('virtio_mmio');
    expect(dts.match(/serial@[0-9a-f]+ \{/g)).toHaveLength(1);
    expect(dts).not.toContain('bootargs');
  });

  it('rejects configurations the machine cannot have', () => {
    expect(() => buildFdt({ ...full, nharts: 0 })).toThrow();
    expect(() => buildFdt({ ...full, nharts: guest.MAX_HARTS + 1 })).toThrow();
    expect(() => buildFdt({ ...full, nuarts: guest.NUART + 1 })).toThrow();
  });

  it('goes where QEMU 7.2 puts it: the top 2 MiB-aligned slot of RAM, below 3 GiB', () => {
    const MiB = 1 << 20;
    expect(fdtAddress(128 * MiB, 4096)).toBe(guest.RAM_BASE + 126 * MiB);
    expect(fdtAddress(16 * MiB, 3 * MiB)).toBe(guest.RAM_BASE + 12 * MiB);
    expect(fdtAddress(2048 * MiB, 4096)).toBe(3072 * MiB - 2 * MiB);
    expect(fdtAddress(1 * MiB, 4096)).toBe(guest.RAM_BASE);
    expect(() => fdtAddress(1 * MiB, 2 * MiB)).toThrow();
  });
});

