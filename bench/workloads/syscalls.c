/* Syscall-heavy: small write()s to /dev/null, getpid() and lseek() in a loop. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0) { perror("open"); return 1; }
    char msg[16] = "jx86 bench line\n";
    uint64_t h = 0;
    for (int i = 0; i < 1200000; i++) {
        h += (uint64_t)write(fd, msg, 1 + i % 16);
        h += syscall(SYS_getpid) > 0;  /* raw syscall: libc may cache getpid */
        h += (uint64_t)lseek(fd, 0, SEEK_SET) + 1;
    }
    close(fd);
    printf("syscalls %llu\n", (unsigned long long)h);
    return 0;
}
