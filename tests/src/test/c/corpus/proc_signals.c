/* Signals between processes: kill from parent to child and from child to parent reaches
 * an SA_SIGINFO handler with si_code SI_USER and the sender's pid (sigqueue: SI_QUEUE and
 * the value); SIGCHLD carries
 * CLD_EXITED / CLD_KILLED with si_pid and si_status; a child blocked in read (and in write
 * on a full pipe) on a pipe is interrupted by a signal (EINTR without SA_RESTART, the read
 * restarted with SA_RESTART); waitpid statuses of children killed by SIGTERM, SIGKILL and
 * a SIGSEGV fault; ppoll and pselect install their mask for the wait only; execve resets a
 * handled signal to SIG_DFL and keeps the mask and a pending signal. Only relations are
 * printed, never pids. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static volatile sig_atomic_t got, got_code, got_pid, got_status, got_value, handled;

static void on_info(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    got = sig;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_status = si->si_status;
    if (si->si_code == SI_QUEUE) got_value = si->si_value.sival_int;
}

static void on_count(int sig) {
    (void) sig;
    handled++;
}

static void install(int sig, void (*h)(int), void (*hi)(int, siginfo_t *, void *), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (hi) {
        sa.sa_sigaction = hi;
        sa.sa_flags = SA_SIGINFO | flags;
    } else {
        sa.sa_handler = h;
        sa.sa_flags = flags;
    }
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void block(int sig, int how) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    CHECK(sigprocmask(how, &s, NULL) == 0);
}

static void wait_for(int sig) {
    sigset_t empty;
    sigemptyset(&empty);
    while (got != sig) sigsuspend(&empty);
}

static void sleep_ms(long ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Sends sig to pid every 10 ms until it exits; returns its wait status. */
static int signal_until_exit(pid_t pid, int sig) {
    int st = 0;
    for (int i = 0; i < 3000; i++) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) return st;
        kill(pid, sig);
        sleep_ms(10);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return st;
}

static void describe(const char *what, int st) {
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by %d core=%d\n", what, WTERMSIG(st), WCOREDUMP(st) ? 1 : 0);
    else printf("%s: status 0x%x\n", what, st);
}

static void parent_to_child(void) {
    int ready[2];
    CHECK(pipe(ready) == 0);
    block(SIGUSR1, SIG_BLOCK);
    fflush(stdout);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        install(SIGUSR1, NULL, on_info, 0);
        CHECK(write(ready[1], "r", 1) == 1);
        wait_for(SIGUSR1);
        _exit(got_code == SI_USER && got_pid == parent ? 0 : 1);
    }
    char c;
    CHECK(read(ready[0], &c, 1) == 1);
    CHECK(kill(pid, SIGUSR1) == 0);
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("child got SIGUSR1 with SI_USER and the parent's pid (0 = yes)", st);
    block(SIGUSR1, SIG_UNBLOCK);
    close(ready[0]);
    close(ready[1]);
}

static void queue_to_child(void) {
    int ready[2];
    CHECK(pipe(ready) == 0);
    block(SIGUSR1, SIG_BLOCK);
    fflush(stdout);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        got = 0;
        install(SIGUSR1, NULL, on_info, 0);
        CHECK(write(ready[1], "r", 1) == 1);
        wait_for(SIGUSR1);
        _exit(got_code == SI_QUEUE && got_pid == parent && got_value == 1234 ? 0 : 1);
    }
    char c;
    CHECK(read(ready[0], &c, 1) == 1);
    union sigval v = { .sival_int = 1234 };
    CHECK(sigqueue(pid, SIGUSR1, v) == 0);
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("child got SIGUSR1 from sigqueue with SI_QUEUE, the value and the parent's pid (0 = yes)", st);
    block(SIGUSR1, SIG_UNBLOCK);
    close(ready[0]);
    close(ready[1]);
}

static void child_to_parent(void) {
    block(SIGUSR2, SIG_BLOCK);
    install(SIGUSR2, NULL, on_info, 0);
    got = 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(kill(getppid(), SIGUSR2) == 0 ? 0 : 1);
    wait_for(SIGUSR2);
    printf("parent got SIGUSR2: SI_USER=%d from child=%d\n", got_code == SI_USER, got_pid == pid);
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("signalling child", st);
    block(SIGUSR2, SIG_UNBLOCK);
}

static void sigchld_info(void) {
    block(SIGCHLD, SIG_BLOCK);
    install(SIGCHLD, NULL, on_info, 0);
    got = 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(42);
    wait_for(SIGCHLD);
    printf("SIGCHLD exit: CLD_EXITED=%d status=%d pid ok=%d\n", got_code == CLD_EXITED, (int) got_status,
           got_pid == pid);
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("exiting child", st);

    got = 0;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        for (;;) pause();
    }
    CHECK(kill(pid, SIGKILL) == 0);
    wait_for(SIGCHLD);
    printf("SIGCHLD kill: CLD_KILLED=%d status=%d pid ok=%d\n", got_code == CLD_KILLED, (int) got_status,
           got_pid == pid);
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("SIGKILLed child", st);
    signal(SIGCHLD, SIG_DFL);
    block(SIGCHLD, SIG_UNBLOCK);
}

/* Forks a child that runs body after installing its SIGUSR1 handler; returns once it has. */
static pid_t fork_ready(int flags, void (*body)(int *), int *p) {
    int ready[2];
    CHECK(pipe(ready) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        handled = 0;
        install(SIGUSR1, on_count, NULL, flags);
        close(ready[0]);
        CHECK(write(ready[1], "r", 1) == 1);
        close(ready[1]);
        body(p);
        _exit(99);
    }
    close(ready[1]);
    char c;
    CHECK(read(ready[0], &c, 1) == 1);
    close(ready[0]);
    return pid;
}

static int restarting;

static void reader(int *p) {
    close(p[1]);
    char c = 0;
    ssize_t n = read(p[0], &c, 1);
    if (restarting) _exit(n == 1 && c == 'z' && handled >= 1 ? 20 : 21);
    _exit(n == -1 && errno == EINTR && handled >= 1 ? 10 : 11);
}

static void writer(int *p) {
    close(p[0]);
    int fl = fcntl(p[1], F_GETFL);
    fcntl(p[1], F_SETFL, fl | O_NONBLOCK);
    char buf[4096];
    memset(buf, 'w', sizeof buf);
    while (write(p[1], buf, sizeof buf) > 0) { }
    if (errno != EAGAIN) _exit(31);
    fcntl(p[1], F_SETFL, fl);
    ssize_t n = write(p[1], buf, 1);
    _exit(n == -1 && errno == EINTR && handled >= 1 ? 30 : 32);
}

static void interrupted_read(int restart) {
    int p[2];
    CHECK(pipe(p) == 0);
    restarting = restart;
    pid_t pid = fork_ready(restart ? SA_RESTART : 0, reader, p);
    close(p[0]);
    int st;
    if (restart) {
        for (int i = 0; i < 5; i++) {
            sleep_ms(10);
            kill(pid, SIGUSR1);
        }
        CHECK(write(p[1], "z", 1) == 1);
        CHECK(waitpid(pid, &st, 0) == pid);
    } else {
        st = signal_until_exit(pid, SIGUSR1);
    }
    describe(restart ? "read with SA_RESTART (20 = restarted, got the byte)"
                     : "read without SA_RESTART (10 = EINTR)", st);
    close(p[1]);
}

static void interrupted_write(void) {
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t pid = fork_ready(0, writer, p);
    close(p[1]);
    int st = signal_until_exit(pid, SIGUSR1);
    describe("write to a full pipe without SA_RESTART (30 = EINTR)", st);
    close(p[0]);
}

static void killed_statuses(void) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (;;) pause();
    }
    CHECK(kill(pid, SIGTERM) == 0);
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("SIGTERMed child", st);

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        volatile int *null = NULL;
        *null = 1;
        _exit(0);
    }
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("faulting child", st);
}

/* The mask given to ppoll / pselect lets a blocked SIGUSR1 from a child in for the wait:
 * EINTR, the handler ran once, and SIGUSR1 is blocked again afterwards. */
static void wait_with_mask(int use_pselect) {
    int p[2];
    CHECK(pipe(p) == 0);
    block(SIGUSR1, SIG_BLOCK);
    install(SIGUSR1, on_count, NULL, 0);
    handled = 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(kill(getppid(), SIGUSR1) == 0 ? 0 : 1);
    sigset_t empty, now;
    sigemptyset(&empty);
    int r;
    if (use_pselect) {
        fd_set in;
        FD_ZERO(&in);
        FD_SET(p[0], &in);
        r = pselect(p[0] + 1, &in, NULL, NULL, NULL, &empty);
    } else {
        struct pollfd pf = {p[0], POLLIN, 0};
        r = ppoll(&pf, 1, NULL, &empty);
    }
    int e = errno;
    CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0);
    printf("%s with an empty mask: EINTR=%d handled=%d SIGUSR1 blocked after=%d\n",
           use_pselect ? "pselect" : "ppoll", r == -1 && e == EINTR, (int) handled, sigismember(&now, SIGUSR1));
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    signal(SIGUSR1, SIG_DFL);
    block(SIGUSR1, SIG_UNBLOCK);
    close(p[0]);
    close(p[1]);
}

/* The image execve started: SIGUSR2's handler is gone, SIGUSR1 is still blocked and pending. */
static int after_exec(void) {
    struct sigaction old;
    sigset_t mask, pend;
    CHECK(sigaction(SIGUSR2, NULL, &old) == 0);
    CHECK(sigprocmask(SIG_BLOCK, NULL, &mask) == 0);
    CHECK(sigpending(&pend) == 0);
    int ok = old.sa_handler == SIG_DFL && sigismember(&mask, SIGUSR1) && sigismember(&pend, SIGUSR1);
    return ok && !fails ? 40 : 41;
}

static void exec_keeps_mask(void) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        install(SIGUSR2, on_count, NULL, 0);
        block(SIGUSR1, SIG_BLOCK);
        raise(SIGUSR1);
        char *argv[] = {"proc_signals", "after-exec", NULL};
        execv("/proc/self/exe", argv);
        _exit(42);
    }
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    describe("after execve (40 = handler reset, mask and pending kept)", st);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "after-exec") == 0) return after_exec();
    parent_to_child();
    queue_to_child();
    child_to_parent();
    sigchld_info();
    interrupted_read(0);
    interrupted_read(1);
    interrupted_write();
    killed_statuses();
    wait_with_mask(0);
    wait_with_mask(1);
    exec_keeps_mask();
    printf("fails=%d\n", fails);
    return fails != 0;
}
