/* Reads /proc/self/maps and prints stable facts: the mapping holding main's code is r-xp,
 * the one holding a global is rw-p, the stack is [stack] and rw-p, a thread's stack is an
 * anonymous rw-p mapping, and an mprotect shows up as a split mapping. Each line has the
 * kernel's format (start-end perms offset dev inode [path]). Exit status: 25. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); return 1; } } while (0)

static int global_var = 42;

static int find(unsigned long addr, char *perms, char *path) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return -1;
    char line[512];
    int found = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi, off;
        char p[8], dev[16];
        unsigned long inode;
        int n = 0;
        if (sscanf(line, "%lx-%lx %4s %lx %15s %lu %n", &lo, &hi, p, &off, dev, &inode, &n) < 6) { fclose(f); return -2; }
        if (addr >= lo && addr < hi) {
            strcpy(perms, p);
            char *s = line + n;
            s[strcspn(s, "\n")] = 0;
            strcpy(path, s);
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static void *thread_fn(void *arg) {
    int local;
    char perms[8], path[256];
    int r = find((unsigned long) &local, perms, path);
    printf("thread stack: found %d perms %s\n", r, r == 1 ? perms : "?");
    return (void *) (long) (r == 1 && strcmp(perms, "rw-p") == 0);
}

int main(void) {
    char perms[8], path[256];
    int local = 0;
    CHECK(find((unsigned long) &main, perms, path) == 1);
    printf("main's code: %s, path ends with thr_proc_maps: %d\n", perms,
           strlen(path) >= 13 && strstr(path, "thr_proc_maps") != NULL);
    CHECK(strcmp(perms, "r-xp") == 0);
    CHECK(find((unsigned long) &global_var, perms, path) == 1);
    printf("a global: %s\n", perms);
    CHECK(strcmp(perms, "rw-p") == 0);
    CHECK(find((unsigned long) &local, perms, path) == 1);
    printf("the stack: %s %s\n", perms, path);
    CHECK(strcmp(perms, "rw-p") == 0 && strcmp(path, "[stack]") == 0);

    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED);
    CHECK(mprotect(m + pg, pg, PROT_READ) == 0);
    CHECK(find((unsigned long) m, perms, path) == 1);
    printf("mmap page 0: %s '%s'\n", perms, path);
    CHECK(strcmp(perms, "rw-p") == 0 && path[0] == 0);
    CHECK(find((unsigned long) m + pg, perms, path) == 1);
    printf("mmap page 1 after mprotect: %s\n", perms);
    CHECK(strcmp(perms, "r--p") == 0);
    CHECK(find((unsigned long) m + 2 * pg, perms, path) == 1);
    printf("mmap page 2: %s\n", perms);

    pthread_t t;
    void *ok;
    CHECK(pthread_create(&t, NULL, thread_fn, NULL) == 0);
    CHECK(pthread_join(t, &ok) == 0);
    CHECK(ok == (void *) 1L);
    return 25;
}
