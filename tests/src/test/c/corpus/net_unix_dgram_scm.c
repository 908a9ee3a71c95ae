/* AF_UNIX datagrams and descriptor passing: SOCK_DGRAM and SOCK_SEQPACKET socketpairs (message
 * boundaries, truncation, MSG_TRUNC, end of file), bound path and abstract datagram sockets
 * (recvfrom's sender address), SCM_RIGHTS between parent and forked child (a pipe end and an open
 * file, used on the other side), cmsg layout and MSG_CTRUNC, SCM_CREDENTIALS. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(x) do { if (!(x)) { printf("FAIL line %d\n", __LINE__); fails++; } } while (0)

static char dir[64];

static int waitchild(pid_t pid) {
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void dgram_pair(void) {
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    int t = 0;
    socklen_t tl = sizeof t;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &t, &tl) == 0 && t == SOCK_DGRAM);
    CHECK(send(sv[0], "one", 3, 0) == 3);
    CHECK(send(sv[0], "", 0, 0) == 0);
    CHECK(write(sv[0], "three33", 7) == 7);
    CHECK(send(sv[0], "a longer fourth message", 23, 0) == 23);
    char b[64];
    struct pollfd pf = {sv[1], POLLIN, 0};
    CHECK(poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN));
    int n1 = recv(sv[1], b, sizeof b, 0);
    int n2 = recv(sv[1], b + 10, sizeof b, 0);
    int n3 = read(sv[1], b + 20, 30);
    int n4 = recv(sv[1], b + 30, 30, 0);
    printf("dgram sizes %d %d %d %d '%.3s' '%.7s' '%.23s'\n", n1, n2, n3, n4, b, b + 20, b + 30);
    CHECK(n1 == 3 && n2 == 0 && n3 == 7 && n4 == 23);
    /* a short buffer takes the start; MSG_TRUNC reports the real length; the rest is gone */
    CHECK(send(sv[0], "0123456789", 10, 0) == 10);
    CHECK(recv(sv[1], b, 4, MSG_TRUNC) == 10 && memcmp(b, "0123", 4) == 0);
    CHECK(send(sv[0], "abcdefghij", 10, 0) == 10);
    struct iovec iov = {b, 5};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    int n = recvmsg(sv[1], &mh, 0);
    printf("truncated recvmsg %d flags %s '%.5s'\n", n, mh.msg_flags & MSG_TRUNC ? "MSG_TRUNC" : "-", b);
    CHECK(n == 5 && (mh.msg_flags & MSG_TRUNC) && memcmp(b, "abcde", 5) == 0);
    errno = 0;
    CHECK(recv(sv[1], b, sizeof b, MSG_DONTWAIT) == -1 && errno == EAGAIN);
    /* both directions */
    CHECK(send(sv[1], "back", 4, 0) == 4);
    CHECK(recv(sv[0], b, sizeof b, 0) == 4 && memcmp(b, "back", 4) == 0);
    /* getpeername of an unbound peer: just the family */
    struct sockaddr_un a;
    socklen_t al = sizeof a;
    CHECK(getpeername(sv[0], (struct sockaddr *) &a, &al) == 0 && al == sizeof(sa_family_t));
    close(sv[0]);
    close(sv[1]);
}

static void seqpacket_pair(void) {
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
    CHECK(send(sv[0], "alpha", 5, 0) == 5);
    CHECK(send(sv[0], "be", 2, 0) == 2);
    char b[16];
    CHECK(recv(sv[1], b, sizeof b, 0) == 5);
    CHECK(recv(sv[1], b, 1, 0) == 1 && b[0] == 'b');
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char m[8];
        int k = recv(sv[1], m, sizeof m, 0); /* blocks until the parent sends */
        _exit(k == 3 && memcmp(m, "xyz", 3) == 0 ? 0 : 1);
    }
    CHECK(send(sv[0], "xyz", 3, 0) == 3);
    CHECK(waitchild(pid) == 0);
    close(sv[0]);
    CHECK(recv(sv[1], b, sizeof b, 0) == 0); /* end of file once the peer is gone */
    errno = 0;
    CHECK(send(sv[1], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE);
    printf("seqpacket ok\n");
    close(sv[1]);
}

static socklen_t unaddr(struct sockaddr_un *a, const char *path) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strcpy(a->sun_path, path);
    return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

static void bound_sockets(void) {
    char spath[128], cpath[128];
    snprintf(spath, sizeof spath, "%s/server", dir);
    snprintf(cpath, sizeof cpath, "%s/client", dir);
    int s = socket(AF_UNIX, SOCK_DGRAM, 0), c = socket(AF_UNIX, SOCK_DGRAM, 0), u = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK(s >= 0 && c >= 0 && u >= 0);
    struct sockaddr_un sa, ca, from;
    socklen_t sl = unaddr(&sa, spath), cl = unaddr(&ca, cpath);
    CHECK(bind(s, (struct sockaddr *) &sa, sl) == 0);
    CHECK(bind(c, (struct sockaddr *) &ca, cl) == 0);
    struct stat st;
    CHECK(stat(spath, &st) == 0 && S_ISSOCK(st.st_mode));
    errno = 0;
    CHECK(bind(u, (struct sockaddr *) &sa, sl) == -1 && errno == EADDRINUSE);
    CHECK(sendto(c, "from client", 11, 0, (struct sockaddr *) &sa, sl) == 11);
    CHECK(sendto(u, "anonymous", 9, 0, (struct sockaddr *) &sa, sl) == 9);
    char b[64];
    socklen_t fl = sizeof from;
    memset(&from, 0, sizeof from);
    int n = recvfrom(s, b, sizeof b, 0, (struct sockaddr *) &from, &fl);
    printf("got %d '%.*s' from %s (len %d)\n", n, n, b, strrchr(from.sun_path, '/'), (int) fl);
    CHECK(n == 11 && fl == cl && strcmp(from.sun_path, cpath) == 0);
    fl = sizeof from;
    n = recvfrom(s, b, sizeof b, 0, (struct sockaddr *) &from, &fl);
    printf("got %d '%.*s' from an unbound sender (len %d)\n", n, n, b, (int) fl);
    CHECK(n == 9 && fl == 0);
    /* reply to the address recvfrom gave */
    fl = sizeof from;
    CHECK(sendto(c, "x", 1, 0, (struct sockaddr *) &sa, sl) == 1);
    CHECK(recvfrom(s, b, sizeof b, 0, (struct sockaddr *) &from, &fl) == 1);
    CHECK(sendto(s, "reply", 5, 0, (struct sockaddr *) &from, fl) == 5);
    CHECK(recv(c, b, sizeof b, 0) == 5 && memcmp(b, "reply", 5) == 0);
    /* connect sets the default destination; getsockname shows the bound path */
    CHECK(connect(u, (struct sockaddr *) &ca, cl) == 0);
    CHECK(send(u, "connected", 9, 0) == 9);
    CHECK(recv(c, b, sizeof b, 0) == 9);
    struct sockaddr_un me;
    socklen_t ml = sizeof me;
    CHECK(getsockname(s, (struct sockaddr *) &me, &ml) == 0 && ml == sl && strcmp(me.sun_path, spath) == 0);
    /* a child sends to the bound name */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int k = socket(AF_UNIX, SOCK_DGRAM, 0);
        _exit(sendto(k, "child", 5, 0, (struct sockaddr *) &sa, sl) == 5 ? 0 : 1);
    }
    CHECK(recv(s, b, sizeof b, 0) == 5 && memcmp(b, "child", 5) == 0);
    CHECK(waitchild(pid) == 0);
    /* errors: nobody there, no such file */
    struct sockaddr_un na;
    char npath[128];
    snprintf(npath, sizeof npath, "%s/nobody", dir);
    socklen_t nl = unaddr(&na, npath);
    errno = 0;
    CHECK(sendto(c, "x", 1, 0, (struct sockaddr *) &na, nl) == -1 && errno == ENOENT);
    errno = 0;
    CHECK(listen(s, 1) == -1 && errno == EOPNOTSUPP);
    close(s);
    close(c);
    close(u);
    unlink(spath);
    unlink(cpath);
    /* abstract names */
    int x = socket(AF_UNIX, SOCK_DGRAM, 0), y = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un xa = {0};
    xa.sun_family = AF_UNIX;
    snprintf(xa.sun_path + 1, sizeof xa.sun_path - 1, "jx86-dgram-%s", dir + 5);
    socklen_t xl = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(xa.sun_path + 1);
    CHECK(bind(x, (struct sockaddr *) &xa, xl) == 0);
    CHECK(sendto(y, "abstract", 8, 0, (struct sockaddr *) &xa, xl) == 8);
    CHECK(recv(x, b, sizeof b, 0) == 8 && memcmp(b, "abstract", 8) == 0);
    close(x);
    close(y);
    printf("bound sockets ok\n");
}

/* Sends data with the given fds (nfd may be 0). */
static int sendfds(int s, const char *data, int len, const int *fds, int nfd) {
    struct iovec iov = {(void *) data, len};
    union { char buf[CMSG_SPACE(8 * sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    if (nfd) {
        mh.msg_control = u.buf;
        mh.msg_controllen = CMSG_SPACE(nfd * sizeof(int));
        struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
        cm->cmsg_level = SOL_SOCKET;
        cm->cmsg_type = SCM_RIGHTS;
        cm->cmsg_len = CMSG_LEN(nfd * sizeof(int));
        memcpy(CMSG_DATA(cm), fds, nfd * sizeof(int));
    }
    return sendmsg(s, &mh, 0);
}

/* Receives data and up to max fds with a control buffer of ctl bytes; returns the byte count. */
static int recvfds(int s, char *data, int len, int *fds, int *nfd, size_t ctl, int *flags) {
    struct iovec iov = {data, len};
    union { char buf[256]; struct cmsghdr align; } u;
    memset(u.buf, 0x55, sizeof u.buf);
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = ctl ? u.buf : NULL;
    mh.msg_controllen = ctl;
    int n = recvmsg(s, &mh, 0);
    *nfd = 0;
    *flags = mh.msg_flags;
    if (n < 0) return n;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            int k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            memcpy(fds + *nfd, CMSG_DATA(cm), k * sizeof(int));
            *nfd += k;
        }
    }
    return n;
}

static void pass_fds(int type) {
    char fpath[128];
    snprintf(fpath, sizeof fpath, "%s/passed", dir);
    int file = open(fpath, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(write(file, "file contents\n", 14) == 14);
    CHECK(lseek(file, 5, SEEK_SET) == 5);
    int p[2];
    CHECK(pipe(p) == 0);
    int sv[2];
    CHECK(socketpair(AF_UNIX, type, 0, sv) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        close(p[0]);
        close(file);
        int fds[8], nfd, fl;
        char d[16];
        int n = recvfds(sv[1], d, sizeof d, fds, &nfd, 256, &fl);
        if (n != 3 || nfd != 2 || fl != 0) _exit(10);
        /* fds[0]: the pipe's read end; fds[1]: the file, sharing the parent's offset */
        char b[32] = {0};
        if (read(fds[0], b, sizeof b) != 6 || memcmp(b, "piped\n", 6) != 0) _exit(11);
        memset(b, 0, sizeof b);
        if (read(fds[1], b, 9) != 9 || memcmp(b, "contents\n", 9) != 0) _exit(12);
        if (write(fds[1], "child line\n", 11) != 11) _exit(13);
        /* send the file back with a new message, then a plain message */
        if (sendfds(sv[1], "ret", 3, &fds[1], 1) != 3) _exit(14);
        _exit(0);
    }
    close(sv[1]);
    int fds[2] = {p[0], file};
    CHECK(sendfds(sv[0], "fds", 3, fds, 2) == 3);
    close(p[0]);
    CHECK(write(p[1], "piped\n", 6) == 6);
    close(p[1]);
    int back[8], nb, fl;
    char d[16];
    int n = recvfds(sv[0], d, sizeof d, back, &nb, 256, &fl);
    CHECK(n == 3 && nb == 1 && memcmp(d, "ret", 3) == 0);
    CHECK(waitchild(pid) == 0);
    struct stat s1, s2;
    CHECK(fstat(back[0], &s1) == 0 && fstat(file, &s2) == 0 && s1.st_ino == s2.st_ino);
    CHECK(lseek(file, 0, SEEK_CUR) == 25); /* the child's read and write moved the shared offset */
    char all[64] = {0};
    CHECK(pread(back[0], all, sizeof all, 0) == 25);
    printf("%s socketpair: file now '%.*s'\n", type == SOCK_STREAM ? "stream" : "dgram", 24, all);
    close(back[0]);
    close(file);
    close(sv[0]);
    unlink(fpath);
}

static void cmsg_edges(void) {
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    int p[2];
    CHECK(pipe(p) == 0);
    int two[2] = {p[0], p[1]}, got[8], n, fl;
    char d[8];
    /* room for one fd only (CMSG_SPACE(sizeof(int)) would hold two): the first arrives, MSG_CTRUNC */
    CHECK(sendfds(sv[0], "a", 1, two, 2) == 1);
    struct iovec iov = {d, sizeof d};
    union { char buf[64]; struct cmsghdr align; } u;
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = u.buf;
    mh.msg_controllen = CMSG_LEN(sizeof(int));
    CHECK(recvmsg(sv[1], &mh, 0) == 1);
    struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
    printf("short control: controllen %d flags %s cmsg_len %d\n", (int) mh.msg_controllen,
           mh.msg_flags & MSG_CTRUNC ? "MSG_CTRUNC" : "-", cm ? (int) cm->cmsg_len : -1);
    CHECK((mh.msg_flags & MSG_CTRUNC) && cm && cm->cmsg_len == CMSG_LEN(sizeof(int)));
    int one;
    memcpy(&one, CMSG_DATA(cm), sizeof one);
    CHECK(write(p[1], "z", 1) == 1);
    char z;
    CHECK(read(one, &z, 1) == 1 && z == 'z');
    close(one);
    /* no control buffer: nothing installed, MSG_CTRUNC */
    CHECK(sendfds(sv[0], "b", 1, two, 1) == 1);
    n = recvfds(sv[1], d, sizeof d, got, &n, 0, &fl);
    CHECK(n == 1 && (fl & MSG_CTRUNC));
    /* a buffer smaller than a header: MSG_CTRUNC, controllen 0 */
    CHECK(sendfds(sv[0], "c", 1, two, 1) == 1);
    mh.msg_controllen = 8;
    mh.msg_flags = 0;
    CHECK(recvmsg(sv[1], &mh, 0) == 1);
    printf("tiny control: controllen %d flags %s\n", (int) mh.msg_controllen, mh.msg_flags & MSG_CTRUNC ? "MSG_CTRUNC" : "-");
    CHECK(mh.msg_controllen == 0 && (mh.msg_flags & MSG_CTRUNC));
    /* a message without fds: controllen 0, no flags */
    CHECK(send(sv[0], "plain", 5, 0) == 5);
    mh.msg_controllen = sizeof u.buf;
    CHECK(recvmsg(sv[1], &mh, 0) == 5 && mh.msg_controllen == 0 && mh.msg_flags == 0);
    /* the fd table is as before: the next open gets the lowest free fd */
    int probe = dup(0);
    CHECK(probe == one);
    close(probe);
    /* sender errors */
    int bad = 1000;
    errno = 0;
    CHECK(sendfds(sv[0], "x", 1, &bad, 1) == -1 && errno == EBADF);
    struct msghdr bm = {0};
    struct iovec biov = {"x", 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } bu;
    bm.msg_iov = &biov;
    bm.msg_iovlen = 1;
    bm.msg_control = bu.buf;
    bm.msg_controllen = sizeof bu.buf;
    struct cmsghdr *bc = CMSG_FIRSTHDR(&bm);
    bc->cmsg_level = SOL_SOCKET;
    bc->cmsg_type = SCM_RIGHTS;
    bc->cmsg_len = sizeof bu.buf + 8; /* longer than the buffer */
    errno = 0;
    CHECK(sendmsg(sv[0], &bm, 0) == -1 && errno == EINVAL);
    close(p[0]);
    close(p[1]);
    /* SCM_CREDENTIALS: with SO_PASSCRED the receiver learns the sender's pid, uid and gid */
    int on = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(send(sv[0], "cred", 4, 0) == 4 ? 0 : 1);
    CHECK(waitchild(pid) == 0);
    mh.msg_controllen = sizeof u.buf;
    CHECK(recvmsg(sv[1], &mh, 0) == 4);
    cm = CMSG_FIRSTHDR(&mh);
    CHECK(cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_CREDENTIALS);
    if (cm) {
        struct ucred uc;
        memcpy(&uc, CMSG_DATA(cm), sizeof uc);
        CHECK(uc.pid == pid && uc.uid == getuid() && uc.gid == getgid());
        CHECK(cm->cmsg_len == CMSG_LEN(sizeof uc) && mh.msg_controllen == CMSG_SPACE(sizeof uc));
    }
    /* explicit credentials (the sender's own) */
    struct ucred mine = {getpid(), getuid(), getgid()};
    union { char buf[CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr align; } cu;
    bm.msg_control = cu.buf;
    bm.msg_controllen = sizeof cu.buf;
    bc = CMSG_FIRSTHDR(&bm);
    bc->cmsg_level = SOL_SOCKET;
    bc->cmsg_type = SCM_CREDENTIALS;
    bc->cmsg_len = CMSG_LEN(sizeof mine);
    memcpy(CMSG_DATA(bc), &mine, sizeof mine);
    CHECK(sendmsg(sv[0], &bm, 0) == 1);
    mh.msg_controllen = sizeof u.buf;
    CHECK(recvmsg(sv[1], &mh, 0) == 1 && CMSG_FIRSTHDR(&mh) && CMSG_FIRSTHDR(&mh)->cmsg_type == SCM_CREDENTIALS);
    printf("cmsg edges ok\n");
    close(sv[0]);
    close(sv[1]);
}

int main(void) {
    strcpy(dir, "/tmp/jx86-unixdg-XXXXXX");
    if (!mkdtemp(dir)) return 2;
    setvbuf(stdout, NULL, _IONBF, 0);
    dgram_pair();
    seqpacket_pair();
    bound_sockets();
    pass_fds(SOCK_STREAM);
    pass_fds(SOCK_DGRAM);
    cmsg_edges();
    rmdir(dir);
    printf("%s\n", fails ? "FAILED" : "ok");
    return fails ? 1 : 0;
}
