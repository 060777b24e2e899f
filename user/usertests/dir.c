// Directories: mkdir, chdir, nested paths, "." and "..", names of
// DIRSIZ bytes, removing directories, inode references held by cwd.
#include "ut.h"
#include "kernel/fs.h"

static void
dirbasic(void)
{
  if(mkdir("dir0") < 0)
    fail("mkdir failed");
  if(mkdir("dir0") >= 0)
    fail("mkdir of an existing name");
  if(chdir("dir0") < 0)
    fail("chdir failed");
  make_file("f", 10, 'f');
  if(chdir("..") < 0)
    fail("chdir .. failed");
  if(open("dir0/f", O_RDONLY) < 0)
    fail("dir0/f not found from the parent");
  if(unlink("dir0") >= 0)
    fail("unlinked a non-empty directory");
  unlink("dir0/f");
  if(unlink("dir0") < 0)
    fail("unlink of an empty directory failed");
  if(chdir("dir0") >= 0)
    fail("chdir into a removed directory");
}

// Paths through several levels, with "." and "..".
static void
subdirs(void)
{
  if(mkdir("sd") < 0 || mkdir("sd/a") < 0 || mkdir("sd/a/b") < 0)
    fail("mkdir failed");
  make_file("sd/a/b/ff", 20, 'x');
  int fd = open("sd/./a/../a/b/ff", O_RDONLY);
  if(fd < 0 || read(fd, ubuf, 50) != 20)
    fail("path with . and .. not resolved");
  close(fd);
  if(chdir("sd/a/b") < 0)
    fail("chdir down three levels failed");
  if(open("../../../sd/a/b/ff", O_RDONLY) < 0)
    fail("path back up failed");
  if(chdir("/") < 0)
    fail("chdir / failed");
  if(open("/sd/a/b/ff/x", O_CREATE | O_RDWR) >= 0)
    fail("created a file under a file");
  if(mkdir("sd/a/b/ff/x") >= 0)
    fail("made a directory under a file");
  if(link("sd/a/b/ff", "sd/a/b/ff/y") >= 0)
    fail("linked under a file");
  // ".." of the root is the root.
  struct stat r1, r2;
  stat("/", &r1);
  stat("/..", &r2);
  if(r1.ino != r2.ino)
    fail("/.. is not /");
  if(unlink("sd/a/b/ff") < 0 || unlink("sd/a/b") < 0 || unlink("sd/a") < 0 || unlink("sd") < 0)
    fail("cleanup failed");
}

// "." and ".." can be neither removed nor linked over.
static void
rmdot(void)
{
  mkdir("dots");
  chdir("dots");
  if(unlink(".") >= 0 || unlink("..") >= 0)
    fail("removed . or ..");
  chdir("/");
  if(unlink("dots/.") >= 0 || unlink("dots/..") >= 0)
    fail("removed dots/. or dots/..");
  if(unlink("dots") < 0)
    fail("cannot remove dots");
}

// A file cannot be used as a directory, nor a directory as a file.
static void
dirfile(void)
{
  make_file("dirfile", 0, 0);
  if(chdir("dirfile") >= 0)
    fail("chdir into a file");
  if(open("dirfile/x", O_CREATE | O_RDWR) >= 0)
    fail("created under a file");
  if(open(".", O_RDWR) >= 0 || open(".", O_WRONLY) >= 0)
    fail("opened a directory for writing");
  int fd = open(".", O_RDONLY);
  if(fd < 0)
    fail("cannot open . for reading");
  if(write(fd, "x", 1) >= 0)
    fail("wrote into a directory");
  close(fd);
  if(open("dirfile", O_CREATE | O_RDWR) < 0)
    fail("O_CREATE of an existing file failed");
  if(mkdir("dirfile") >= 0)
    fail("mkdir over a file");
  unlink("dirfile");
}

// Names exactly DIRSIZ long work; longer names are cut to DIRSIZ.
static void
longnames(void)
{
  char name[DIRSIZ + 5];
  memset(name, 'n', DIRSIZ);
  name[DIRSIZ] = 0;
  if(mkdir(name) < 0)
    fail("mkdir of a %d-byte name failed", DIRSIZ);
  char longer[DIRSIZ + 5];
  memset(longer, 'n', DIRSIZ + 3);
  longer[DIRSIZ + 3] = 0;
  if(chdir(longer) < 0)
    fail("a longer name does not find the %d-byte one", DIRSIZ);
  chdir("/");
  if(unlink(name) < 0)
    fail("cleanup failed");
}

// Removing the directory a process stands in, many times over: the
// kernel must keep the inode while it is the cwd and free it afterwards.
static void
cwdremoved(void)
{
  for(int i = 0; i < 50; i++){
    if(mkdir("irefd") < 0 || chdir("irefd") < 0)
      fail("mkdir/chdir failed at %d", i);
    if(unlink("../irefd") < 0)
      fail("unlink of the cwd failed");
    struct stat st;
    if(stat(".", &st) < 0 || st.type != T_DIR)
      fail("the removed cwd is gone while in use");
    chdir("/");
  }
}

// A child exits while its cwd is a removed directory.
static void
exitcwd_child(void)
{
  if(mkdir("/exitcwd") < 0 || chdir("/exitcwd") < 0 || unlink("/exitcwd") < 0)
    exit(1);
}

static void
exitcwd(void)
{
  if(run_child(exitcwd_child) != 0)
    fail("child failed");
}

// Many entries in one directory.
static void
bigdir(void)
{
  char name[8] = "bd000";
  make_file("bdfile", 0, 0);
  mkdir("bigdir");
  chdir("bigdir");
  for(int i = 0; i < 500; i++){
    name[2] = '0' + i / 100;
    name[3] = '0' + i / 10 % 10;
    name[4] = '0' + i % 10;
    if(link("/bdfile", name) < 0)
      fail("link %d failed", i);
  }
  struct stat st;
  stat("/bdfile", &st);
  if(st.nlink != 501)
    fail("nlink %d, expected 501", st.nlink);
  for(int i = 0; i < 500; i++){
    name[2] = '0' + i / 100;
    name[3] = '0' + i / 10 % 10;
    name[4] = '0' + i % 10;
    if(unlink(name) < 0)
      fail("unlink %d failed", i);
  }
  chdir("/");
  unlink("bigdir");
  unlink("bdfile");
}

// Creating files until the inodes run out fails cleanly, and all come back.
static void
outofinodes(void)
{
  char name[8] = "zi000";
  int n;
  for(n = 0; n < 1000; n++){
    name[2] = '0' + n / 100;
    name[3] = '0' + n / 10 % 10;
    name[4] = '0' + n % 10;
    int fd = open(name, O_CREATE | O_RDWR);
    if(fd < 0)
      break;
    close(fd);
  }
  if(n == 1000)
    fail("inodes never ran out");
  for(int i = 0; i < n; i++){
    name[2] = '0' + i / 100;
    name[3] = '0' + i / 10 % 10;
    name[4] = '0' + i % 10;
    unlink(name);
  }
  make_file("zi-after", 10, 'z');
  unlink("zi-after");
}

// A child tries to open a directory for writing while the parent removes
// it: the open fails and the directory's inode is released exactly once.
static void
openiput(void)
{
  for(int i = 0; i < 20; i++){
    if(mkdir("oidir") < 0)
      fail("mkdir failed");
    int pid = fork();
    if(pid < 0)
      fail("fork failed");
    if(pid == 0){
      exit(open("oidir", O_RDWR) >= 0);
    }
    sleep(i % 2);
    if(unlink("oidir") < 0)
      fail("unlink failed");
    wait_all_ok(1, "opener");
  }
}

struct test dir_tests[] = {
  { dirbasic, "dirbasic" },
  { subdirs, "subdirs" },
  { rmdot, "rmdot" },
  { dirfile, "dirfile" },
  { longnames, "longnames" },
  { cwdremoved, "cwdremoved" },
  { exitcwd, "exitcwd" },
  { openiput, "openiput" },
  { bigdir, "bigdir", 1 },
  { outofinodes, "outofinodes", 1 },
  { 0 },
};
