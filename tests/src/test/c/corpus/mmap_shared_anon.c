/* Anonymous MAP_SHARED memory (and MAP_SHARED of /dev/zero and of a memfd) across fork: parent and child see each
 * other's stores, MAP_PRIVATE stays copy-on-write, atomics on shared memory are exact across
 * processes, and a process-shared mutex and semaphores (futexes on a shared page) work. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(x) do { if (!(x)) { printf("FAIL line %d\n", __LINE__); fails++; } } while (0)

static int waitchild(pid_t pid) {
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void stores_both_ways(void) {
    char *sh = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *pr = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(sh != MAP_FAILED && pr != MAP_FAILED);
    strcpy(sh, "parent before fork");
    strcpy(pr, "private before fork");
    /* page 2 untouched before the fork: created by whichever side touches it first */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int bad = 0;
        bad |= strcmp(sh, "parent before fork") != 0;
        bad |= strcmp(pr, "private before fork") != 0;
        strcpy(sh + 100, "child wrote this");
        strcpy(sh + 2 * 4096, "child on a fresh page");
        strcpy(pr, "child private");
        _exit(bad ? 1 : 0);
    }
    CHECK(waitchild(pid) == 0);
    printf("shared: '%s' '%s' '%s'\n", sh, sh + 100, sh + 2 * 4096);
    printf("private: '%s'\n", pr);
    CHECK(strcmp(sh + 100, "child wrote this") == 0);
    CHECK(strcmp(pr, "private before fork") == 0);

    /* mprotect splits the mapping; both pieces stay shared in the next child */
    CHECK(mprotect(sh + 4096, 4096, PROT_READ) == 0);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        sh[1] = 'X';
        sh[2 * 4096 + 1] = 'Y';
        _exit(sh[4096] == 0 ? 0 : 1);
    }
    CHECK(waitchild(pid) == 0);
    printf("after split: %c %c\n", sh[1], sh[2 * 4096 + 1]);
    CHECK(munmap(sh, 3 * 4096) == 0);
    CHECK(munmap(pr, 4096) == 0);
}

static void dev_zero(void) {
    int fd = open("/dev/zero", O_RDWR);
    CHECK(fd >= 0);
    int *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    close(fd);
    CHECK(p[0] == 0 && p[2047] == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 2048; i++) p[i] = i * 3;
        _exit(0);
    }
    CHECK(waitchild(pid) == 0);
    long sum = 0;
    for (int i = 0; i < 2048; i++) sum += p[i];
    printf("/dev/zero shared sum %ld\n", sum);
    CHECK(sum == 3L * 2047 * 2048 / 2);
    munmap(p, 8192);
}

#define ROUNDS 100000
static void atomic_counter(void) {
    long *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(c != MAP_FAILED);
    volatile int *go = (volatile int *) (c + 8);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        while (!*go) { }
        for (int i = 0; i < ROUNDS; i++) __atomic_fetch_add(c, 1, __ATOMIC_SEQ_CST);
        for (int i = 0; i < ROUNDS; i++) __atomic_fetch_add(c + 1, 2, __ATOMIC_RELAXED);
        _exit(0);
    }
    *go = 1;
    for (int i = 0; i < ROUNDS; i++) __atomic_fetch_add(c, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < ROUNDS; i++) {
        long old = __atomic_load_n(c + 1, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(c + 1, &old, old + 3, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) { }
    }
    CHECK(waitchild(pid) == 0);
    printf("atomic counters %ld %ld\n", c[0], c[1]);
    CHECK(c[0] == 2L * ROUNDS && c[1] == 5L * ROUNDS);
    munmap(c, 4096);
}

struct shared {
    pthread_mutex_t mu;
    sem_t to_child, to_parent;
    long plain;          /* incremented under the mutex only */
    int log[64];
    int nlog;
};

#define LOCKED 20000
static void pshared_sync(void) {
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED);
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    CHECK(pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) == 0);
    CHECK(pthread_mutex_init(&s->mu, &a) == 0);
    CHECK(sem_init(&s->to_child, 1, 0) == 0);
    CHECK(sem_init(&s->to_parent, 1, 0) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* ping-pong: each side blocks in sem_wait (a futex wait) until the other posts */
        for (int i = 0; i < 16; i++) {
            while (sem_wait(&s->to_child) != 0) { }
            s->log[s->nlog++] = 100 + i;
            sem_post(&s->to_parent);
        }
        for (int i = 0; i < LOCKED; i++) {
            pthread_mutex_lock(&s->mu);
            s->plain++;
            pthread_mutex_unlock(&s->mu);
        }
        _exit(0);
    }
    for (int i = 0; i < 16; i++) {
        s->log[s->nlog++] = i;
        sem_post(&s->to_child);
        while (sem_wait(&s->to_parent) != 0) { }
    }
    for (int i = 0; i < LOCKED; i++) {
        pthread_mutex_lock(&s->mu);
        s->plain++;
        pthread_mutex_unlock(&s->mu);
    }
    CHECK(waitchild(pid) == 0);
    printf("ping-pong:");
    for (int i = 0; i < s->nlog; i++) printf(" %d", s->log[i]);
    printf("\nmutex-protected counter %ld\n", s->plain);
    CHECK(s->nlog == 32 && s->plain == 2L * LOCKED);
    for (int i = 0; i < 16; i++) CHECK(s->log[2 * i] == i && s->log[2 * i + 1] == 100 + i);
    sem_destroy(&s->to_child);
    sem_destroy(&s->to_parent);
    pthread_mutex_destroy(&s->mu);
    munmap(s, sizeof *s);
}

/* A grandchild still shares with the parent; a mapping made in the child is not shared back. */
static void grandchild(void) {
    int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        pid_t g = fork();
        if (g == 0) {
            p[0] = 4242;
            _exit(0);
        }
        int st;
        waitpid(g, &st, 0);
        p[1] = p[0] + 1;
        CHECK(munmap(p, 4096) == 0); /* unmapping in the child leaves the parent's mapping alone */
        _exit(0);
    }
    CHECK(waitchild(pid) == 0);
    printf("grandchild %d %d\n", p[0], p[1]);
    CHECK(p[0] == 4242 && p[1] == 4243);
    p[2] = 7;
    CHECK(p[2] == 7);
    munmap(p, 4096);
}

/* memfd_create: shared memory with a file descriptor; write() and the mapping agree. */
static void memfd(void) {
    int fd = memfd_create("jx86-test", MFD_CLOEXEC);
    CHECK(fd >= 0);
    CHECK(ftruncate(fd, 8192) == 0);
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED);
    CHECK(pwrite(fd, "written", 7, 4096) == 7);
    CHECK(memcmp(m + 4096, "written", 7) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* a second mapping of the inherited fd in the child */
        char *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        strcpy(c, "child via memfd");
        _exit(0);
    }
    CHECK(waitchild(pid) == 0);
    char b[32] = {0};
    CHECK(pread(fd, b, 15, 0) == 15);
    printf("memfd: '%s' '%s'\n", m, b);
    CHECK(strcmp(m, "child via memfd") == 0 && strcmp(b, "child via memfd") == 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 8192 && S_ISREG(st.st_mode));
    munmap(m, 8192);
    close(fd);
}

int main(void) {
    stores_both_ways();
    dev_zero();
    atomic_counter();
    pshared_sync();
    grandchild();
    memfd();
    printf("%s\n", fails ? "FAILED" : "ok");
    return fails ? 1 : 0;
}
