// Shared by the usertests files: the test table type, failure reporting and
// helpers for tests that expect a process to be killed.
#ifndef UT_H
#define UT_H
#include "user/user.h"
#include "kernel/param.h"

#define PGSIZE 4096

struct test {
  void (*fn)(void);
  const char *name;
  int slow;           // skipped by -q
};

// One table per area, each ending with a zero entry.
extern struct test proc_tests[], pipe_tests[], mem_tests[], copy_tests[];
extern struct test file_tests[], dir_tests[], conc_tests[];

extern const char *testname;
extern char ubuf[];               // scratch shared by all tests
#define UBUFSZ (3 * 8192)

// Reports why the current test failed and ends its process.
void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

// Runs fn in a child and returns the child's exit status; a child that
// returns from fn exits 0.
int run_child(void (*fn)(void));

// Runs fn in a child that must be killed by the kernel (status -1).
void expect_killed(void (*fn)(void), const char *what);

// Creates name with n bytes of c; fails the test on any error.
void make_file(const char *name, int n, char c);

// Waits for n children and fails the test unless all exited 0.
void wait_all_ok(int n, const char *what);
#endif
