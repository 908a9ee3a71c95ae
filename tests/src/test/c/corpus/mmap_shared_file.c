/* Writable MAP_SHARED file mappings: stores reach the file (read/pread see them, with and without
 * msync, in the same and in another process), write/pwrite/ftruncate show in the mapping, two
 * mappings of one file share stores, ftruncate-grow-then-map (the sqlite/lmdb pattern), bytes
 * past EOF in the last page are not written back, and an access past the EOF page is SIGBUS. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(x) do { if (!(x)) { printf("FAIL line %d\n", __LINE__); fails++; } } while (0)

static char dir[64], path[128];

static int waitchild(pid_t pid) {
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void show(const char *what, int fd, off_t off, int n) {
    char b[128];
    memset(b, 0, sizeof b);
    int got = pread(fd, b, n, off);
    for (int i = 0; i < got; i++) if (b[i] == 0) b[i] = '.';
    printf("%s: %d '%s'\n", what, got, b);
}

static void basic(void) {
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    CHECK(write(fd, "hello, file world", 17) == 17);
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED);
    CHECK(memcmp(m, "hello, file world", 17) == 0);
    memcpy(m, "HELLO", 5);
    show("pread after store, no msync", fd, 0, 17);
    CHECK(lseek(fd, 7, SEEK_SET) == 7);
    char b[16] = {0};
    CHECK(read(fd, b, 4) == 4 && memcmp(b, "file", 4) == 0);
    memcpy(m + 7, "FILE", 4);
    CHECK(msync(m, 4096, MS_SYNC) == 0);
    show("pread after msync", fd, 0, 17);
    /* write() and pwrite() show in the mapping at once */
    CHECK(pwrite(fd, "W", 1, 12) == 1);
    CHECK(lseek(fd, 13, SEEK_SET) == 13);
    CHECK(write(fd, "ORLD", 4) == 4);
    printf("mapping after pwrite/write: '%.17s'\n", m);
    CHECK(memcmp(m, "HELLO, FILE WORLD", 17) == 0);
    /* bytes past EOF within the last page are not written back; fstat size unchanged */
    memcpy(m + 17, "!!tail", 6);
    CHECK(msync(m, 4096, MS_SYNC) == 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    printf("size after store past EOF: %ld\n", (long) st.st_size);
    CHECK(st.st_size == 17);
    /* a second mapping of the same file sees the first one's stores at once */
    char *m2 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m2 != MAP_FAILED && m2 != m);
    m2[0] = 'J';
    CHECK(m[0] == 'J');
    m[1] = 'E';
    CHECK(m2[1] == 'E');
    CHECK(munmap(m2, 4096) == 0);
    /* a MAP_PRIVATE mapping is a copy: its stores stay private */
    char *pm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(pm != MAP_FAILED);
    pm[0] = 'p';
    show("after private store", fd, 0, 5);
    CHECK(munmap(pm, 4096) == 0);
    CHECK(munmap(m, 4096) == 0);
    show("after munmap", fd, 0, 17);
    close(fd);
}

/* ftruncate to grow, map, store, and read back through a new descriptor (sqlite/lmdb style). */
static void grow_then_map(void) {
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    CHECK(ftruncate(fd, 3 * 4096) == 0);
    unsigned *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED);
    close(fd); /* the mapping keeps the file */
    for (unsigned i = 0; i < 3 * 1024; i++) m[i] = i * 2654435761u;
    int fd2 = open(path, O_RDONLY);
    unsigned buf[1024];
    unsigned long sum = 0;
    for (int pg = 0; pg < 3; pg++) {
        CHECK(read(fd2, buf, sizeof buf) == sizeof buf);
        for (int i = 0; i < 1024; i++) sum += buf[i];
    }
    printf("grown file sum %lu\n", sum);
    unsigned long want = 0;
    for (unsigned i = 0; i < 3 * 1024; i++) want += (unsigned) (i * 2654435761u);
    CHECK(sum == want);
    /* shrink: the cut part reads zero when grown back */
    CHECK(truncate(path, 4096 + 8) == 0);
    CHECK(truncate(path, 2 * 4096) == 0);
    printf("after shrink and grow: %u %u %u\n", m[1024], m[1025], m[1026]);
    CHECK(m[1024] == 1024 * 2654435761u && m[1025] == 1025 * 2654435761u && m[1026] == 0);
    close(fd2);
    munmap(m, 3 * 4096);
}

/* Parent and child map the file; each sees the other's stores at once, and read() in a third
 * mapping-free process sees them without msync. */
static void across_fork(void) {
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(ftruncate(fd, 4096) == 0);
    volatile int *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != (void *) MAP_FAILED);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* a separate mapping of the same file in the child */
        volatile int *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        for (int i = 0; i < 100; i++) {
            while (c[0] != 2 * i + 1) { }
            c[1 + i] = i * i;
            c[0] = 2 * i + 2;
        }
        _exit(0);
    }
    for (int i = 0; i < 100; i++) {
        m[0] = 2 * i + 1;
        while (m[0] != 2 * i + 2) { }
    }
    CHECK(waitchild(pid) == 0);
    int sum = 0;
    for (int i = 0; i < 100; i++) sum += m[1 + i];
    printf("handshake sum %d\n", sum);
    CHECK(sum == 328350);
    /* a child that only reads the file sees the parent's unsynced stores */
    m[200] = 0x12345678;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        int f = open(path, O_RDONLY);
        int v = 0;
        _exit(pread(f, &v, 4, 800) == 4 && v == 0x12345678 ? 0 : 1);
    }
    CHECK(waitchild(pid) == 0);
    /* a child that stores and exits: its stores are in the file when wait returns */
    pid = fork();
    if (pid == 0) {
        m[300] = 777;
        _exit(0);
    }
    CHECK(waitchild(pid) == 0);
    int v = 0;
    CHECK(pread(fd, &v, 4, 1200) == 4 && v == 777);
    printf("child's store read back %d\n", v);
    munmap((void *) m, 4096);
    close(fd);
}

static sigjmp_buf jb;
static volatile long fault_addr;
static void on_bus(int sig, siginfo_t *si, void *uc) {
    fault_addr = (long) si->si_addr;
    printf("signal %d code %d\n", sig, si->si_code);
    siglongjmp(jb, 1);
}

static void past_eof(void) {
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(write(fd, "abc", 3) == 3);
    char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED);
    CHECK(m[4095] == 0); /* inside the EOF page: zeros */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    fflush(stdout);
    if (sigsetjmp(jb, 1) == 0) {
        m[4096 + 10] = 1;
        printf("no fault\n");
        CHECK(0);
    } else {
        CHECK(fault_addr == (long) (m + 4096 + 10));
    }
    signal(SIGBUS, SIG_DFL);
    munmap(m, 3 * 4096);
    close(fd);
}

int main(void) {
    strcpy(dir, "/tmp/jx86-mmapfile-XXXXXX");
    if (!mkdtemp(dir)) return 2;
    snprintf(path, sizeof path, "%s/data", dir);
    setvbuf(stdout, NULL, _IONBF, 0);
    basic();
    grow_then_map();
    across_fork();
    past_eof();
    unlink(path);
    rmdir(dir);
    printf("%s\n", fails ? "FAILED" : "ok");
    return fails ? 1 : 0;
}
