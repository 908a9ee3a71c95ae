/* Timed waits stopped by SIGSTOP and continued by SIGCONT (no handler runs) are restarted as
 * Linux restarts them: nanosleep, poll and a futex wait with a timeout through
 * restart_syscall, ending when first due; ppoll, select and pselect with the time that was
 * left when they were interrupted (the kernel writes it back into their timeout), so the
 * stopped time comes on top; never with
 * their full timeout again. epoll_wait instead fails with EINTR, as Linux documents. A child
 * stops the parent 250 ms into a 600 ms wait, for 250 ms: ending when due takes 600 ms, with
 * the time left 850 ms, with the full timeout again 1100 ms; only which of these it was is
 * printed. Exit status: 57. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT_PRIVATE_ 128 /* FUTEX_WAIT | FUTEX_PRIVATE_FLAG; musl has no linux/futex.h */
#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, ms % 1000 * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static pid_t stopper;

/* Forks the child that stops and continues this process; returns once it is about to start. */
static void start_stopper(void) {
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t parent = getpid();
    stopper = fork();
    if (stopper == 0) {
        close(p[0]);
        if (write(p[1], "r", 1) != 1) _exit(2);
        sleep_ms(250);
        kill(parent, SIGSTOP);
        sleep_ms(250);
        kill(parent, SIGCONT);
        _exit(0);
    }
    close(p[1]);
    char b;
    CHECK(read(p[0], &b, 1) == 1);
    close(p[0]);
}

static void finish(const char *what, long r, int err, double t0) {
    double el = now_ms() - t0;
    int st;
    CHECK(waitpid(stopper, &st, 0) == stopper);
    const char *how = el < 725 ? "ended when due" : el < 975 ? "waited the time left after the stop"
        : "waited its full timeout again";
    if (r < 0 && err == EINTR) printf("%-9s returned %ld %s\n", what, r, strerror(err));
    else if (r < 0) printf("%-9s returned %ld %s, %s\n", what, r, strerror(err), how);
    else printf("%-9s returned %ld, %s\n", what, r, how);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int p[2];
    CHECK(pipe(p) == 0); /* never written: never readable */
    double t0;
    long r;

    start_stopper();
    t0 = now_ms();
    struct timespec req = {0, 600000000L}, rem = {9, 9};
    r = nanosleep(&req, &rem);
    finish("nanosleep", r, errno, t0);

    start_stopper();
    t0 = now_ms();
    struct pollfd pf = {p[0], POLLIN, 0};
    r = poll(&pf, 1, 600);
    finish("poll", r, errno, t0);

    start_stopper();
    t0 = now_ms();
    struct timespec ts = {0, 600000000L};
    r = ppoll(&pf, 1, &ts, NULL);
    finish("ppoll", r, errno, t0);

    start_stopper();
    t0 = now_ms();
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    struct timeval tv = {0, 600000};
    r = select(p[0] + 1, &rd, NULL, NULL, &tv);
    finish("select", r, errno, t0);

    start_stopper();
    t0 = now_ms();
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    ts.tv_sec = 0;
    ts.tv_nsec = 600000000L;
    r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL);
    finish("pselect", r, errno, t0);

    static int word;
    start_stopper();
    t0 = now_ms();
    ts.tv_sec = 0;
    ts.tv_nsec = 600000000L;
    r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE_, 0, &ts, NULL, 0);
    finish("futex", r, errno, t0);

    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN};
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
    start_stopper();
    t0 = now_ms();
    r = epoll_wait(ep, &ev, 1, 600);
    finish("epoll", r, errno, t0);
    printf("done\n");
    return 57;
}
