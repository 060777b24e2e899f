// usertests [-q] [NAME]: runs every test (or only NAME), each in its own
// process, and ends with "ALL TESTS PASSED" or the names of the failures.
// -q skips the slow tests. Before and after, it counts the free memory
// pages to catch a kernel that leaks them.
#include "ut.h"

const char *testname = "?";
char ubuf[UBUFSZ];

static struct test *tables[] = {
  proc_tests, pipe_tests, mem_tests, copy_tests, file_tests, dir_tests, conc_tests,
};

void
fail(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  printf("FAILED %s: ", testname);
  vfprintf(1, fmt, ap);
  va_end(ap);
  printf("\n");
  exit(1);
}

int
run_child(void (*fn)(void))
{
  int pid = fork();
  if(pid < 0)
    fail("fork failed");
  if(pid == 0){
    fn();
    exit(0);
  }
  int status;
  if(wait(&status) != pid)
    fail("wait returned the wrong pid");
  return status;
}

void
expect_killed(void (*fn)(void), const char *what)
{
  int st = run_child(fn);
  if(st != -1)
    fail("%s: the process was not killed (status %d)", what, st);
}

void
make_file(const char *name, int n, char c)
{
  int fd = open(name, O_CREATE | O_RDWR | O_TRUNC);
  if(fd < 0)
    fail("cannot create %s", name);
  memset(ubuf, c, n < UBUFSZ ? n : UBUFSZ);
  while(n > 0){
    int chunk = n < UBUFSZ ? n : UBUFSZ;
    if(write(fd, ubuf, chunk) != chunk)
      fail("write to %s failed", name);
    n -= chunk;
  }
  close(fd);
}

void
wait_all_ok(int n, const char *what)
{
  for(int i = 0; i < n; i++){
    int st;
    if(wait(&st) < 0)
      fail("%s: wait found too few children", what);
    if(st != 0)
      fail("%s: a child failed (status %d)", what, st);
  }
}

// Free pages, counted by a child that takes memory until sbrk says no.
static int
count_free_pages(void)
{
  int p[2];
  if(pipe(p) < 0)
    return -1;
  int pid = fork();
  if(pid < 0)
    return -1;
  if(pid == 0){
    close(p[0]);
    int pages = 0;
    for(int step = 256; step >= 1; step /= 16){
      while(sbrk(step * PGSIZE) != (char *)-1)
        pages += step;
    }
    write(p[1], &pages, sizeof(pages));
    exit(0);
  }
  close(p[1]);
  int pages = -1;
  if(read(p[0], &pages, sizeof(pages)) != sizeof(pages))
    pages = -1;
  close(p[0]);
  wait(0);
  return pages;
}

// Runs one test in a child. Returns 1 when it passed.
static int
run_test(struct test *t)
{
  printf("test %s: ", t->name);
  int pid = fork();
  if(pid < 0){
    printf("usertests: fork failed\n");
    return 0;
  }
  if(pid == 0){
    testname = t->name;
    t->fn();
    exit(0);
  }
  int st;
  wait(&st);
  if(st == 0)
    printf("OK\n");
  else
    printf("FAILED %s (status %d)\n", t->name, st);
  return st == 0;
}

int
main(int argc, char **argv)
{
  int quick = 0;
  const char *only = 0;
  for(int i = 1; i < argc; i++){
    if(strcmp(argv[i], "-q") == 0)
      quick = 1;
    else if(argv[i][0] == '-'){
      fprintf(2, "usage: usertests [-q] [testname]\n");
      return 1;
    } else
      only = argv[i];
  }

  printf("usertests starting\n");
  int before = count_free_pages();
  static const char *failed[128];
  int nfailed = 0, nrun = 0;
  for(int i = 0; i < sizeof(tables) / sizeof(tables[0]); i++){
    for(struct test *t = tables[i]; t->fn; t++){
      if(only ? strcmp(only, t->name) != 0 : (quick && t->slow))
        continue;
      nrun++;
      if(!run_test(t) && nfailed < 128)
        failed[nfailed++] = t->name;
    }
  }
  if(only && nrun == 0){
    printf("usertests: no test named %s\n", only);
    return 1;
  }
  int after = count_free_pages();
  if(before < 0 || after < 0 || after < before){
    printf("FAILED free pages: %d before the tests, %d after\n", before, after);
    failed[nfailed++] = "free pages";
  }
  if(nfailed == 0){
    printf("ALL TESTS PASSED\n");
    return 0;
  }
  printf("SOME TESTS FAILED:");
  for(int i = 0; i < nfailed; i++)
    printf(" %s", failed[i]);
  printf("\n");
  return 1;
}
