// Namespaces: pids counted per group, what a group process can see, kill
// and wait for, orphans, the file-system root, the hostname, the console
// and the calls only the root group may make.
#include "pt.h"

// Set by the test before pgfork; the group process inherits them.
static int aid, bid, bpid;
static const char *want;

static void
pidns_inside(void)
{
  static struct procinfo p[NPROC];
  if(getpid() != 1)
    fail("the group's first process has pid %d", getpid());
  for(int i = 2; i <= 4; i++){
    int pid = fork();
    if(pid < 0)
      fail("fork failed");
    if(pid == 0)
      exit(getpid() == i ? 0 : 1);
    int st;
    if(pid != i)
      fail("fork returned %d, expected %d", pid, i);
    if(wait(&st) != pid || st != 0)
      fail("child %d: wait or its getpid was wrong", i);
  }
  int n = getprocs(p, NPROC);
  if(n != 1 || p[0].pid != 1)
    fail("getprocs: %d processes, the first with pid %d", n, p[0].pid);
  touch(READYFILE);
  sleep_until_stop();
}

// Inside a group pids start at 1; the root group sees the global pid.
static void
pidns(void)
{
  static struct procinfo p[NPROC];
  int id = mkgroup("pidns");
  int pid = ingroup(id, pidns_inside);
  if(pid != 1)
    fail("pgfork returned pid %d, expected 1", pid);
  if(wait_file(READYFILE, 100) < 0){
    touch(STOPFILE);
    expect_done(id, pid, "in the group");
    fail("the group process never got ready");
  }
  int n = getprocs(p, NPROC), global = -1, self = 0;
  for(int i = 0; i < n; i++){
    if(p[i].pgroup == id){
      if(global != -1)
        fail("two processes in a group that has one");
      global = p[i].pid;
    }
    if(p[i].pgroup == PGROOT && p[i].pid == getpid())
      self = 1;
  }
  if(!self || global <= 1)
    fail("getprocs in root: self %d, group process pid %d", self, global);
  touch(STOPFILE);
  expect_done(id, pid, "in the group");
  unlink(STOPFILE);
  rmgroup(id);
}

static void
isolation_inside(void)
{
  static struct procinfo p[NPROC];
  struct pgstat st;
  int n = getprocs(p, NPROC);
  for(int i = 0; i < n; i++)
    if(p[i].pgroup != aid)
      fail("getprocs shows pid %d of group %d", p[i].pid, p[i].pgroup);
  if(n != 1)
    fail("getprocs shows %d processes, the group has 1", n);
  for(int pid = 2; pid <= NPROC; pid++)
    if(kill(pid) != -1)
      fail("kill(%d) worked with no such pid in the group", pid);
  if(kill(bpid) != -1)
    fail("kill of the other group's process (global pid %d) worked", bpid);
  if(wait(0) != -1)
    fail("wait without children returned a process");
  if(pgstat(bid, &st) != -1 || pgstat(PGROOT, &st) != -1)
    fail("pgstat shows another group");
  if(pgstat(-1, &st) < 0 || strcmp(st.name, PREFIX "isoA") != 0)
    fail("pgstat(-1) does not show the own group");
}

// A group process sees, kills and waits for its own group only; the root
// group sees and kills everything.
static void
isolation(void)
{
  static struct procinfo p[NPROC];
  struct pgstat st;
  aid = mkgroup("isoA");
  bid = mkgroup("isoB");
  ingroup(bid, sleep_until_stop);   // not reported: root kills it
  int n = getprocs(p, NPROC);
  bpid = -1;
  for(int i = 0; i < n; i++)
    if(p[i].pgroup == bid)
      bpid = p[i].pid;
  if(bpid <= 1)
    fail("root does not see the process of group B");
  run_in(aid, isolation_inside, "in group A");
  getstat(bid, &st);
  if(st.pids_current != 1)
    fail("group B lost its process");
  if(kill(bpid) < 0)
    fail("root cannot kill a group's process");
  if(wait_empty(bid, 50) < 0)
    fail("group B's process was not killed by root");
  rmgroup(aid);
  rmgroup(bid);
}

static void
orphans_inside(void)
{
  int pid = fork();
  if(pid < 0)
    fail("fork failed");
  if(pid == 0){
    if(fork() == 0){
      sleep(3);
      exit(7);
    }
    exit(0);
  }
  int st, a, b;
  a = wait(&st);
  if(a != 2 || st != 0)
    fail("wait for the child returned %d status %d", a, st);
  b = wait(&st);
  if(b != 3 || st != 7)
    fail("the orphan was not reparented to pid 1: wait %d status %d", b, st);
}

static void
orphans(void)
{
  int id = mkgroup("orphans");
  run_in(id, orphans_inside, "in the group");
  rmgroup(id);
}

#define ROOT "/pgt-root"

static void
rootdir_inside(void)
{
  static const char *outside[] = {
    "/pgt-outside", "../pgt-outside", "/../pgt-outside", "../../pgt-outside",
    "sub/../../pgt-outside", "/sub/../../pgt-outside", "/pgt-root/inside",
  };
  for(int i = 0; i < sizeof(outside) / sizeof(outside[0]); i++)
    if(exists(outside[i]))
      fail("%s opens a file outside the root", outside[i]);
  if(!exists("inside") || !exists("/inside") || !exists("/sub/../inside"))
    fail("files inside the root cannot be opened");
  if(chdir("..") < 0 || !exists("inside"))
    fail("chdir(\"..\") at the root left the root");
  if(chdir("/..") < 0 || !exists("inside"))
    fail("chdir(\"/..\") left the root");
  if(chdir("/sub") < 0 || chdir("../../..") < 0 || !exists("inside"))
    fail("chdir(\"../../..\") from a subdirectory left the root");
  touch("/made-inside");
}

// -r: the group's "/" is the directory given; ".." stops there.
static void
rootdir(void)
{
  struct pgspec s;
  mkdir(ROOT);
  mkdir(ROOT "/sub");
  touch(ROOT "/inside");
  touch("/pgt-outside");
  unlink(ROOT "/made-inside");
  unlink(ROOT FAILFILE);
  spec_init(&s, "root");
  strcpy(s.root, ROOT);
  int id = newgroup(&s);
  groot = ROOT;
  run_in(id, rootdir_inside, "in the group");
  if(!exists(ROOT "/made-inside") || exists("/made-inside"))
    fail("a file created at the group's / is not in its root");
  rmgroup(id);
  unlink(ROOT "/made-inside");
  unlink(ROOT "/inside");
  unlink(ROOT "/sub");
  unlink(ROOT);
  unlink("/pgt-outside");
}

static void
hostname_inside(void)
{
  char name[PGHOSTNAME];
  if(gethostname(name, sizeof(name)) < 0 || strcmp(name, want) != 0)
    fail("gethostname: '%s', expected '%s'", name, want);
}

// -h sets what gethostname says in the group; without it, the group's name.
static void
hostname(void)
{
  struct pgspec s;
  char name[PGHOSTNAME];
  spec_init(&s, "host1");
  strcpy(s.hostname, "box-1.local");
  int id = newgroup(&s);
  want = s.hostname;
  run_in(id, hostname_inside, "with -h");
  int id2 = mkgroup("host2");
  want = PREFIX "host2";
  run_in(id2, hostname_inside, "without -h");
  if(gethostname(name, sizeof(name)) < 0 || name[0] == 0)
    fail("the root group has no hostname");
  rmgroup(id);
  rmgroup(id2);
}

static void
notroot_inside(void)
{
  struct pgspec s;
  struct pgstat st;
  spec_init(&s, "nr-new");
  if(pgcreate(&s) != -1)
    fail("pgcreate worked in a group");
  if(pgfork(aid) != -1 || pgfork(bid) != -1 || pgfork(PGROOT) != -1)
    fail("pgfork worked in a group");
  if(pgctl(aid, PGC_WEIGHT, 500, 0) != -1 || pgctl(bid, PGC_FREEZE, 0, 0) != -1 ||
     pgctl(bid, PGC_REMOVE, 0, 0) != -1)
    fail("pgctl worked in a group");
  if(pgstat(-1, &st) < 0 || st.cpu_weight != PG_WEIGHT_DEFAULT)
    fail("pgstat(-1) failed, or the weight changed");
  // The tool says no as well.
  int pid = fork();
  if(pid == 0){
    char *argv[] = { "pgroup", "create", PREFIX "nr-tool", 0 };
    exec("/pgroup", argv);
    exit(2);
  }
  int status;
  if(pid < 0 || wait(&status) != pid || status != 1)
    fail("pgroup create in a group: status %d, expected 1", status);
  // Last, once the kernel has shown it knows we are not root: were it to
  // power off now, the emulator's exit code (97) would tell.
  if(halt(97) != -1)
    fail("halt returned in a group without failing");
}

// A group process may not create, change or remove groups, nor halt.
static void
notroot(void)
{
  struct pgstat st;
  aid = mkgroup("nrA");
  bid = mkgroup("nrB");
  run_in(aid, notroot_inside, "in the group");
  getstat(bid, &st);
  if(st.state != PG_RUNNING)
    fail("group B was frozen from another group");
  for(int id = 0; id < PG_MAX; id++)
    if(pgstat(id, &st) == 0 && st.state != PG_FREE &&
       (strcmp(st.name, PREFIX "nr-new") == 0 || strcmp(st.name, PREFIX "nr-tool") == 0))
      fail("a group created from inside a group exists");
  rmgroup(aid);
  rmgroup(bid);
}

static void
console_inside(void)
{
  struct stat st;
  for(int fd = 0; fd < 3; fd++)
    if(fstat(fd, &st) < 0 || st.type != T_DEVICE)
      fail("fd %d is not the console device", fd);
  for(int fd = 3; fd < NOFILE; fd++)
    if(fstat(fd, &st) == 0)
      fail("fd %d was inherited through pgfork", fd);
  // Other consoles stay shut: root's, another group's, or one made with
  // mknod; its own opens. (On QEMU every group shares root's UART0.)
  struct pgstat me;
  getstat(-1, &me);
  if(me.console == 0)
    return;
  char own[] = "/dev/consoleN", other[] = "/dev/consoleN";
  own[sizeof(own) - 2] = '0' + me.console;
  other[sizeof(other) - 2] = '0' + me.console % (PG_MAX - 1) + 1;
  int fd = open(own, O_RDWR);
  if(fd < 0)
    fail("cannot open its own console %s", own);
  close(fd);
  if(open("/console", O_RDWR) >= 0 || open(other, O_RDWR) >= 0)
    fail("a group process opened another console");
  char made[] = "/pgt-rootcons";
  if(mknod(made, 1, 0) == 0){
    int opened = open(made, O_RDWR);
    unlink(made);
    if(opened >= 0)
      fail("a console made with mknod opened root's console");
  }
}

// A group process starts with its console on fds 0-2 and nothing else.
static void
console(void)
{
  int p[2];
  if(pipe(p) < 0 || open("/pgroup", O_RDONLY) < 0)
    fail("pipe or open failed");
  int id = mkgroup("console");
  run_in(id, console_inside, "in the group");
  rmgroup(id);
}

struct test ns_tests[] = {
  { pidns, "pidns" },
  { isolation, "isolation" },
  { orphans, "orphans" },
  { rootdir, "rootdir" },
  { hostname, "hostname" },
  { notroot, "notroot" },
  { console, "console" },
  { 0, 0 },
};
