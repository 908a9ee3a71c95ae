/* Job control: SIGSTOP stops a child (waitpid with WUNTRACED sees WIFSTOPPED), SIGCONT
 * resumes it (WCONTINUED sees WIFCONTINUED) even when SIGCONT is ignored or handled; a child
 * that raises SIGTSTP on itself in its own process group stops; SIGCHLD carries CLD_STOPPED
 * and CLD_CONTINUED (not with SA_NOCLDSTOP); waitid with WSTOPPED/WCONTINUED; a stopped
 * multi-threaded child stops all its threads; kill(-pgrp) stops and continues a whole group;
 * SIGKILL ends a stopped child. Exit status: 51. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, ms % 1000 * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

static volatile sig_atomic_t chld_count;
static volatile int chld_codes[16], chld_status[16];
static volatile pid_t chld_pids[16];

static void on_chld(int sig, siginfo_t *si, void *uc) {
    (void) sig; (void) uc;
    int i = chld_count;
    if (i < 16) {
        chld_codes[i] = si->si_code;
        chld_status[i] = si->si_status;
        chld_pids[i] = si->si_pid;
    }
    chld_count = i + 1;
}

static const char *code_name(int c) {
    switch (c) {
        case CLD_EXITED: return "CLD_EXITED";
        case CLD_KILLED: return "CLD_KILLED";
        case CLD_STOPPED: return "CLD_STOPPED";
        case CLD_CONTINUED: return "CLD_CONTINUED";
        default: return "?";
    }
}

static void describe(const char *what, int st) {
    if (WIFSTOPPED(st)) printf("%s: stopped by %d\n", what, WSTOPSIG(st));
    else if (WIFCONTINUED(st)) printf("%s: continued\n", what);
    else if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by %d\n", what, WTERMSIG(st));
}

static void wait_chld(int n) {
    for (int i = 0; chld_count < n && i < 5000; i++) sleep_ms(1);
}

static void show_chld(int from, pid_t pid) {
    for (int i = from; i < chld_count && i < 16; i++)
        printf("  SIGCHLD %s status %d from the child %d\n", code_name(chld_codes[i]), chld_status[i],
               chld_pids[i] == pid);
}

static volatile int cont_handled;
static void on_cont(int s) { (void) s; cont_handled++; }

static volatile unsigned long spin_sink;

static void *writer_thread(void *arg) {
    int fd = *(int *) arg;
    for (;;) {
        if (write(fd, "w", 1) != 1) _exit(40);
        sleep_ms(2);
    }
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
    int st;

    /* 1: SIGSTOP / SIGCONT on a child sleeping in a loop. */
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t c = fork();
    if (c == 0) {
        close(p[1]);
        char b;
        ssize_t n = read(p[0], &b, 1); /* blocks: stop and continue must not disturb it */
        _exit(n == 1 && b == 'x' ? 7 : 8);
    }
    close(p[0]);
    int base = chld_count;
    CHECK(kill(c, SIGSTOP) == 0);
    CHECK(waitpid(c, &st, WUNTRACED) == c);
    describe("after SIGSTOP", st);
    printf("  WNOHANG|WUNTRACED again: %d\n", waitpid(c, &st, WNOHANG | WUNTRACED));
    wait_chld(base + 1);
    show_chld(base, c);
    base = chld_count;
    CHECK(kill(c, SIGCONT) == 0);
    CHECK(waitpid(c, &st, WCONTINUED) == c);
    describe("after SIGCONT", st);
    wait_chld(base + 1);
    show_chld(base, c);
    base = chld_count;
    CHECK(write(p[1], "x", 1) == 1);
    CHECK(waitpid(c, &st, 0) == c);
    describe("end", st);
    wait_chld(base + 1);
    show_chld(base, c);
    close(p[1]);

    /* 2: a child in its own process group stops itself with SIGTSTP; its SIGCONT handler runs. */
    CHECK(pipe(p) == 0);
    base = chld_count; /* before fork: the child's stop may be reported before fork returns here */
    c = fork();
    if (c == 0) {
        close(p[1]);
        setpgid(0, 0);
        struct sigaction h;
        memset(&h, 0, sizeof h);
        h.sa_handler = on_cont;
        sigaction(SIGCONT, &h, NULL);
        raise(SIGTSTP);
        char b;
        if (read(p[0], &b, 1) != 1) _exit(22);
        _exit(cont_handled == 1 ? 20 : 21);
    }
    close(p[0]);
    CHECK(waitpid(c, &st, WUNTRACED) == c);
    describe("raise(SIGTSTP)", st);
    wait_chld(base + 1);
    show_chld(base, c);
    base = chld_count;
    CHECK(kill(c, SIGCONT) == 0);
    CHECK(waitpid(c, &st, WCONTINUED) == c);
    describe("after SIGCONT", st);
    wait_chld(base + 1);
    show_chld(base, c);
    base = chld_count;
    CHECK(write(p[1], "x", 1) == 1);
    CHECK(waitpid(c, &st, 0) == c);
    describe("SIGCONT handler ran once", st);
    wait_chld(base + 1);
    show_chld(base, c);
    close(p[1]);

    /* 3: SIGCONT ignored still continues; waitid reports the stop and the continue. */
    c = fork();
    if (c == 0) {
        signal(SIGCONT, SIG_IGN);
        for (;;) sleep_ms(1);
    }
    CHECK(kill(c, SIGSTOP) == 0);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PID, c, &si, WSTOPPED) == 0);
    printf("waitid WSTOPPED: %s status %d pid ok %d\n", code_name(si.si_code), si.si_status, si.si_pid == c);
    CHECK(kill(c, SIGCONT) == 0);
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PID, c, &si, WCONTINUED) == 0);
    printf("waitid WCONTINUED (SIGCONT ignored): %s status %d\n", code_name(si.si_code), si.si_status);
    CHECK(kill(c, SIGKILL) == 0);
    CHECK(waitpid(c, &st, 0) == c);
    describe("killed", st);

    /* 4: SA_NOCLDSTOP: no SIGCHLD for stops and continues; a stopped child dies of SIGKILL. */
    sa.sa_flags |= SA_NOCLDSTOP;
    CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
    c = fork();
    if (c == 0) for (;;) sleep_ms(1);
    base = chld_count;
    CHECK(kill(c, SIGSTOP) == 0);
    CHECK(waitpid(c, &st, WUNTRACED) == c);
    describe("SA_NOCLDSTOP stop", st);
    CHECK(kill(c, SIGKILL) == 0);
    CHECK(waitpid(c, &st, 0) == c);
    describe("SIGKILL while stopped", st);
    wait_chld(base + 1);
    show_chld(base, c);
    sa.sa_flags &= ~SA_NOCLDSTOP;
    CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);

    /* 5: a multi-threaded child: all its threads stop. One thread writes a byte every 2 ms,
     * the main thread spins; while stopped no byte arrives. */
    CHECK(pipe(p) == 0);
    c = fork();
    if (c == 0) {
        close(p[0]);
        static int wfd;
        wfd = p[1];
        pthread_t t;
        pthread_create(&t, NULL, writer_thread, &wfd);
        for (;;) spin_sink++;
    }
    close(p[1]);
    CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0);
    char buf[4096];
    while (read(p[0], buf, 1) != 1) sleep_ms(1);
    CHECK(kill(c, SIGSTOP) == 0);
    CHECK(waitpid(c, &st, WUNTRACED) == c);
    describe("threaded child", st);
    while (read(p[0], buf, sizeof buf) > 0) {}
    sleep_ms(60);
    ssize_t got = read(p[0], buf, sizeof buf);
    printf("  bytes written while stopped: %zd\n", got < 0 ? 0 : got);
    CHECK(kill(c, SIGCONT) == 0);
    CHECK(waitpid(c, &st, WCONTINUED) == c);
    describe("threaded child", st);
    int resumed = 0;
    for (int i = 0; i < 5000 && !resumed; i++) {
        if (read(p[0], buf, 1) == 1) resumed = 1;
        else sleep_ms(1);
    }
    printf("  writes again after SIGCONT: %d\n", resumed);
    CHECK(kill(c, SIGKILL) == 0);
    CHECK(waitpid(c, &st, 0) == c);
    describe("threaded child", st);
    close(p[0]);

    /* 6: kill(-pgrp): two children in a new group stop and continue together. */
    pid_t a = fork();
    if (a == 0) { setpgid(0, 0); for (;;) sleep_ms(1); }
    setpgid(a, a);
    pid_t b = fork();
    if (b == 0) { setpgid(0, a); for (;;) sleep_ms(1); }
    setpgid(b, a);
    CHECK(kill(-a, SIGSTOP) == 0);
    int sa1, sb1;
    CHECK(waitpid(a, &sa1, WUNTRACED) == a && waitpid(b, &sb1, WUNTRACED) == b);
    printf("group stop: %d %d\n", WIFSTOPPED(sa1), WIFSTOPPED(sb1));
    CHECK(kill(-a, SIGCONT) == 0);
    CHECK(waitpid(-a, &sa1, WCONTINUED) > 0 && waitpid(-a, &sb1, WCONTINUED) > 0);
    printf("group continue: %d %d\n", WIFCONTINUED(sa1), WIFCONTINUED(sb1));
    CHECK(kill(-a, SIGTERM) == 0);
    CHECK(waitpid(a, &sa1, 0) == a && waitpid(b, &sb1, 0) == b);
    describe("group member", sa1);
    describe("group member", sb1);
    printf("done\n");
    return 51;
}
