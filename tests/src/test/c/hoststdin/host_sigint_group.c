/* Run under jx86 by HostStdinSignalTest, which sends SIGINT to the jx86 JVM once this prints
 * "ready": like a Ctrl-C on a terminal, it must reach every process of the foreground process
 * group, here the parent and its forked child. Exit status: 55. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void on_int(int s) { (void) s; got = 1; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_int;
    sigaction(SIGINT, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &old); /* no SIGINT lost between the check and the wait */
    int p[2];
    if (pipe(p) != 0) return 1;
    pid_t c = fork();
    if (c == 0) {
        close(p[0]);
        if (write(p[1], "r", 1) != 1) _exit(2);
        while (!got) sigsuspend(&old);
        printf("child got SIGINT\n");
        _exit(0);
    }
    close(p[1]);
    char b;
    if (read(p[0], &b, 1) != 1) return 3;
    printf("ready\n");
    while (!got) sigsuspend(&old);
    int st;
    if (waitpid(c, &st, 0) != c) return 4;
    printf("parent got SIGINT, child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 55;
}
