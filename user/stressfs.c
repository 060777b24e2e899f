// stressfs: several processes write and read back files at the same time,
// to exercise the file system's locking and log under concurrency.
#include "user/user.h"

#define WRITERS 4
#define CHUNKS 20

int
main(void)
{
  char name[] = "stressfs0";
  char data[512];
  int id;

  printf("stressfs starting\n");
  for(id = 0; id < WRITERS - 1; id++)
    if(fork() == 0)
      break;
  // The last one through the loop is the parent, with id WRITERS-1.
  name[8] = '0' + id;
  memset(data, 'a' + id, sizeof(data));

  int fd = open(name, O_CREATE | O_RDWR);
  if(fd < 0){
    printf("stressfs: cannot create %s\n", name);
    exit(1);
  }
  for(int i = 0; i < CHUNKS; i++)
    if(write(fd, data, sizeof(data)) != sizeof(data)){
      printf("stressfs: write to %s failed\n", name);
      exit(1);
    }
  close(fd);

  fd = open(name, O_RDONLY);
  for(int i = 0; i < CHUNKS; i++){
    char got[512];
    if(read(fd, got, sizeof(got)) != sizeof(got) || memcmp(got, data, sizeof(got)) != 0){
      printf("stressfs: %s reads back wrong\n", name);
      exit(1);
    }
  }
  close(fd);
  unlink(name);

  if(id == WRITERS - 1){
    int bad = 0, st;
    for(int i = 0; i < WRITERS - 1; i++){
      wait(&st);
      bad |= st;
    }
    printf(bad ? "stressfs failed\n" : "stressfs ok\n");
    exit(bad != 0);
  }
  exit(0);
}
