// Shared by the pgtests files: the test table type, failure reporting and
// helpers that create groups, run code inside them and clean them up.
//
// A process started in a group by pgfork writes to that group's console,
// not ours, inherits no file descriptor, and is the child of the machine's
// init, not ours. So it reports through the file system, which the groups
// share: a failure's reason goes to FAILFILE, success to a file named after
// its group and pid (donefile()); the test in the root group polls for them.
#ifndef PT_H
#define PT_H
#include "user/user.h"
#include "kernel/param.h"

#define PGSIZE   4096
#define PREFIX   "pgt-"          // every test group's name starts with it
#define FAILFILE "/pgt.fail"     // a failure's reason, written in a group
#define STOPFILE "/pgt.stop"     // created to end a waiting process
#define READYFILE "/pgt.ready"   // created by a group process when set up

struct test {
  void (*fn)(void);
  const char *name;
};

// One table per area, each ending with a zero entry.
extern struct test group_tests[], ns_tests[], limit_tests[], cpu_tests[];
extern struct test tool_tests[];

extern const char *testname;
extern int quick;               // -q: fewer rounds, shorter measurements
extern const char *groot;       // the root directory of the groups started
                                // next: "" or a -r directory
extern int linger;              // ticks a process started by ingroup() waits
                                // between its report and its exit

// Reports why the current test failed and ends the process: in the root
// group as a FAILED line, in a group into FAILFILE (the first reason wins).
void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

// A spec named PREFIX name, without limits.
void spec_init(struct pgspec *s, const char *name);
// pgcreate, failing the test when the kernel refuses.
int newgroup(struct pgspec *s);
int mkgroup(const char *name);
void getstat(int id, struct pgstat *st);

// pgfork into group id; the child runs fn, reports success and exits 0.
// Returns the child's pid as seen in the group.
int ingroup(int id, void (*fn)(void));
// Waits until the process (group id, pid) reports; fails the test with its
// reason, or when it ended without a report (killed) or took over 60 s.
void expect_done(int id, int pid, const char *what);
// ingroup then expect_done, then waits for the group to empty: fn must
// leave no process in it, and the group's counts are final on return.
void run_in(int id, void (*fn)(void), const char *what);
// Kills the group's processes, waits for the group to empty and removes it.
void rmgroup(int id);
// Polls pgstat until the group has n processes, or fails the test.
void wait_pids(int id, int n);
// Polls pgstat until the group has no process; 0 when it happened.
int wait_empty(int id, int ticks);

int exists(const char *path);
void touch(const char *path);
// Polls until path exists; 0 when it did within ticks.
int wait_file(const char *path, int ticks);
// Sleeps until STOPFILE exists.
void sleep_until_stop(void);
// Writes a reason to FAILFILE (unless one is there) without exiting.
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
