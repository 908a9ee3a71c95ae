/* statfs/fstatfs/statvfs: file system type, block and name sizes, mount flags and consistent
 * block counts for /, /tmp and /proc, fstatfs of a file, a pipe and a socket, ENOENT. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <unistd.h>

static int fails;
#define CHECK(x) do { if (!(x)) { printf("FAIL line %d\n", __LINE__); fails++; } } while (0)

static void show(const char *what, struct statfs *s) {
    printf("%s: type %lx bsize %ld frsize %ld namelen %ld flags %lx\n", what, (long) s->f_type, (long) s->f_bsize,
           (long) s->f_frsize, (long) s->f_namelen, (long) s->f_flags);
    CHECK(s->f_bavail <= s->f_bfree && s->f_bfree <= s->f_blocks);
}

int main(void) {
    const char *paths[] = {"/", "/tmp", "/proc"};
    struct statfs s, t;
    for (int i = 0; i < 3; i++) {
        CHECK(statfs(paths[i], &s) == 0);
        show(paths[i], &s);
    }
    struct statvfs v;
    CHECK(statvfs("/tmp", &v) == 0 && statfs("/tmp", &s) == 0);
    printf("statvfs /tmp: bsize %lu frsize %lu namemax %lu flag %lx\n", v.f_bsize, v.f_frsize, v.f_namemax, v.f_flag);
    CHECK(v.f_blocks == (unsigned long) s.f_blocks);
    char dir[] = "/tmp/jx86-statfs-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[64];
    snprintf(path, sizeof path, "%s/f", dir);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    CHECK(fstatfs(fd, &s) == 0 && statfs(dir, &t) == 0);
    CHECK(s.f_type == t.f_type && s.f_bsize == t.f_bsize && s.f_blocks == t.f_blocks);
    close(fd);
    unlink(path);
    rmdir(dir);
    int p[2];
    CHECK(pipe(p) == 0 && fstatfs(p[0], &s) == 0);
    printf("pipe: type %lx bsize %ld\n", (long) s.f_type, (long) s.f_bsize);
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && fstatfs(sv[0], &s) == 0);
    printf("socket: type %lx bsize %ld\n", (long) s.f_type, (long) s.f_bsize);
    errno = 0;
    CHECK(statfs("/nonexistent/x", &s) == -1 && errno == ENOENT);
    errno = 0;
    CHECK(fstatfs(1000, &s) == -1 && errno == EBADF);
    printf("%s\n", fails ? "FAILED" : "ok");
    return fails ? 1 : 0;
}
