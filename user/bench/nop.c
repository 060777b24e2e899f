// The smallest program: what benchfork execs.
#include "user/user.h"

int
main(void)
{
  exit(0);
}
