/* Output on standard error as well as standard output: fprintf(stderr),
 * fputs, perror with errno from a failed open, strerror, write(2) directly,
 * unbuffered stderr interleaved with buffered stdout (compared per stream).
 * Exit status: 2. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>

int main(void) {
    for (int i = 0; i < 20; i++) {
        printf("stdout line %d\n", i);
        if (i % 3 == 0) fprintf(stderr, "stderr line %d (%s)\n", i, i % 2 ? "odd" : "even");
    }
    errno = 0;
    int fd = open("/nonexistent-jx86-dir/file.txt", O_RDONLY);
    int e = errno;
    printf("open returned %d errno=%d\n", fd, e);
    errno = e;
    perror("open /nonexistent-jx86-dir/file.txt");
    fprintf(stderr, "strerror(ENOENT)=%s\n", strerror(ENOENT));
    fprintf(stderr, "strerror(EACCES)=%s\n", strerror(EACCES));
    fputs("fputs to stderr\n", stderr);
    static const char msg[] = "raw write(2) to fd 2\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    printf("write returned %zd\n", w);
    static const char msg1[] = "raw write(2) to fd 1\n";
    fflush(stdout);
    w = write(1, msg1, sizeof msg1 - 1);
    printf("write to fd 1 returned %zd\n", w);
    w = write(-1, msg, 1);
    printf("write to fd -1 returned %zd errno=%d (EBADF=%d)\n", w, errno, EBADF);
    for (int i = 0; i < 100; i++) fputc('a' + i % 26, stderr);
    fputc('\n', stderr);
    fprintf(stderr, "last stderr line without newline");
    return 2;
}
