/* socketpair(AF_UNIX, SOCK_STREAM), AF_UNIX stream by path and abstract name, and UDP over 127.0.0.1: datagram boundaries, truncation,
 * recvfrom's sender address, connected UDP, sendmsg/recvmsg with iovecs, poll readiness. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <stddef.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(x) do { if (!(x)) { printf("FAIL line %d\n", __LINE__); fails++; } } while (0)

static void pair(void) {
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
    char buf[64];
    CHECK(write(sv[0], "ping", 4) == 4);
    CHECK(read(sv[1], buf, sizeof buf) == 4 && memcmp(buf, "ping", 4) == 0);
    CHECK(send(sv[1], "pong!", 5, 0) == 5);
    CHECK(recv(sv[0], buf, sizeof buf, 0) == 5 && memcmp(buf, "pong!", 5) == 0);
    errno = 0;
    CHECK(recv(sv[0], buf, sizeof buf, MSG_DONTWAIT) == -1 && errno == EAGAIN);
    struct pollfd pf[2] = {{sv[0], POLLIN | POLLOUT, 0}, {sv[1], POLLIN, 0}};
    CHECK(poll(pf, 2, 0) == 1 && pf[0].revents == POLLOUT && pf[1].revents == 0);
    int v = 0;
    socklen_t vl = sizeof v;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &vl) == 0 && v == SOCK_STREAM);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        char b[16];
        int n = read(sv[1], b, sizeof b);
        for (int i = 0; i < n; i++) b[i] += 1;
        write(sv[1], b, n);
        _exit(0);
    }
    close(sv[1]);
    CHECK(write(sv[0], "HAL", 3) == 3);
    CHECK(read(sv[0], buf, sizeof buf) == 3 && memcmp(buf, "IBM", 3) == 0);
    CHECK(read(sv[0], buf, sizeof buf) == 0);
    int st;
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    errno = 0;
    CHECK(send(sv[0], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE);
    close(sv[0]);

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    CHECK(shutdown(sv[0], SHUT_WR) == 0);
    CHECK(read(sv[1], buf, 1) == 0);
    close(sv[0]);
    close(sv[1]);
    errno = 0;
    CHECK(socketpair(AF_INET, SOCK_STREAM, 0, sv) == -1 && errno == EOPNOTSUPP);
    printf("socketpair ok\n");
}

/* AF_UNIX stream sockets by path (in a fresh mkdtemp directory, removed afterwards) and by abstract name. */
static void unix_named(int abstract) {
    char dir[32] = "/tmp/jx86-net-XXXXXX";
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    int plen;
    if (abstract) {
        plen = snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "jx86-net-%d", (int) getpid()) + 1;
    } else {
        /* mkdtemp, not the pid: concurrent jx86 runs all have pid 1000 */
        CHECK(mkdtemp(dir) != NULL);
        plen = snprintf(a.sun_path, sizeof a.sun_path, "%s/s.sock", dir) + 1;
    }
    /* A path's length counts its NUL; an abstract name's length is exactly its bytes. */
    socklen_t alen = offsetof(struct sockaddr_un, sun_path) + plen;
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(ls >= 0);
    CHECK(bind(ls, (struct sockaddr *) &a, alen) == 0);
    CHECK(listen(ls, 2) == 0);
    struct sockaddr_un got;
    socklen_t gl = sizeof got;
    CHECK(getsockname(ls, (struct sockaddr *) &got, &gl) == 0);
    CHECK(gl == alen && memcmp(&got, &a, alen) == 0);
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(connect(c, (struct sockaddr *) &a, alen) == 0);
    int s = accept(ls, 0, 0);
    CHECK(s >= 0);
    gl = sizeof got;
    CHECK(getpeername(c, (struct sockaddr *) &got, &gl) == 0 && gl == alen && memcmp(&got, &a, alen) == 0);
    gl = sizeof got;
    CHECK(getpeername(s, (struct sockaddr *) &got, &gl) == 0 && gl == 2 && got.sun_family == AF_UNIX);
    char buf[32];
    CHECK(write(c, "over unix", 9) == 9);
    CHECK(read(s, buf, sizeof buf) == 9 && memcmp(buf, "over unix", 9) == 0);
    close(c);
    CHECK(read(s, buf, sizeof buf) == 0);
    close(s);
    close(ls);
    if (!abstract) CHECK(unlink(a.sun_path) == 0);
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    CHECK(connect(c, (struct sockaddr *) &a, alen) == -1 && errno == (abstract ? ECONNREFUSED : ENOENT));
    close(c);
    if (!abstract) CHECK(rmdir(dir) == 0);
    printf("unix %s ok\n", abstract ? "abstract" : "path");
}

static int udp_bound(struct sockaddr_in *a) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(s, (struct sockaddr *) a, sizeof *a) == 0);
    socklen_t l = sizeof *a;
    CHECK(getsockname(s, (struct sockaddr *) a, &l) == 0 && l == sizeof *a && a->sin_port != 0);
    return s;
}

static void udp(void) {
    struct sockaddr_in aa, ab;
    int a = udp_bound(&aa), b = udp_bound(&ab);
    int v = 0;
    socklen_t vl = sizeof v;
    CHECK(getsockopt(a, SOL_SOCKET, SO_TYPE, &v, &vl) == 0 && v == SOCK_DGRAM);
    char buf[64];
    errno = 0;
    CHECK(recv(b, buf, sizeof buf, MSG_DONTWAIT) == -1 && errno == EAGAIN);
    CHECK(sendto(a, "first datagram", 14, 0, (struct sockaddr *) &ab, sizeof ab) == 14);
    CHECK(sendto(a, "second", 6, 0, (struct sockaddr *) &ab, sizeof ab) == 6);
    struct pollfd pf = {b, POLLIN, 0};
    CHECK(poll(&pf, 1, 5000) == 1 && pf.revents == POLLIN);
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    int n = recvfrom(b, buf, 5, 0, (struct sockaddr *) &from, &fl); /* truncated: the rest is dropped */
    CHECK(n == 5 && memcmp(buf, "first", 5) == 0);
    CHECK(fl == sizeof from && from.sin_family == AF_INET && from.sin_port == aa.sin_port &&
          from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    CHECK(poll(&pf, 1, 5000) == 1);
    n = recv(b, buf, sizeof buf, 0);
    CHECK(n == 6 && memcmp(buf, "second", 6) == 0);
    printf("udp sendto/recvfrom ok\n");

    /* Connected UDP with sendmsg/recvmsg over two iovecs. */
    CHECK(connect(a, (struct sockaddr *) &ab, sizeof ab) == 0);
    struct iovec iv[2] = {{"gather ", 7}, {"me", 2}};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = iv;
    m.msg_iovlen = 2;
    CHECK(sendmsg(a, &m, 0) == 9);
    char p1[4], p2[16];
    struct iovec ov[2] = {{p1, 4}, {p2, 16}};
    memset(&m, 0, sizeof m);
    m.msg_iov = ov;
    m.msg_iovlen = 2;
    m.msg_name = &from;
    m.msg_namelen = sizeof from;
    CHECK(recvmsg(b, &m, 0) == 9);
    CHECK(memcmp(p1, "gath", 4) == 0 && memcmp(p2, "er me", 5) == 0);
    CHECK(m.msg_namelen == sizeof from && from.sin_port == aa.sin_port);
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    CHECK(getpeername(a, (struct sockaddr *) &peer, &pl) == 0 && peer.sin_port == ab.sin_port);
    errno = 0;
    pl = sizeof peer;
    CHECK(getpeername(b, (struct sockaddr *) &peer, &pl) == -1 && errno == ENOTCONN);
    errno = 0;
    CHECK(send(b, "x", 1, 0) == -1 && errno == EDESTADDRREQ);
    close(a);
    close(b);
    printf("udp connected ok\n");
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    pair();
    unix_named(0);
    unix_named(1);
    unix_named(1); /* the abstract name is free again after close */
    udp();
    printf("fails %d\n", fails);
    return fails ? 1 : 44;
}
