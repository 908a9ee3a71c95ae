/* Threads and processes together: fork from a secondary thread copies only that thread;
 * a multi-threaded child's exit_group, unhandled fault in a secondary thread and exit of
 * the main thread while others run give the parent the right wait status and SIGCHLD;
 * execve from a secondary thread (the process keeps its pid, the other threads are gone);
 * thread ids never collide with child pids.
 * Exit status: 44. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static volatile sig_atomic_t sigchld;
static void on_chld(int s) { (void) s; sigchld++; }

static pid_t tid(void) { return (pid_t) syscall(SYS_gettid); }

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

static void *sleeper(void *arg) {
    (void) arg;
    for (;;) sleep_ms(1000);
    return NULL;
}

static void describe(const char *what, int st) {
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by %s\n", what, strsignal(WTERMSIG(st)));
    else printf("%s: status 0x%x\n", what, st);
}

/* 1: fork in a secondary thread; the child has one thread, whose tid is its pid. */
static int fork_status;
static pid_t fork_child;

static void *forker(void *arg) {
    (void) arg;
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pthread_t t;   /* the child can make threads of its own */
        int ok = pthread_create(&t, NULL, sleeper, NULL) == 0;
        printf("fork child: tid is pid %d, new thread %d\n", tid() == getpid(), ok);
        fflush(stdout);
        _exit(5);
    }
    fork_child = p;
    CHECK(waitpid(p, &fork_status, 0) == p);
    return (void *) (long) tid();
}

/* 2-4: a child with threads ends in different ways. */
static void *faulter(void *arg) {
    (void) arg;
    sleep_ms(50);
    *(volatile int *) 8 = 1;
    return NULL;
}

static void *exiter(void *arg) {
    sleep_ms(50);
    exit((int) (long) arg);   /* exit_group with other threads blocked in sleep */
}

static void *last_one(void *arg) {
    (void) arg;
    sleep_ms(100);
    syscall(SYS_exit, 4);   /* the last thread: the process ends with its status */
    return NULL;
}

static int child_with_threads(int how) {
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pthread_t t;
        if (how != 2)
            for (int i = 0; i < 2; i++) pthread_create(&t, NULL, sleeper, NULL);
        if (how == 0) pthread_create(&t, NULL, exiter, (void *) 9L);
        if (how == 1) pthread_create(&t, NULL, faulter, NULL);
        if (how == 2) {
            pthread_create(&t, NULL, last_one, NULL);
            syscall(SYS_exit, 3);   /* the main thread ends first; the process lives on */
        }
        for (;;) sleep_ms(1000);
    }
    int st;
    CHECK(waitpid(p, &st, 0) == p);
    return st;
}

/* 5: execve in a secondary thread of a child. */
static char *self_exe;

static void *execer(void *arg) {
    char pidbuf[32];
    snprintf(pidbuf, sizeof pidbuf, "%d", (int) (long) arg);
    char *argv[] = {self_exe, "exec-child", pidbuf, NULL};
    sleep_ms(30);
    execv("/proc/self/exe", argv);
    printf("execv failed\n");
    fflush(stdout);
    _exit(127);
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "exec-child") == 0) {
        /* After exec the process has one thread, the same pid, and a tid equal to it. */
        printf("exec'd image: same pid %d, tid is pid %d\n", getpid() == atoi(argv[2]), tid() == getpid());
        return 11;
    }
    self_exe = argv[0];
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);

    pthread_t t;
    void *forker_tid;
    CHECK(pthread_create(&t, NULL, forker, NULL) == 0);
    CHECK(pthread_join(t, &forker_tid) == 0);
    describe("fork from a thread", fork_status);
    printf("thread tid differs from child pid and from pid: %d\n",
           (pid_t) (long) forker_tid != fork_child && (pid_t) (long) forker_tid != getpid());

    describe("exit in a thread of a child", child_with_threads(0));
    describe("fault in a thread of a child", child_with_threads(1));
    describe("main thread exits first", child_with_threads(2));

    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pthread_t s, e;
        pthread_create(&s, NULL, sleeper, NULL);
        pthread_create(&e, NULL, execer, (void *) (long) getpid());
        for (;;) sleep_ms(1000);
    }
    int st;
    CHECK(waitpid(p, &st, 0) == p);
    describe("execve from a thread", st);
    printf("SIGCHLD received: %d\n", sigchld > 0);
    return 44;
}
