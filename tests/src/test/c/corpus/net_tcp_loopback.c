/* TCP over 127.0.0.1 and ::1 in one process: a forked server, connect, exchange, shutdown, EOF,
 * poll readiness, socket options, ECONNREFUSED, EADDRINUSE, and EPIPE with MSG_NOSIGNAL. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(x) do { if (!(x)) { printf("FAIL line %d\n", __LINE__); fails++; } } while (0)

static int readall(int fd, char *buf, int cap) {
    int n = 0, r;
    while (n < cap && (r = read(fd, buf + n, cap - n)) > 0) n += r;
    return n;
}

/* Server: accept one client, echo upper-cased lines until EOF, then report the byte count. */
static void serve(int ls) {
    struct sockaddr_storage peer;
    socklen_t pl = sizeof peer;
    int c = accept(ls, (struct sockaddr *) &peer, &pl);
    if (c < 0) _exit(3);
    char buf[256];
    int total = 0, r;
    while ((r = recv(c, buf, sizeof buf, 0)) > 0) {
        for (int i = 0; i < r; i++) if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 32;
        if (send(c, buf, r, 0) != r) _exit(4);
        total += r;
    }
    char msg[32];
    int m = snprintf(msg, sizeof msg, "total %d\n", total);
    send(c, msg, m, 0);
    close(c);
    _exit(r == 0 ? 0 : 5);
}

static void run(int family) {
    const char *name = family == AF_INET ? "ipv4" : "ipv6";
    int ls = socket(family, SOCK_STREAM, 0);
    CHECK(ls >= 0);
    int one = 1;
    CHECK(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    socklen_t sl;
    if (family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *) &ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        sl = sizeof *a;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *) &ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        sl = sizeof *a;
    }
    CHECK(bind(ls, (struct sockaddr *) &ss, sl) == 0);
    CHECK(listen(ls, 4) == 0);
    socklen_t got = sizeof ss;
    CHECK(getsockname(ls, (struct sockaddr *) &ss, &got) == 0 && got == sl);
    int port = family == AF_INET ? ntohs(((struct sockaddr_in *) &ss)->sin_port)
                                 : ntohs(((struct sockaddr_in6 *) &ss)->sin6_port);
    CHECK(port != 0);
    printf("%s: listening, addr len %d, family ok %d\n", name, (int) got, ss.ss_family == family);

    /* A second bind to the same port fails. */
    int dup = socket(family, SOCK_STREAM, 0);
    errno = 0;
    CHECK(bind(dup, (struct sockaddr *) &ss, sl) == -1 && errno == EADDRINUSE);
    close(dup);

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) serve(ls);
    close(ls);

    int c = socket(family, SOCK_STREAM, 0);
    CHECK(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0);
    int v = -1;
    socklen_t vl = sizeof v;
    CHECK(getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &vl) == 0 && v == SOCK_STREAM && vl == 4);
    errno = 0;
    struct sockaddr_storage pa;
    socklen_t pal = sizeof pa;
    CHECK(getpeername(c, (struct sockaddr *) &pa, &pal) == -1 && errno == ENOTCONN);
    CHECK(connect(c, (struct sockaddr *) &ss, sl) == 0);
    pal = sizeof pa;
    CHECK(getpeername(c, (struct sockaddr *) &pa, &pal) == 0 && pal == sl && memcmp(&pa, &ss, sl) == 0);
    vl = sizeof v;
    CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &vl) == 0 && v == 0);

    const char *lines[] = {"hello server\n", "second line\n", "done\n"};
    char buf[256];
    for (int i = 0; i < 3; i++) {
        int n = strlen(lines[i]);
        CHECK(send(c, lines[i], n, 0) == n);
        struct pollfd pf = {c, POLLIN, 0};
        CHECK(poll(&pf, 1, 5000) == 1 && (pf.revents & POLLIN));
        int r = readall(c, buf, n);
        CHECK(r == n);
        buf[r] = 0;
        printf("%s: echo %s", name, buf);
    }
    CHECK(shutdown(c, SHUT_WR) == 0);
    int r = readall(c, buf, sizeof buf - 1);
    buf[r] = 0;
    printf("%s: after shutdown: %s", name, buf);
    CHECK(read(c, buf, 1) == 0);
    int st;
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
    printf("%s: server exit %d\n", name, WEXITSTATUS(st));

    /* The peer is gone: a send eventually fails with EPIPE; MSG_NOSIGNAL keeps SIGPIPE away. */
    int res = 0;
    for (int i = 0; i < 50 && res >= 0; i++) {
        res = send(c, "x", 1, MSG_NOSIGNAL);
        if (res >= 0) usleep(2000);
    }
    CHECK(res == -1 && (errno == EPIPE || errno == ECONNRESET));
    close(c);

    /* Nobody listens there now. */
    c = socket(family, SOCK_STREAM, 0);
    errno = 0;
    CHECK(connect(c, (struct sockaddr *) &ss, sl) == -1 && errno == ECONNREFUSED);
    close(c);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    run(AF_INET);
    run(AF_INET6);
    errno = 0;
    CHECK(socket(AF_PACKET, SOCK_STREAM, 0) == -1);
    errno = 0;
    CHECK(socket(12345, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT);
    printf("fails %d\n", fails);
    return fails ? 1 : 43;
}
