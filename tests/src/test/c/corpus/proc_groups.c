/* Process groups and sessions between processes: setpgid from the child and from the
 * parent, getpgid of another process, kill(-pgid) reaching every member of a group and no
 * one else, kill(0, 0), setsid in a child (new session, new group) and EPERM for a group
 * leader, ESRCH for processes that do not exist, and a zombie still accepting signal 0.
 * Exit status: 0 when every check passes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

/* A child that waits on a pipe until killed (or until the pipe closes: exit 3). */
static pid_t sleeper(int rfd, int wfd, pid_t group) {
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char c;
        close(wfd);
        if (group >= 0) setpgid(0, group);
        read(rfd, &c, 1);
        _exit(3);
    }
    if (group >= 0) setpgid(p, group == 0 ? p : group); /* both sides, as shells do */
    return p;
}

int main(void) {
    int fd[2];
    CHECK(pipe(fd) == 0);
    pid_t mine = getpgrp();
    CHECK(getpgid(0) == mine);

    pid_t leader = sleeper(fd[0], fd[1], 0);
    pid_t member = sleeper(fd[0], fd[1], leader);
    pid_t outsider = sleeper(fd[0], fd[1], -1);
    CHECK(getpgid(leader) == leader);
    CHECK(getpgid(member) == leader);
    CHECK(getpgid(outsider) == mine);
    printf("leader in own group: %d, member joined it: %d, outsider in ours: %d\n",
           getpgid(leader) == leader, getpgid(member) == leader, getpgid(outsider) == mine);
    CHECK(getsid(leader) == getsid(0));

    /* kill(-pgid) ends the leader and member; the outsider is untouched. */
    CHECK(kill(-leader, SIGTERM) == 0);
    int st, killed = 0;
    CHECK(waitpid(leader, &st, 0) == leader);
    killed += WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
    CHECK(waitpid(member, &st, 0) == member);
    killed += WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
    CHECK(waitpid(outsider, &st, WNOHANG) == 0);
    printf("killed by group signal: %d\n", killed);
    CHECK(killed == 2);

    /* Closing the pipe lets the outsider finish normally. */
    close(fd[1]);
    CHECK(waitpid(outsider, &st, 0) == outsider && WIFEXITED(st) && WEXITSTATUS(st) == 3);
    printf("outsider exited with %d\n", WEXITSTATUS(st));
    close(fd[0]);

    CHECK(kill(0, 0) == 0);
    errno = 0;
    CHECK(kill(-leader, 0) == -1 && errno == ESRCH);
    errno = 0;
    CHECK(getpgid(leader) == -1 && errno == ESRCH);
    errno = 0;
    CHECK(setpgid(leader, leader) == -1 && errno == ESRCH);
    printf("after reaping: %s\n", strerror(errno));

    /* A zombie still exists for kill(pid, 0). */
    fflush(stdout);
    pid_t z = fork();
    if (z == 0) _exit(0);
    for (int i = 0; i < 200; i++) {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        if (waitid(P_PID, z, &si, WEXITED | WNOWAIT | WNOHANG) == 0 && si.si_pid == z) break;
        usleep(5000);
    }
    CHECK(kill(z, 0) == 0);
    waitpid(z, &st, 0);

    /* setsid in a child: a new session and group named after it; a group leader cannot. */
    int rep[2];
    CHECK(pipe(rep) == 0);
    fflush(stdout);
    pid_t s = fork();
    if (s == 0) {
        int r[4];
        pid_t me = getpid();
        r[0] = setsid() == me;
        r[1] = getsid(0) == me;
        r[2] = getpgrp() == me;
        errno = 0;
        r[3] = setsid() == -1 && errno == EPERM;
        write(rep[1], r, sizeof r);
        _exit(0);
    }
    int r[4] = {0};
    close(rep[1]);
    CHECK(read(rep[0], r, sizeof r) == sizeof r);
    close(rep[0]);
    waitpid(s, &st, 0);
    CHECK(r[0] && r[1] && r[2] && r[3]);
    printf("setsid: new session %d, leads it %d, leads its group %d, second setsid EPERM %d\n",
           r[0], r[1], r[2], r[3]);

    printf("%s\n", fails ? "FAILED" : "all group checks passed");
    return fails ? 1 : 0;
}
