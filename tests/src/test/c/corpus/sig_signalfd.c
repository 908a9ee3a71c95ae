/* signalfd: pending signals of its mask read as struct signalfd_siginfo (kill, sigqueue with
 * its value, tgkill, SIGCHLD with pid and status), several per read, non-blocking EAGAIN,
 * blocking reads woken by another process's kill, poll and epoll readiness, changing the mask
 * of an existing signalfd, and the errors. Exit status: 45. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static volatile sig_atomic_t handler_ran;
static void on_sig(int s) { (void) s; handler_ran = 1; }

static void show(const struct signalfd_siginfo *s, pid_t expect_pid) {
    printf("  signo %s errno %d code %d pid-ok %d uid-ok %d status %d int %d ptr %llu tid %u overrun %u addr %llu\n",
           s->ssi_signo >= (unsigned) SIGRTMIN ? "RTMIN" : strsignal(s->ssi_signo), s->ssi_errno, s->ssi_code, s->ssi_pid == (unsigned) expect_pid, s->ssi_uid == getuid(),
           s->ssi_status, s->ssi_int, (unsigned long long) s->ssi_ptr, s->ssi_tid, s->ssi_overrun,
           (unsigned long long) s->ssi_addr);
}

/* Prints a call's result and, when it failed, its errno (evaluated after the call). */
static void res(const char *what, long r) {
    int e = errno;
    printf("%s: %ld %s\n", what, r, r < 0 ? strerror(e) : "");
}

static int pollin(int fd) {
    struct pollfd p = {fd, POLLIN, 0};
    int n = poll(&p, 1, 0);
    return n == 1 ? p.revents : -n;
}

int main(void) {
    printf("sizeof(struct signalfd_siginfo) = %zu, ssi_int at %zu, ssi_ptr at %zu, ssi_addr at %zu\n",
           sizeof(struct signalfd_siginfo), offsetof(struct signalfd_siginfo, ssi_int),
           offsetof(struct signalfd_siginfo, ssi_ptr), offsetof(struct signalfd_siginfo, ssi_addr));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
    CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGCHLD);
    CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
    int sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    CHECK(sfd >= 0);
    printf("cloexec %d nonblock %d\n", (fcntl(sfd, F_GETFD) & FD_CLOEXEC) != 0, (fcntl(sfd, F_GETFL) & O_NONBLOCK) != 0);

    struct signalfd_siginfo si[4];
    char small[64];
    res("empty read", read(sfd, si, sizeof si));
    res("short buffer", read(sfd, small, sizeof small));
    printf("poll empty: %d\n", pollin(sfd));

    /* kill: SI_USER with the sender. */
    CHECK(kill(getpid(), SIGUSR1) == 0);
    printf("poll after kill: 0x%x\n", pollin(sfd));
    ssize_t n = read(sfd, si, sizeof si);
    printf("read after kill: %zd\n", n);
    show(&si[0], getpid());
    printf("poll after read: %d\n", pollin(sfd));

    /* sigqueue: queued real-time signals, several in one read, with their values. */
    union sigval v;
    v.sival_int = 1234;
    CHECK(sigqueue(getpid(), SIGRTMIN, v) == 0);
    v.sival_int = 5678;
    CHECK(sigqueue(getpid(), SIGRTMIN, v) == 0);
    CHECK(syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2) == 0);
    n = read(sfd, si, sizeof si);
    printf("read of three: %zd\n", n);
    for (int i = 0; i < n / (ssize_t) sizeof si[0]; i++) show(&si[i], getpid());

    /* SIGCHLD from a child that exits with 7. */
    pid_t child = fork();
    if (child == 0) _exit(7);
    int status;
    CHECK(waitpid(child, &status, 0) == child);
    n = read(sfd, si, sizeof si);
    printf("read after child exit: %zd\n", n);
    show(&si[0], child);

    /* epoll: readable while a signal of the mask is pending. */
    int ep = epoll_create1(0);
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = 9};
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &e) == 0);
    struct epoll_event out;
    printf("epoll empty: %d\n", epoll_wait(ep, &out, 1, 0));
    CHECK(kill(getpid(), SIGUSR2) == 0);
    int k = epoll_wait(ep, &out, 1, 0);
    printf("epoll after kill: %d events 0x%x data %llu\n", k, k == 1 ? out.events : 0, (unsigned long long) out.data.u64);
    CHECK(read(sfd, si, sizeof si) == sizeof si[0] && si[0].ssi_signo == SIGUSR2);

    /* A blocking read is woken by another process's kill. */
    CHECK(fcntl(sfd, F_SETFL, 0) == 0);
    pid_t parent = getpid();
    child = fork();
    if (child == 0) {
        struct timespec ts = {0, 30000000};
        nanosleep(&ts, NULL);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    n = read(sfd, si, sizeof si[0]);
    printf("blocking read: %zd\n", n);
    show(&si[0], child);
    CHECK(waitpid(child, &status, 0) == child);
    n = read(sfd, si, sizeof si[0]);
    printf("then SIGCHLD: %zd signo %u code %d\n", n, si[0].ssi_signo, si[0].ssi_code);

    /* A new mask for the same fd: SIGUSR2 is no longer taken. */
    sigset_t only1;
    sigemptyset(&only1);
    sigaddset(&only1, SIGUSR1);
    CHECK(signalfd(sfd, &only1, 0) == sfd);
    CHECK(fcntl(sfd, F_SETFL, O_NONBLOCK) == 0);
    CHECK(kill(getpid(), SIGUSR2) == 0);
    res("after new mask, SIGUSR2 pending: read", read(sfd, si, sizeof si));
    printf("poll %d\n", pollin(sfd));
    sigset_t pend;
    CHECK(sigpending(&pend) == 0);
    printf("SIGUSR2 still pending: %d\n", sigismember(&pend, SIGUSR2));
    sigset_t u2;
    sigemptyset(&u2);
    sigaddset(&u2, SIGUSR2);
    int got;
    CHECK(sigwait(&u2, &got) == 0 && got == SIGUSR2);

    /* Errors. */
    res("signalfd on stdin", signalfd(0, &set, 0));
    res("sizemask 4", syscall(SYS_signalfd4, -1, &set, 4, 0));
    res("bad flags", syscall(SYS_signalfd4, -1, &set, 8, 1));
    printf("handler ran: %d\n", handler_ran);
    close(sfd);
    printf("done\n");
    return 45;
}
