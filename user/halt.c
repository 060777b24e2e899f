// halt [CODE]: powers the machine off; the emulator exits with CODE (0).
#include "user/user.h"

int
main(int argc, char **argv)
{
  int code = argc > 1 ? atoi(argv[1]) : 0;
  halt(code);
  fprintf(2, "halt: the kernel refused to power off\n");
  return 1;
}
