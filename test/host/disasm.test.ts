// The --trace disassembler must agree with GNU objdump (-M no-aliases) on
// every instruction of RV64IMAC + Zicsr + Zifencei + the privileged ones.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { disassemble } from '../../host/disasm/index.js';
import { haveCrossCompiler } from './toolchain.js';

const SOURCE = `
.option norvc
_start:
 lui a0,0x12345
 lui t6,0xfffff
 auipc t0,0
 addi a0,a0,-16
 slti a1,a2,2047
 sltiu a1,a2,-2048
 xori a3,a4,-1
 ori s0,s1,1
 andi s2,s3,255
 slli a0,a0,3
 srli a0,a0,63
 srai a1,a1,63
 addiw a2,a2,5
 slliw a2,a2,31
 srliw a2,a2,1
 sraiw a2,a2,31
 lb a0,0(a1)
 lh a0,2(a1)
 lw a0,-4(a1)
 ld a0,8(sp)
 lbu a0,2047(a1)
 lhu a0,-2048(a1)
 lwu a0,4(a1)
 sb a0,-1(a1)
 sh a0,2(a1)
 sw a0,4(a1)
 sd s11,-8(t6)
 beq a0,a1,_start
 bne a0,a1,_start
 blt a0,a1,_start
 bge a0,a1,fwd
 bltu a0,a1,fwd
 bgeu a0,a1,fwd
fwd:
 jal ra,_start
 jal zero,fwd
 jalr ra,0(a0)
 jalr zero,-12(t0)
 add a0,a1,a2
 sub a0,a1,a2
 sll a0,a1,a2
 slt a0,a1,a2
 sltu a0,a1,a2
 xor a0,a1,a2
 srl a0,a1,a2
 sra a0,a1,a2
 or a0,a1,a2
 and a0,a1,a2
 addw a0,a1,a2
 subw a0,a1,a2
 sllw a0,a1,a2
 srlw a0,a1,a2
 sraw a0,a1,a2
 mul a0,a1,a2
 mulh a0,a1,a2
 mulhsu a0,a1,a2
 mulhu a0,a1,a2
 div a0,a1,a2
 divu a0,a1,a2
 rem a0,a1,a2
 remu a0,a1,a2
 mulw a0,a1,a2
 divw a0,a1,a2
 divuw a0,a1,a2
 remw a0,a1,a2
 remuw a0,a1,a2
 csrrw zero,mstatus,a0
 csrrs a0,mip,zero
 csrrc a0,sie,a1
 csrrwi zero,mstatus,8
 csrrsi a0,mie,31
 csrrci a0,sstatus,2
 csrrs a0,0x7c0,zero
 csrr a0, time
 csrr a0, mhartid
 csrw satp, a0
 csrw pmpaddr0, a0
 csrw mepc, a0
 csrw stvec, a0
 fence iorw,iorw
 fence r,w
 fence.i
 fence.tso
 ecall
 ebreak
 mret
 sret
 wfi
 sfence.vma zero,zero
 sfence.vma a0,a1
 lr.w a0,(a1)
 lr.d.aq a0,(a1)
 sc.w a0,a1,(a2)
 sc.d.rl a0,a1,(a2)
 amoswap.d.aq a0,a1,(a2)
 amoadd.w.aqrl a0,a1,(a2)
 amoxor.w a0,a1,(a2)
 amoand.d a0,a1,(a2)
 amoor.w a0,a1,(a2)
 amomin.d a0,a1,(a2)
 amomax.w a0,a1,(a2)
 amominu.d a0,a1,(a2)
 amomaxu.w a0,a1,(a2)
 .word 0xffffffff
.option rvc
 c.addi4spn a0,sp,16
 c.addi4spn s1,sp,1020
 c.lw a0,4(a1)
 c.lw a5,124(s0)
 c.ld a0,8(a1)
 c.ld a5,248(s0)
 c.sw a0,64(a1)
 c.sd a0,128(a1)
 c.addi sp,-16
 c.addi a0,31
 c.nop
 c.addiw a0,-1
 c.li a0,1
 c.li t6,-32
 c.addi16sp sp,-32
 c.addi16sp sp,496
 c.lui a0,0x1f
 c.lui a0,0xfffe1
 c.srli a0,3
 c.srai a5,63
 c.andi a0,-1
 c.sub a0,a1
 c.xor a0,a1
 c.or a0,a1
 c.and a0,a1
 c.subw a0,a1
 c.addw a0,a1
 c.j _start
 c.j cfwd
 c.beqz a0,_start
 c.bnez a0,cfwd
cfwd:
 c.slli a0,63
 c.lwsp ra,252(sp)
 c.ldsp ra,504(sp)
 c.jr ra
 c.mv a0,a1
 c.ebreak
 c.jalr a0
 c.add a0,a1
 c.swsp ra,252(sp)
 c.sdsp ra,504(sp)
`;

let dir = '';
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe.skipIf(!haveCrossCompiler())('disassembler', () => {
  test('matches objdump -M no-aliases on every instruction form', () => {
    dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-disasm-'));
    writeFileSync(join(dir, 'all.S'), SOURCE);
    execFileSync('riscv64-unknown-elf-gcc', ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-c', 'all.S', '-o', 'all.o'], { cwd: dir });
    const dump = execFileSync('riscv64-unknown-elf-objdump', ['-d', '-M', 'no-aliases', 'all.o'], { cwd: dir, encoding: 'utf8' });
    let checked = 0;
    const wrong: string[] = [];
    for (const line of dump.split('\n')) {
      const m = /^\s*([0-9a-f]+):\s+([0-9a-f]+)\s+(.*)$/.exec(line);
      if (!m) continue;
      const want = m[3].replace(/\s*#.*$/, '').replace(/\s*<.*>$/, '').replace(/\s+/g, ' ').trim();
      const got = disassemble(parseInt(m[2], 16), parseInt(m[1], 16));
      if (got !== want) wrong.push(`${m[1]}: ${m[2]} objdump "${want}" ours "${got}"`);
      checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(140);
  });
});

test('unknown encodings print as data', () => {
  expect(disassemble(0, 0)).toBe('.short 0x0000');
  expect(disassemble(0xffffffff, 0)).toBe('.word 0xffffffff');
});
