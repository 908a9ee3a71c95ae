/* Run by RootConfinementTest under `jx86 run --root ROOT`: tries every way out of the root
 * it knows and prints one line per attempt: what it read, or the errno name. argv[1] is
 * the host's absolute path of a secret file outside the root; argv[2] the same path
 * relative to the host's "/"; argv[3] "read-only" skips the attempts that create files.
 * A line "LEAK" would mean the secret was read. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *ename(int e) {
    switch (e) {
        case ENOENT: return "ENOENT";
        case ELOOP: return "ELOOP";
        case EACCES: return "EACCES";
        case ENOTDIR: return "ENOTDIR";
        case EINVAL: return "EINVAL";
        case EXDEV: return "EXDEV";
        default: return "other";
    }
}

static void show_fd(const char *what, int fd) {
    if (fd < 0) { printf("%s: %s\n", what, ename(errno)); return; }
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) { printf("%s: read %s\n", what, ename(errno)); return; }
    buf[n] = 0;
    buf[strcspn(buf, "\n")] = 0;
    printf("%s: %s\n", what, strstr(buf, "SECRET") ? "LEAK" : buf);
}

static void try_open(const char *what, const char *path) { show_fd(what, open(path, O_RDONLY)); }

static void try_link(const char *what, const char *path) {
    char buf[4096];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0) { printf("%s: %s\n", what, ename(errno)); return; }
    buf[n] = 0;
    printf("%s: %s\n", what, buf);
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    const char *secret = argv[1], *secret_rel = argv[2];
    char path[8192];

    try_open("relative inside", "inside.txt");
    try_open("absolute inside", "/inside.txt");
    try_open("absolute host path", secret);
    snprintf(path, sizeof path, "../../../../../../../../%s", secret_rel);
    try_open("dot-dot chain", path);
    try_open("/etc/passwd is the root's", "/etc/passwd");
    try_open("absolute symlink re-rooted", "etc_link");
    try_open("symlink to host absolute path", "hostlink");
    try_open("relative symlink with dot-dots", "up");
    try_open("symlink chain", "chain1");
    try_open("symlink loop", "loop");
    try_open("directory symlink to /", "rootlink/inside.txt");
    snprintf(path, sizeof path, "rootlink/../../../%s", secret_rel);
    try_open("dot-dot through a directory symlink", path);

    snprintf(path, sizeof path, "/proc/self/root%s", secret);
    try_open("/proc/self/root + host path", path);
    try_open("/proc/self/root/inside.txt", "/proc/self/root/inside.txt");
    try_link("readlink /proc/self/root", "/proc/self/root");
    snprintf(path, sizeof path, "/proc/1/root%s", secret);
    try_open("/proc/1/root + host path", path);
    try_open("/proc/self/mountinfo", "/proc/self/mountinfo");
    snprintf(path, sizeof path, "/proc/self/cwd/../../../%s", secret_rel);
    try_open("/proc/self/cwd + dot-dots", path);

    int fd = open("inside.txt", O_RDONLY);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    try_link("readlink /proc/self/fd/N", path);
    close(fd);

    int dir = open("/dir", O_RDONLY | O_DIRECTORY);
    printf("open /dir: %s\n", dir >= 0 ? "ok" : ename(errno));
    snprintf(path, sizeof path, "../../../../%s", secret_rel);
    show_fd("openat(dirfd) with dot-dots", openat(dir, path, O_RDONLY));
    show_fd("openat(dirfd) ../inside.txt", openat(dir, "../inside.txt", O_RDONLY));
    show_fd("openat(dirfd) host absolute path", openat(dir, secret, O_RDONLY));
    close(dir);

    for (int i = 0; i < 20; i++) chdir("..");
    char cwd[4096];
    printf("getcwd after 20 x chdir(\"..\"): %s\n", getcwd(cwd, sizeof cwd) ? cwd : ename(errno));
    try_open("relative host path from there", secret_rel);
    try_link("readlink /proc/self/cwd", "/proc/self/cwd");
    printf("chdir(\"/dir/../..\"): %d\n", chdir("/dir/../.."));
    printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : ename(errno));

    struct stat st;
    printf("stat host path: %s\n", stat(secret, &st) == 0 ? "FOUND" : ename(errno));
    printf("lstat hostlink: %s\n", lstat("/hostlink", &st) == 0 && S_ISLNK(st.st_mode) ? "a symlink" : ename(errno));

    /* argv[3] = "read-only": the run without --root must not create files in the host's "/". */
    if (argc > 3 && strcmp(argv[3], "read-only") == 0) return 0;
    printf("symlink(\"/\", \"/new\"): %d\n", symlink("/", "/new"));
    snprintf(path, sizeof path, "/new/%s", secret_rel);
    try_open("through a new symlink to /", path);
    printf("symlink(host path, \"/new2\"): %d\n", symlink(secret, "/new2"));
    try_open("through a new symlink to the host path", "/new2");
    unlink("/new");
    unlink("/new2");

    DIR *d = opendir("/");
    static char names[64][256];
    int entries = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL && entries < 64) strcpy(names[entries++], e->d_name);
    if (d) closedir(d);
    qsort(names, entries, sizeof names[0], (int (*)(const void *, const void *)) strcmp);
    printf("listing /:");
    for (int i = 0; i < entries; i++) printf(" %s", names[i]);
    printf("\n");
    return 0;
}
