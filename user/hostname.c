// hostname: prints the name of the machine as the caller's pgroup sees it
// (its -h HOSTNAME, else the group's name).
#include "user/user.h"

int
main(int argc, char **argv)
{
  char name[PGHOSTNAME];
  if(argc > 1){
    fprintf(2, "usage: hostname\n");
    return 1;
  }
  if(gethostname(name, sizeof(name)) < 0){
    fprintf(2, "hostname: gethostname failed\n");
    return 1;
  }
  name[sizeof(name) - 1] = 0;
  printf("%s\n", name);
  return 0;
}
