/* Files and directories through the system calls libc uses: open/openat with O_CREAT,
 * O_EXCL, O_APPEND, O_TRUNC; read/write/pread/pwrite/lseek (SEEK_END, holes); fstat, stat,
 * lstat and fstatat sizes, types and permission bits under a umask; ftruncate; mkdir,
 * mkdirat, rmdir; directory listing (getdents64 via readdir, sorted); rename (replacing a
 * file), link and its link count, symlink, readlink, unlink; access; chdir/getcwd; dup2,
 * fcntl F_GETFL/F_SETFL/F_DUPFD_CLOEXEC/F_GETFD; and the errno of the usual failures.
 * Everything happens in a fresh mkdtemp directory under /tmp, removed at the end; only
 * stable facts are printed (no inode numbers, times or pids). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s (errno %d)\n", __LINE__, #cond, errno); } } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

static void list(const char *dir) {
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d) return;
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        char type = e->d_type == DT_DIR ? 'd' : e->d_type == DT_LNK ? 'l' : e->d_type == DT_REG ? 'f' : '?';
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%s/%c", e->d_name, type);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("%s:", dir);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static const char *kind(mode_t m) {
    return S_ISREG(m) ? "file" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "symlink" : "other";
}

int main(void) {
    /* mkdtemp: a fresh name even when several runs share a pid (jx86's first guest is 1000) */
    char base[64] = "/tmp/jx86-fs-XXXXXX";
    umask(022);
    CHECK(mkdtemp(base) != NULL);
    CHECK(chmod(base, 0755) == 0);
    CHECK(chdir(base) == 0);
    char cwd[256];
    CHECK(getcwd(cwd, sizeof cwd) != NULL && strcmp(cwd, base) == 0);
    printf("cwd is the new directory: %d\n", strcmp(cwd, base) == 0);

    /* create, write, read back, seek, holes */
    int fd = open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0666);
    CHECK(fd >= 0);
    CHECK(write(fd, "hello, world\n", 13) == 13);
    CHECK(open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0666) == -1 && errno == EEXIST);
    CHECK(lseek(fd, 0, SEEK_CUR) == 13);
    char buf[64] = {0};
    CHECK(pread(fd, buf, 5, 7) == 5);
    printf("pread: %s\n", buf);
    CHECK(pwrite(fd, "WORLD", 5, 7) == 5);
    CHECK(lseek(fd, 0, SEEK_CUR) == 13);
    CHECK(lseek(fd, 100, SEEK_END) == 113);
    CHECK(write(fd, "!", 1) == 1);
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    printf("size after hole: %lld, kind %s, mode %o\n", (long long) st.st_size, kind(st.st_mode), st.st_mode & 0777);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, 13) == 13);
    printf("read: %s", buf);
    char z[4];
    CHECK(pread(fd, z, 4, 50) == 4 && z[0] == 0 && z[3] == 0);
    CHECK(ftruncate(fd, 5) == 0);
    CHECK(fstat(fd, &st) == 0 && st.st_size == 5);
    close(fd);

    /* append and truncate */
    fd = open("a.txt", O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(write(fd, "+tail", 5) == 5);
    int fl = fcntl(fd, F_GETFL);
    printf("append flag: %d, access mode wronly: %d\n", (fl & O_APPEND) != 0, (fl & O_ACCMODE) == O_WRONLY);
    CHECK(fcntl(fd, F_SETFL, fl & ~O_APPEND) == 0);
    CHECK((fcntl(fd, F_GETFL) & O_APPEND) == 0);
    int d2 = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    CHECK(d2 >= 10 && (fcntl(d2, F_GETFD) & FD_CLOEXEC) != 0);
    CHECK(dup2(fd, 20) == 20 && (fcntl(20, F_GETFD) & FD_CLOEXEC) == 0);
    close(d2);
    close(20);
    close(fd);
    fd = open("a.txt", O_RDONLY);
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, sizeof buf - 1) == 10);
    printf("after append: %s\n", buf);
    close(fd);
    fd = open("a.txt", O_WRONLY | O_TRUNC);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0);
    CHECK(write(fd, "x", 1) == 1);
    close(fd);

    /* directories, links, renames */
    CHECK(mkdir("sub", 0750) == 0);
    CHECK(mkdir("sub", 0750) == -1 && errno == EEXIST);
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0);
    CHECK(mkdirat(dfd, "inner", 0700) == 0);
    int f2 = openat(dfd, "b.txt", O_CREAT | O_WRONLY, 0640);
    CHECK(f2 >= 0 && write(f2, "bee", 3) == 3);
    close(f2);
    CHECK(fstatat(dfd, "b.txt", &st, 0) == 0);
    printf("sub/b.txt: %s size %lld mode %o\n", kind(st.st_mode), (long long) st.st_size, st.st_mode & 0777);
    CHECK(stat("sub", &st) == 0);
    printf("sub: %s mode %o\n", kind(st.st_mode), st.st_mode & 0777);
    CHECK(link("a.txt", "sub/hard") == 0);
    CHECK(stat("a.txt", &st) == 0);
    printf("links of a.txt: %ld\n", (long) st.st_nlink);
    CHECK(symlink("../a.txt", "sub/soft") == 0);
    char target[64] = {0};
    CHECK(readlink("sub/soft", target, sizeof target - 1) == 8);
    printf("readlink: %s\n", target);
    CHECK(lstat("sub/soft", &st) == 0);
    printf("lstat soft: %s; ", kind(st.st_mode));
    CHECK(stat("sub/soft", &st) == 0);
    printf("stat soft: %s size %lld\n", kind(st.st_mode), (long long) st.st_size);
    list("sub");
    CHECK(rename("sub/b.txt", "sub/hard") == 0);   /* replaces the hard link */
    CHECK(stat("a.txt", &st) == 0 && st.st_nlink == 1);
    CHECK(rename("nope", "x") == -1 && errno == ENOENT);
    CHECK(renameat(dfd, "inner", AT_FDCWD, "moved") == 0);
    list(".");
    list("sub");
    printf("access: exists %d, write %d, missing %d\n", access("a.txt", F_OK) == 0,
           access("a.txt", W_OK) == 0, access("missing", F_OK) == -1 && errno == ENOENT);

    /* the usual failures */
    CHECK(open("missing/x", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(open("a.txt/x", O_RDONLY) == -1 && errno == ENOTDIR);
    CHECK(rmdir("sub") == -1 && errno == ENOTEMPTY);
    CHECK(unlink("sub") == -1 && (errno == EISDIR || errno == EPERM));
    CHECK(mkdir("a.txt", 0700) == -1 && errno == EEXIST);
    CHECK(open("sub", O_WRONLY) == -1 && errno == EISDIR);
    CHECK(read(dfd, buf, 1) == -1 && errno == EISDIR);
    CHECK(close(12345) == -1 && errno == EBADF);

    /* clean up */
    CHECK(unlinkat(dfd, "hard", 0) == 0);
    CHECK(unlinkat(dfd, "soft", 0) == 0);
    close(dfd);
    CHECK(rmdir("sub") == 0);
    CHECK(rmdir("moved") == 0);
    CHECK(unlink("a.txt") == 0);
    list(".");
    CHECK(chdir("/") == 0);
    CHECK(rmdir(base) == 0);
    printf("%s\n", fails ? "FAILED" : "ok");
    return fails ? 1 : 0;
}
