/* Pipes between processes: a child filters 200 KB sent by its parent through one pipe and
 * answers through another (blocking reads and writes across the 64 KiB capacity, EOF once
 * every write end is closed), EPIPE when the reader is gone (SIGPIPE ignored), death by
 * SIGPIPE by default, PIPE_BUF-sized writes from several children that never interleave,
 * dup2 onto stdout across fork, a file offset shared by parent and child, and poll.
 * Exit status: 0 when every check passes. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

#define TOTAL (200 * 1024)

static void write_all(int fd, const char *b, size_t n) {
    while (n > 0) {
        ssize_t k = write(fd, b, n);
        if (k <= 0) return;
        b += k;
        n -= (size_t) k;
    }
}

int main(void) {
    int down[2], up[2];
    CHECK(pipe(down) == 0 && pipe(up) == 0);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        /* Child: sum bytes until EOF, reply with the count and checksum. */
        close(down[1]);
        close(up[0]);
        char buf[3000];
        unsigned long sum = 0, count = 0;
        ssize_t n;
        while ((n = read(down[0], buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; i++) sum = sum * 31 + (unsigned char) buf[i];
            count += (unsigned long) n;
        }
        char reply[64];
        int len = snprintf(reply, sizeof reply, "%lu %lu", count, sum);
        write_all(up[1], reply, (size_t) len);
        _exit(n == 0 ? 0 : 1);
    }
    close(down[0]);
    close(up[1]);
    char *data = malloc(TOTAL);
    unsigned long sum = 0;
    for (int i = 0; i < TOTAL; i++) {
        data[i] = (char) (i * 7 + (i >> 9));
        sum = sum * 31 + (unsigned char) data[i];
    }
    write_all(down[1], data, TOTAL);
    close(down[1]);
    char reply[64] = {0};
    ssize_t got = 0, n;
    while ((n = read(up[0], reply + got, sizeof reply - 1 - (size_t) got)) > 0) got += n;
    close(up[0]);
    unsigned long rc = 0, rs = 0;
    CHECK(sscanf(reply, "%lu %lu", &rc, &rs) == 2);
    CHECK(rc == TOTAL && rs == sum);
    int st;
    CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    printf("child counted %lu bytes, checksum %s\n", rc, rs == sum ? "matches" : "differs");

    /* EPIPE with SIGPIPE ignored; death by SIGPIPE by default. */
    int fd[2];
    CHECK(pipe(fd) == 0);
    close(fd[0]);
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    CHECK(write(fd[1], "x", 1) == -1 && errno == EPIPE);
    printf("write to a readerless pipe: %s\n", strerror(errno));
    signal(SIGPIPE, SIG_DFL);
    fflush(stdout);
    p = fork();
    if (p == 0) {
        write(fd[1], "x", 1);
        _exit(0);
    }
    CHECK(waitpid(p, &st, 0) == p && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
    printf("default SIGPIPE: signaled=%d sig=%d\n", WIFSIGNALED(st), WTERMSIG(st));
    close(fd[1]);

    /* PIPE_BUF-sized writes from three children arrive whole. */
    CHECK(pipe(fd) == 0);
    fflush(stdout);
    for (int k = 0; k < 3; k++) {
        if (fork() == 0) {
            close(fd[0]);
            char rec[512];
            memset(rec, 'a' + k, sizeof rec);
            for (int i = 0; i < 40; i++) CHECK(write(fd[1], rec, sizeof rec) == sizeof rec);
            _exit(0);
        }
    }
    close(fd[1]);
    int counts[3] = {0}, torn = 0;
    char rec[512];
    for (;;) {
        ssize_t have = 0;
        while (have < (ssize_t) sizeof rec && (n = read(fd[0], rec + have, sizeof rec - (size_t) have)) > 0) have += n;
        if (have == 0) break;
        for (int i = 1; i < have; i++) if (rec[i] != rec[0]) torn = 1;
        if (rec[0] >= 'a' && rec[0] <= 'c') counts[rec[0] - 'a']++;
    }
    close(fd[0]);
    while (wait(&st) > 0) CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(!torn && counts[0] == 40 && counts[1] == 40 && counts[2] == 40);
    printf("records: %d %d %d, torn: %d\n", counts[0], counts[1], counts[2], torn);

    /* dup2 onto stdout in the child; the parent reads what it printed. */
    CHECK(pipe(fd) == 0);
    fflush(stdout);
    p = fork();
    if (p == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        printf("through the pipe\n");
        fflush(stdout);
        _exit(0);
    }
    close(fd[1]);
    char line[64] = {0};
    got = 0;
    while ((n = read(fd[0], line + got, sizeof line - 1 - (size_t) got)) > 0) got += n;
    close(fd[0]);
    waitpid(p, &st, 0);
    CHECK(strcmp(line, "through the pipe\n") == 0);
    printf("parent read: %s", line);

    /* poll: empty pipe not readable; readable after a write; POLLHUP after the writer closes. */
    CHECK(pipe(fd) == 0);
    struct pollfd pf = {fd[0], POLLIN, 0};
    CHECK(poll(&pf, 1, 0) == 0);
    write(fd[1], "z", 1);
    CHECK(poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN));
    char c;
    read(fd[0], &c, 1);
    close(fd[1]);
    CHECK(poll(&pf, 1, 1000) == 1 && (pf.revents & POLLHUP));
    printf("poll revents after close: %s\n", (pf.revents & POLLHUP) ? "POLLHUP" : "none");
    close(fd[0]);

    /* A file offset is shared across fork. */
    char path[] = "/tmp/jx86-proc-pipes-XXXXXX";
    int f = mkstemp(path);
    CHECK(f >= 0);
    unlink(path);
    fflush(stdout);
    p = fork();
    if (p == 0) {
        write(f, "abc", 3);
        _exit(0);
    }
    waitpid(p, &st, 0);
    write(f, "def", 3);
    CHECK(lseek(f, 0, SEEK_CUR) == 6);
    char back[8] = {0};
    pread(f, back, 6, 0);
    CHECK(strcmp(back, "abcdef") == 0);
    printf("shared offset file: %s\n", back);
    close(f);

    printf("%s\n", fails ? "FAILED" : "all pipe checks passed");
    return fails ? 1 : 0;
}
