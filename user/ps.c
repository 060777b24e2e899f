// ps: the processes the caller may see (its own group; the root group sees
// all), with pids as the caller sees them:
//   PID PGROUP STATE MEM NAME      (MEM: pages charged for the process)
#include "user/user.h"
#include "kernel/param.h"   // NPROC

#define LINE 80

static const char *states[] = {
  [PS_USED] "used", [PS_SLEEPING] "sleeping", [PS_RUNNABLE] "runnable",
  [PS_RUNNING] "running", [PS_ZOMBIE] "zombie",
};

static char line[LINE];
static int len;

// Appends s to the line, then spaces up to width (at least one).
static void
field(const char *s, int width)
{
  int end = len + width;
  while(*s && len < LINE - 2)
    line[len++] = *s++;
  do
    line[len++] = ' ';
  while(len < end && len < LINE - 2);
}

static const char *
decimal(uint x)
{
  static char buf[12];
  int i = sizeof(buf) - 1;
  buf[i] = 0;
  do {
    buf[--i] = '0' + x % 10;
    x /= 10;
  } while(x);
  return buf + i;
}

int
main(int argc, char **argv)
{
  static struct procinfo procs[NPROC];
  struct pgstat st;
  if(argc > 1){
    fprintf(2, "usage: ps\n");
    return 1;
  }
  int n = getprocs(procs, NPROC);
  if(n < 0){
    fprintf(2, "ps: getprocs failed\n");
    return 1;
  }
  printf("PID   PGROUP          STATE     MEM   NAME\n");
  for(int i = 0; i < n; i++){
    struct procinfo *p = &procs[i];
    int s = p->state;
    len = 0;
    field(decimal(p->pid), 6);
    // A group this process may not look at (none, today) shows its id.
    field(pgstat(p->pgroup, &st) == 0 ? st.name : decimal(p->pgroup), PGNAME);
    field(s >= PS_USED && s <= PS_ZOMBIE ? states[s] : "?", 10);
    field(decimal(p->mem_pages), 6);
    field(p->name, 0);
    line[len - 1] = '\n';
    write(1, line, len);
  }
  return 0;
}
