// Files: create, read, write, big files past the single-indirect block,
// truncation, unlink while open, links, descriptors.
#include "ut.h"
#include "kernel/fs.h"

static void
opentest(void)
{
  int fd = open("/echo", O_RDONLY);
  if(fd < 0)
    fail("cannot open /echo");
  close(fd);
  if(open("doesnotexist", O_RDONLY) >= 0)
    fail("opened a missing file");
  if(open("doesnotexist", O_RDWR) >= 0)
    fail("opened a missing file for writing without O_CREATE");
}

static void
writeread(void)
{
  int fd = open("small", O_CREATE | O_RDWR);
  if(fd < 0)
    fail("create failed");
  for(int i = 0; i < 100; i++){
    if(write(fd, "aaaaaaaaaa", 10) != 10 || write(fd, "bbbbbbbbbb", 10) != 10)
      fail("write %d failed", i);
  }
  close(fd);
  fd = open("small", O_RDONLY);
  if(read(fd, ubuf, 3000) != 2000)
    fail("read back the wrong size");
  for(int i = 0; i < 2000; i++)
    if(ubuf[i] != ((i / 10) % 2 ? 'b' : 'a'))
      fail("byte %d is %c", i, ubuf[i]);
  close(fd);
  if(unlink("small") < 0)
    fail("unlink failed");
}

// A file that needs the double-indirect block: every block carries its
// number, so misplaced blocks show.
static void
bigfile(void)
{
  const int nblocks = NDIRECT + NINDIRECT + 60;
  int fd = open("big", O_CREATE | O_RDWR);
  if(fd < 0)
    fail("create failed");
  for(int b = 0; b < nblocks; b++){
    ((int *)ubuf)[0] = b;
    ((int *)ubuf)[BSIZE / 4 - 1] = ~b;
    if(write(fd, ubuf, BSIZE) != BSIZE)
      fail("write of block %d failed", b);
  }
  close(fd);
  struct stat st;
  if(stat("big", &st) < 0 || st.size != (uint64)nblocks * BSIZE)
    fail("size %lu, expected %d", st.size, nblocks * BSIZE);
  fd = open("big", O_RDONLY);
  for(int b = 0; b < nblocks; b++){
    if(read(fd, ubuf, BSIZE) != BSIZE)
      fail("read of block %d failed", b);
    if(((int *)ubuf)[0] != b || ((int *)ubuf)[BSIZE / 4 - 1] != ~b)
      fail("block %d holds block %d", b, ((int *)ubuf)[0]);
  }
  if(read(fd, ubuf, 1) != 0)
    fail("data past the end");
  close(fd);
  if(unlink("big") < 0)
    fail("unlink failed");
}

// Odd-sized writes and reads that straddle block boundaries.
static void
oddsizes(void)
{
  int fd = open("odd", O_CREATE | O_RDWR);
  for(int i = 0; i < 20; i++){
    memset(ubuf, i, 600);
    if(write(fd, ubuf, 600) != 600)
      fail("write failed");
  }
  close(fd);
  fd = open("odd", O_RDONLY);
  int total = 0, n;
  while((n = read(fd, ubuf, 150)) > 0){
    for(int i = 0; i < n; i++)
      if(ubuf[i] != (total + i) / 600)
        fail("byte %d wrong", total + i);
    total += n;
  }
  close(fd);
  unlink("odd");
  if(total != 20 * 600)
    fail("read %d bytes", total);
}

// The last byte the file system can hold, and one more.
static void
maxfile(void)
{
  int fd = open("maxfile", O_CREATE | O_RDWR);
  memset(ubuf, 'm', UBUFSZ);
  // Find the limit by writing: it must be past the single-indirect size.
  int total = 0, n;
  while((n = write(fd, ubuf, UBUFSZ)) == UBUFSZ){
    total += n;
    if(total > (NDIRECT + NINDIRECT) * BSIZE + 8 * UBUFSZ)
      break;
  }
  close(fd);
  unlink("maxfile");
  if(total <= (NDIRECT + NINDIRECT) * BSIZE)
    fail("files stop at %d bytes", total);
}

// O_TRUNC empties a file that another descriptor still has open.
static void
truncate(void)
{
  make_file("trunc", 100, 't');
  int fd1 = open("trunc", O_RDONLY);
  int fd2 = open("trunc", O_WRONLY | O_TRUNC);
  struct stat st;
  if(fstat(fd1, &st) < 0 || st.size != 0)
    fail("size %lu after O_TRUNC", st.size);
  char c;
  if(read(fd1, &c, 1) != 0)
    fail("read past a truncation");
  write(fd2, "new", 3);
  if(read(fd1, ubuf, 10) != 3 || memcmp(ubuf, "new", 3) != 0)
    fail("new data not seen");
  close(fd1);
  close(fd2);
  unlink("trunc");
}

// An unlinked file lives on while open; a new file with its name is
// a different file.
static void
unlinkread(void)
{
  make_file("unlinked", 5, 'u');
  int fd = open("unlinked", O_RDWR);
  if(unlink("unlinked") < 0)
    fail("unlink failed");
  make_file("unlinked", 3, 'n');
  char b[8];
  if(read(fd, b, 8) != 5 || b[0] != 'u')
    fail("unlinked file lost its data");
  if(write(fd, "x", 1) != 1)
    fail("write to an unlinked open file");
  close(fd);
  int fd2 = open("unlinked", O_RDONLY);
  if(read(fd2, b, 8) != 3 || b[0] != 'n')
    fail("new file mixed up with the old");
  close(fd2);
  unlink("unlinked");
}

static void
linktest(void)
{
  make_file("lf1", 5, 'l');
  if(link("lf1", "lf2") < 0)
    fail("link failed");
  unlink("lf1");
  if(open("lf1", O_RDONLY) >= 0)
    fail("unlinked name still opens");
  int fd = open("lf2", O_RDONLY);
  if(fd < 0 || read(fd, ubuf, 10) != 5)
    fail("data not reachable through the link");
  struct stat st;
  fstat(fd, &st);
  if(st.nlink != 1)
    fail("nlink %d, expected 1", st.nlink);
  close(fd);
  if(link("lf2", "lf2") >= 0)
    fail("link onto an existing name");
  unlink("lf2");
  if(link("lf2", "lf1") >= 0)
    fail("link of a missing file");
  if(link(".", "lf1") >= 0)
    fail("link of a directory");
}

// dup shares the offset; close of one leaves the other.
static void
duptest(void)
{
  int fd = open("dupf", O_CREATE | O_RDWR);
  int fd2 = dup(fd);
  if(fd2 < 0 || fd2 == fd)
    fail("dup failed");
  write(fd, "ab", 2);
  write(fd2, "cd", 2);
  close(fd);
  close(fd2);
  fd = open("dupf", O_RDONLY);
  if(read(fd, ubuf, 10) != 4 || memcmp(ubuf, "abcd", 4) != 0)
    fail("dup'd descriptors do not share an offset");
  close(fd);
  unlink("dupf");
}

// fstat reports the type, link count and size.
static void
fstattest(void)
{
  struct stat st;
  make_file("statf", 1234, 's');
  if(stat("statf", &st) < 0 || st.type != T_FILE || st.size != 1234 || st.nlink != 1)
    fail("file: type %d size %lu nlink %d", st.type, st.size, st.nlink);
  unlink("statf");
  if(stat("/", &st) < 0 || st.type != T_DIR)
    fail("/ is not a directory");
  // Inside a pgroup, root's console will not open: look at our own (fd 2).
  if((stat("console", &st) < 0 && fstat(2, &st) < 0) || st.type != T_DEVICE)
    fail("console is not a device");
}

// A failed write into a file frees what it took; doing it many times
// must not exhaust the log or the disk.
static void
badwrite(void)
{
  for(int i = 0; i < 1000; i++){
    int fd = open("badwrite", O_CREATE | O_WRONLY);
    write(fd, (char *)0xffffffffffUL, 1);
    close(fd);
    unlink("badwrite");
  }
  int fd = open("badwrite", O_CREATE | O_WRONLY);
  if(write(fd, "x", 1) != 1)
    fail("write fails after bad writes");
  close(fd);
  unlink("badwrite");
}

// Fill the disk: writes fail cleanly and everything comes back afterwards.
static void
diskfull(void)
{
  int done = 0, nfiles = 0;
  char name[16] = "full00";
  for(; !done && nfiles < 100; nfiles++){
    name[4] = '0' + nfiles / 10;
    name[5] = '0' + nfiles % 10;
    int fd = open(name, O_CREATE | O_RDWR);
    if(fd < 0)
      break;
    for(int b = 0; b < NDIRECT + NINDIRECT + 100; b++){
      if(write(fd, ubuf, BSIZE) != BSIZE){
        done = 1;
        break;
      }
    }
    close(fd);
  }
  if(!done)
    fail("the disk never filled");
  for(int i = 0; i < nfiles; i++){
    name[4] = '0' + i / 10;
    name[5] = '0' + i % 10;
    unlink(name);
  }
  make_file("afterfull", 50 * BSIZE, 'a');
  unlink("afterfull");
}

// Writes of many sizes, each crossing block boundaries differently.
static void
bigwrite(void)
{
  for(int sz = 499; sz < 3 * BSIZE && sz <= UBUFSZ; sz += 471){
    int fd = open("bigwrite", O_CREATE | O_RDWR);
    if(fd < 0)
      fail("create failed");
    for(int i = 0; i < 2; i++)
      if(write(fd, ubuf, sz) != sz)
        fail("write of %d bytes failed", sz);
    close(fd);
    struct stat st;
    if(stat("bigwrite", &st) < 0 || st.size != 2 * sz)
      fail("size %lu after two writes of %d", st.size, sz);
    unlink("bigwrite");
  }
}

struct test file_tests[] = {
  { opentest, "open" },
  { writeread, "writeread" },
  { bigfile, "bigfile" },
  { oddsizes, "oddsizes" },
  { bigwrite, "bigwrite" },
  { maxfile, "maxfile" },
  { truncate, "truncate" },
  { unlinkread, "unlinkread" },
  { linktest, "link" },
  { duptest, "dup" },
  { fstattest, "fstat" },
  { badwrite, "badwrite", 1 },
  { diskfull, "diskfull", 1 },
  { 0 },
};
