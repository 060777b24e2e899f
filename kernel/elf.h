#ifndef ELF_H
#define ELF_H
// The parts of the ELF-64 format that exec reads (System V gABI).

#define ELF_MAGIC 0x464C457FU   // "\x7FELF", little-endian

struct elfhdr {
  uint magic;
  uchar ident[12];   // class, data, version, ABI, padding
  ushort type;
  ushort machine;
  uint version;
  uint64 entry;
  uint64 phoff;
  uint64 shoff;
  uint flags;
  ushort ehsize;
  ushort phentsize;
  ushort phnum;
  ushort shentsize;
  ushort shnum;
  ushort shstrndx;
};

struct proghdr {
  uint32 type;
  uint32 flags;
  uint64 off;
  uint64 vaddr;
  uint64 paddr;
  uint64 filesz;
  uint64 memsz;
  uint64 align;
};

#define ELF_CLASS64      2      // ident[0]
#define ELF_MACHINE_RISCV 243
#define ELF_PROG_LOAD    1
#define ELF_PROG_FLAG_X  1
#define ELF_PROG_FLAG_W  2
#define ELF_PROG_FLAG_R  4
#endif
