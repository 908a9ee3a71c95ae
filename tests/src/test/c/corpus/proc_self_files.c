/* /proc files that must describe the guest: every feature flag CPUID reports appears in
 * /proc/cpuinfo's flags line and every flag checked here that CPUID does not report is
 * absent; /proc/self/auxv holds the same AT_PAGESZ/AT_ENTRY/AT_PHDR as getauxval();
 * /proc/self/cmdline is argv; /proc/self/exe names this program; /proc/self/status counts
 * the threads. Prints only what must agree. Exit status: 26. */
#include <cpuid.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d\n", __LINE__); return 1; } } while (0)

static char flags[8192];

static int has_flag(const char *name) {
    size_t n = strlen(name);
    for (char *p = flags; (p = strstr(p, name)) != NULL; p += n)
        if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\n' || p[n] == 0)) return 1;
    return 0;
}

struct feat { const char *name; unsigned leaf, sub; int reg; int bit; };
static const struct feat feats[] = {
    {"fpu", 1, 0, 3, 0}, {"tsc", 1, 0, 3, 4}, {"cx8", 1, 0, 3, 8}, {"cmov", 1, 0, 3, 15},
    {"mmx", 1, 0, 3, 23}, {"fxsr", 1, 0, 3, 24}, {"sse", 1, 0, 3, 25}, {"sse2", 1, 0, 3, 26},
    {"pni", 1, 0, 2, 0}, {"ssse3", 1, 0, 2, 9}, {"cx16", 1, 0, 2, 13}, {"sse4_1", 1, 0, 2, 19},
    {"sse4_2", 1, 0, 2, 20}, {"movbe", 1, 0, 2, 22}, {"popcnt", 1, 0, 2, 23}, {"aes", 1, 0, 2, 25},
    {"avx", 1, 0, 2, 28}, {"bmi1", 7, 0, 1, 3}, {"avx2", 7, 0, 1, 5}, {"bmi2", 7, 0, 1, 8},
    {"adx", 7, 0, 1, 19}, {"syscall", 0x80000001, 0, 3, 11}, {"nx", 0x80000001, 0, 3, 20},
    {"rdtscp", 0x80000001, 0, 3, 27}, {"lm", 0x80000001, 0, 3, 29}, {"lahf_lm", 0x80000001, 0, 2, 0},
    {"abm", 0x80000001, 0, 2, 5},
};

static void *sleeper(void *arg) { pthread_mutex_lock(arg); pthread_mutex_unlock(arg); return NULL; }

int main(int argc, char **argv) {
    FILE *f = fopen("/proc/cpuinfo", "r");
    CHECK(f != NULL);
    char line[8192];
    int processors = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "processor", 9) == 0) processors++;
        if (strncmp(line, "flags", 5) == 0 && !flags[0]) strcpy(flags, strchr(line, ':') + 2);
    }
    fclose(f);
    CHECK(processors == sysconf(_SC_NPROCESSORS_ONLN));
    int agree = 0;
    for (size_t i = 0; i < sizeof feats / sizeof feats[0]; i++) {
        unsigned r[4];
        __cpuid_count(feats[i].leaf, feats[i].sub, r[0], r[1], r[2], r[3]);
        int cpuid_says = (r[feats[i].reg] >> feats[i].bit) & 1;
        if (cpuid_says == has_flag(feats[i].name)) agree++;
        else printf("disagree: %s cpuid %d cpuinfo %d\n", feats[i].name, cpuid_says, has_flag(feats[i].name));
    }
    printf("cpuinfo flags agree with CPUID for %d of %zu features\n", agree, sizeof feats / sizeof feats[0]);

    f = fopen("/proc/self/auxv", "rb");
    CHECK(f != NULL);
    unsigned long pair[2];
    int seen = 0;
    while (fread(pair, sizeof pair, 1, f) == 1 && pair[0] != AT_NULL) {
        if (pair[0] == AT_PAGESZ || pair[0] == AT_ENTRY || pair[0] == AT_PHDR)   /* glibc rewrites AT_HWCAP */
            seen += pair[1] == getauxval(pair[0]);
    }
    fclose(f);
    printf("auxv: %d of 3 entries match getauxval\n", seen);

    f = fopen("/proc/self/cmdline", "rb");
    CHECK(f != NULL);
    char cmd[4096];
    size_t n = fread(cmd, 1, sizeof cmd, f);
    fclose(f);
    size_t off = 0;
    int args_ok = 0;
    for (int i = 0; i < argc && off < n; i++) { args_ok += strcmp(cmd + off, argv[i]) == 0; off += strlen(cmd + off) + 1; }
    printf("cmdline: %d of %d arguments, %s\n", args_ok, argc, off == n ? "no trailing bytes" : "TRAILING BYTES");

    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    CHECK(len > 0);
    exe[len] = 0;
    const char *base = strrchr(exe, '/');
    printf("exe: absolute %d, basename %s\n", exe[0] == '/', base ? base + 1 : exe);

    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_t t[2];
    pthread_mutex_lock(&m);
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, sleeper, &m);
    f = fopen("/proc/self/status", "r");
    CHECK(f != NULL);
    int threads = -1, pid_ok = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "Threads:", 8) == 0) threads = atoi(line + 8);
        if (strncmp(line, "Pid:", 4) == 0) pid_ok = atoi(line + 4) == getpid();
    }
    fclose(f);
    pthread_mutex_unlock(&m);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    printf("status: Threads %d, Pid matches getpid %d\n", threads, pid_ok);
    return 26;
}
