/* eventfd counter and semaphore modes, EAGAIN, and epoll over a pipe and an eventfd (timeouts of 0). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/time.h>
#include <unistd.h>

static int fails;
#define CHECK(x) do { if (!(x)) { printf("FAIL line %d\n", __LINE__); fails++; } } while (0)

static void on_alarm(int s) { (void) s; }

static void counter(void) {
    int fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK(fd >= 0);
    uint64_t v = 0;
    CHECK(read(fd, &v, 8) == 8 && v == 5);
    errno = 0;
    CHECK(read(fd, &v, 8) == -1 && errno == EAGAIN);
    v = 3; CHECK(write(fd, &v, 8) == 8);
    v = 4; CHECK(write(fd, &v, 8) == 8);
    CHECK(read(fd, &v, 8) == 8 && v == 7);
    errno = 0;
    CHECK(read(fd, &v, 4) == -1 && errno == EINVAL);
    v = UINT64_MAX;
    errno = 0;
    CHECK(write(fd, &v, 8) == -1 && errno == EINVAL);
    v = UINT64_MAX - 1;
    CHECK(write(fd, &v, 8) == 8);
    v = 1;
    errno = 0;
    CHECK(write(fd, &v, 8) == -1 && errno == EAGAIN);
    CHECK(read(fd, &v, 8) == 8 && v == UINT64_MAX - 1);
    printf("counter ok\n");
    close(fd);
}

static void semaphore(void) {
    int fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    uint64_t v;
    int n = 0;
    while (read(fd, &v, 8) == 8) { CHECK(v == 1); n++; }
    CHECK(errno == EAGAIN);
    printf("semaphore reads %d\n", n);
    close(fd);
}

static void blocking_interrupted(void) {
    int fd = eventfd(0, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, 0);
    struct itimerval it = {{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &it, 0);
    uint64_t v;
    errno = 0;
    int r = read(fd, &v, 8);
    printf("blocking read: %d %s\n", r, r < 0 && errno == EINTR ? "EINTR" : "?");
    close(fd);
}

static void epoll(void) {
    int p[2];
    CHECK(pipe(p) == 0);
    int ev = eventfd(0, EFD_NONBLOCK);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0);
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull};
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e) == 0);
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e) == -1 && errno == EEXIST);
    e.events = EPOLLIN;
    e.data.fd = ev;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e) == 0);
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], &e) == -1 && errno == ENOENT);
    errno = 0;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &e) == -1 && errno == EBADF);
    struct epoll_event out[4];
    CHECK(epoll_wait(ep, out, 4, 0) == 0);
    errno = 0;
    CHECK(epoll_wait(ep, out, 0, 0) == -1 && errno == EINVAL);
    CHECK(write(p[1], "x", 1) == 1);
    int n = epoll_wait(ep, out, 4, 0);
    CHECK(n == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ull);
    uint64_t v = 2;
    CHECK(write(ev, &v, 8) == 8);
    n = epoll_wait(ep, out, 4, 0);
    printf("ready after both writes: %d\n", n);
    int seen_pipe = 0, seen_ev = 0;
    for (int i = 0; i < n; i++) {
        if (out[i].data.u64 == 0x1122334455667788ull) seen_pipe++;
        else if (out[i].data.fd == ev) seen_ev++;
    }
    CHECK(seen_pipe == 1 && seen_ev == 1);
    n = epoll_wait(ep, out, 1, 0);
    CHECK(n == 1);
    /* Level-triggered: still ready until drained. */
    CHECK(read(ev, &v, 8) == 8 && v == 2);
    char c;
    CHECK(read(p[0], &c, 1) == 1 && c == 'x');
    CHECK(epoll_wait(ep, out, 4, 0) == 0);
    /* A timeout expires with nothing ready. */
    CHECK(epoll_wait(ep, out, 4, 20) == 0);
    /* MOD to watch the write end's readiness through EPOLLOUT. */
    e.events = EPOLLOUT;
    e.data.u32 = 7;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, ev, &e) == 0);
    n = epoll_wait(ep, out, 4, 0);
    CHECK(n == 1 && out[0].events == EPOLLOUT && out[0].data.u32 == 7);
    /* One-shot: reported once, then disarmed until MOD. */
    e.events = EPOLLOUT | EPOLLONESHOT;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, ev, &e) == 0);
    CHECK(epoll_wait(ep, out, 4, 0) == 1);
    CHECK(epoll_wait(ep, out, 4, 0) == 0);
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, ev, 0) == 0);
    /* Hang-up: the writer closes. */
    close(p[1]);
    n = epoll_wait(ep, out, 4, 0);
    CHECK(n == 1 && out[0].events == EPOLLHUP);
    printf("hangup events %#x\n", n == 1 ? out[0].events : 0);
    close(p[0]);
    close(ev);
    close(ep);
    printf("epoll ok\n");
}

int main(void) {
    counter();
    semaphore();
    blocking_interrupted();
    epoll();
    printf("fails %d\n", fails);
    return fails ? 1 : 42;
}
