// Reads the flattened device tree (devicetree specification v0.4, ch. 5)
// that the firmware passes in a1: how many harts, where RAM ends, which
// 16550 UARTs exist. Called once on the boot hart before the page allocator
// can overwrite the blob (it lives near the top of RAM).
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "defs.h"

struct machine machine;

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define MAXDEPTH       16

// The blob is big-endian.
static uint32
be32(const void *p)
{
  const uchar *b = p;
  return (uint32)b[0] << 24 | (uint32)b[1] << 16 | (uint32)b[2] << 8 | b[3];
}

// A number of `cells` 32-bit cells.
static uint64
cells(const uchar *p, int ncells)
{
  uint64 v = 0;
  for(int i = 0; i < ncells; i++)
    v = (v << 32) | be32(p + 4 * i);
  return v;
}

static int
streq(const char *a, const char *b)
{
  return strlen(a) == strlen(b) && strncmp(a, b, strlen(a)) == 0;
}

static int
startswith(const char *s, const char *prefix)
{
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

// Does a "compatible" property (a list of NUL-terminated strings) name c?
static int
compatible(const char *list, int len, const char *c)
{
  for(int i = 0; i < len; i += strlen(list + i) + 1)
    if(streq(list + i, c))
      return 1;
  return 0;
}

// What we learn about one node while walking its properties.
struct node {
  const char *name;
  int addr_cells, size_cells;  // for its children (#address-cells ...)
  const uchar *reg;            // its reg, read with its parent's cells
  int reglen;
  int irq;
  int is_uart, is_memory, is_telemetry, disabled;
};

static void
add_uart(uint64 base, int irq)
{
  if(machine.nuart >= NUART)
    return;
  // Keep the table sorted by address so that uart[0] is UART0.
  int i = machine.nuart++;
  while(i > 0 && machine.uart[i - 1].base > base){
    machine.uart[i] = machine.uart[i - 1];
    i--;
  }
  machine.uart[i].base = base;
  machine.uart[i].irq = irq;
}

// A node is complete: record what it describes.
static void
finish_node(struct node *n, struct node *parent, int depth)
{
  if(n->disabled || parent == 0)
    return;
  int ac = parent->addr_cells, sc = parent->size_cells;
  if(depth == 2 && streq(parent->name, "cpus") && startswith(n->name, "cpu@"))
    machine.nharts++;
  if(n->is_memory && n->reg && n->reglen >= 4 * (ac + sc)){
    uint64 base = cells(n->reg, ac), size = cells(n->reg + 4 * ac, sc);
    if(base == RAM_BASE)
      machine.ram_end = base + size;
  }
  if(n->is_uart && n->reg && n->reglen >= 4 * ac)
    add_uart(cells(n->reg, ac), n->irq);
  if(n->is_telemetry && n->reg && n->reglen >= 4 * ac)
    machine.telemetry = cells(n->reg, ac);
}

// A minimal machine for a missing or broken blob: one hart, default RAM, UART0.
static void
defaults(void)
{
  machine.nharts = 1;
  machine.ram_end = RAM_BASE + RAM_DEFAULT_MB * 1024 * 1024;
  machine.nuart = 0;
  add_uart(UART0_BASE, UART0_IRQ);
}

// Walks the structure block; -1 if it is malformed.
static int
parse(const uchar *fdt)
{
  if(be32(fdt) != FDT_MAGIC)
    return -1;
  const uchar *p = fdt + be32(fdt + 8);            // off_dt_struct
  const char *strings = (const char *)fdt + be32(fdt + 12);
  struct node stack[MAXDEPTH];
  int depth = 0;

  for(;;){
    uint32 tok = be32(p);
    p += 4;
    if(tok == FDT_BEGIN_NODE){
      if(depth >= MAXDEPTH)
        return -1;
      struct node *n = &stack[depth++];
      memset(n, 0, sizeof(*n));
      n->name = (const char *)p;
      n->addr_cells = 2;   // the specification's defaults
      n->size_cells = 1;
      n->irq = -1;
      p += (strlen(n->name) + 1 + 3) & ~3;
    } else if(tok == FDT_END_NODE){
      if(depth == 0)
        return -1;
      depth--;
      finish_node(&stack[depth], depth > 0 ? &stack[depth - 1] : 0, depth);
    } else if(tok == FDT_PROP){
      uint32 len = be32(p), nameoff = be32(p + 4);
      const uchar *val = p + 8;
      p += 8 + ((len + 3) & ~3);
      if(depth == 0)
        return -1;
      struct node *n = &stack[depth - 1];
      const char *name = strings + nameoff;
      if(streq(name, "#address-cells") && len == 4)
        n->addr_cells = be32(val);
      else if(streq(name, "#size-cells") && len == 4)
        n->size_cells = be32(val);
      else if(streq(name, "reg")){
        n->reg = val;
        n->reglen = len;
      } else if(streq(name, "interrupts") && len >= 4)
        n->irq = be32(val);
      else if(streq(name, "compatible")){
        n->is_uart = compatible((const char *)val, len, "ns16550a");
        n->is_telemetry = compatible((const char *)val, len, "xv6-wasm,pgroup-telemetry");
      }
      else if(streq(name, "device_type"))
        n->is_memory = streq((const char *)val, "memory");
      else if(streq(name, "status"))
        n->disabled = !streq((const char *)val, "okay") && !streq((const char *)val, "ok");
    } else if(tok == FDT_NOP){
      continue;
    } else if(tok == FDT_END){
      return 0;
    } else {
      return -1;
    }
  }
}

// Returns 0, or -1 if the blob was unusable and defaults were taken.
int
fdt_read(uint64 fdtpa)
{
  memset(&machine, 0, sizeof(machine));
  if(fdtpa == 0 || parse((const uchar *)fdtpa) < 0 ||
     machine.nharts == 0 || machine.ram_end == 0 || machine.nuart == 0 ||
     machine.uart[0].base != UART0_BASE){
    memset(&machine, 0, sizeof(machine));
    defaults();
    return -1;
  }
  if(machine.nharts > NCPU)
    machine.nharts = NCPU;
  return 0;
}
