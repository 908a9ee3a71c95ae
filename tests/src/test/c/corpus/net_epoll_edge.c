/* epoll's EPOLLET and EPOLLONESHOT: an edge-triggered entry is reported once per new event
 * (data written to a pipe, a socketpair or an eventfd), not again while the data just sits
 * there, and again after more arrives; a level-triggered one is reported on every wait; a
 * one-shot entry is reported once until EPOLL_CTL_MOD re-arms it. Exit status: 43. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); fflush(stdout); _exit(1); } } while (0)

static int ep;

/* One epoll_wait with timeout ms: prints how many entries came back and their events and data. */
static int wait_show(const char *what, int ms) {
    struct epoll_event ev[8];
    int n = epoll_wait(ep, ev, 8, ms);
    printf("%-34s n=%d", what, n);
    for (int i = 0; i < n; i++) printf(" [data %d events 0x%x]", (int) ev[i].data.u64, ev[i].events);
    printf("\n");
    return n;
}

static void add(int fd, uint32_t events, int data) {
    struct epoll_event e;
    memset(&e, 0, sizeof e);
    e.events = events;
    e.data.u64 = data;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) == 0);
}

static void del(int fd) { CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL) == 0); }

static void drain(int fd) {
    char buf[256];
    while (read(fd, buf, sizeof buf) > 0) {}
}

int main(void) {
    ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0);
    char buf[64];

    /* 1: a pipe, edge-triggered. */
    int p[2];
    CHECK(pipe(p) == 0);
    add(p[0], EPOLLIN | EPOLLET, 1);
    wait_show("ET pipe, empty:", 0);
    CHECK(write(p[1], "abc", 3) == 3);
    wait_show("ET pipe, after write:", 0);
    wait_show("ET pipe, again (data still there):", 0);
    wait_show("ET pipe, again:", 0);
    CHECK(write(p[1], "de", 2) == 2);
    wait_show("ET pipe, after another write:", 0);
    CHECK(read(p[0], buf, 2) == 2);
    wait_show("ET pipe, after a partial read:", 0);
    CHECK(read(p[0], buf, sizeof buf) == 3);
    wait_show("ET pipe, drained:", 0);
    CHECK(write(p[1], "f", 1) == 1);
    wait_show("ET pipe, new data, blocking wait:", -1);
    wait_show("ET pipe, again:", 0);
    close(p[1]);
    wait_show("ET pipe, writer closed:", 0);
    wait_show("ET pipe, again:", 0);
    del(p[0]);
    close(p[0]);

    /* 2: the same with level triggering: reported on every wait while data is there. */
    CHECK(pipe(p) == 0);
    add(p[0], EPOLLIN, 2);
    CHECK(write(p[1], "abc", 3) == 3);
    wait_show("LT pipe, after write:", 0);
    wait_show("LT pipe, again:", 0);
    CHECK(read(p[0], buf, sizeof buf) == 3);
    wait_show("LT pipe, drained:", 0);

    /* 3: EPOLLONESHOT: once, then nothing until EPOLL_CTL_MOD re-arms. */
    struct epoll_event e;
    memset(&e, 0, sizeof e);
    e.events = EPOLLIN | EPOLLONESHOT;
    e.data.u64 = 3;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &e) == 0);
    CHECK(write(p[1], "xy", 2) == 2);
    wait_show("ONESHOT pipe, after write:", 0);
    wait_show("ONESHOT pipe, again:", 0);
    CHECK(write(p[1], "z", 1) == 1);
    wait_show("ONESHOT pipe, more data:", 0);
    e.events = EPOLLIN | EPOLLONESHOT | EPOLLET;
    e.data.u64 = 4;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &e) == 0);
    wait_show("ONESHOT|ET pipe, re-armed:", 0);
    wait_show("ONESHOT|ET pipe, again:", 0);
    CHECK(write(p[1], "w", 1) == 1);
    wait_show("ONESHOT|ET pipe, more data:", 0);
    del(p[0]);
    close(p[0]);
    close(p[1]);

    /* 4: an eventfd: EPOLLIN edge per write. */
    int efd = eventfd(0, EFD_NONBLOCK);
    CHECK(efd >= 0);
    add(efd, EPOLLIN | EPOLLET, 5);
    uint64_t one = 1, got;
    wait_show("ET eventfd, zero:", 0);
    CHECK(write(efd, &one, 8) == 8);
    wait_show("ET eventfd, after write:", 0);
    wait_show("ET eventfd, again:", 0);
    CHECK(write(efd, &one, 8) == 8);
    wait_show("ET eventfd, after another write:", 0);
    CHECK(read(efd, &got, 8) == 8 && got == 2);
    wait_show("ET eventfd, read:", 0);
    del(efd);
    close(efd);

    /* 5: a socketpair, EPOLLIN|EPOLLOUT edge-triggered: writable once, then on data. */
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    add(sv[0], EPOLLIN | EPOLLOUT | EPOLLET, 6);
    wait_show("ET socket, idle:", 0);
    wait_show("ET socket, again:", 0);
    CHECK(write(sv[1], "hello", 5) == 5);
    wait_show("ET socket, peer wrote:", 0);
    wait_show("ET socket, again:", 0);
    CHECK(read(sv[0], buf, sizeof buf) == 5);
    wait_show("ET socket, drained:", 0);
    CHECK(shutdown(sv[1], SHUT_WR) == 0);
    wait_show("ET socket, peer shut down:", 0);
    wait_show("ET socket, again:", 0);
    close(sv[0]);
    close(sv[1]);

    printf("done\n");
    return 43;
}
