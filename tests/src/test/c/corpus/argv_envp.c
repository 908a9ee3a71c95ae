/* argv and envp handling: prints argc, each argument with its length and
 * bytes, the basename of argv[0], the environment (sorted, so the order the
 * loader used does not matter), getenv/setenv/unsetenv, and a few auxiliary
 * vector entries that are deterministic (page size, AT_RANDOM present).
 * Exit status: argc * 10 + number of environment entries, modulo 256. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

int main(int argc, char **argv, char **envp) {
    printf("argc=%d\n", argc);
    const char *base = strrchr(argv[0], '/');
    printf("argv[0] basename=%s\n", base ? base + 1 : argv[0]);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=[%s] len=%zu bytes=", i, argv[i], strlen(argv[i]));
        for (const char *p = argv[i]; *p; p++) printf("%02x", (unsigned char) *p);
        putchar('\n');
    }
    printf("argv[argc]==NULL: %d\n", argv[argc] == NULL);
    int n = 0;
    while (envp[n]) n++;
    char **sorted = malloc(sizeof(char *) * (size_t) (n + 1));
    memcpy(sorted, envp, sizeof(char *) * (size_t) n);
    qsort(sorted, (size_t) n, sizeof(char *), cmp);
    printf("envc=%d\n", n);
    for (int i = 0; i < n; i++) printf("env: %s\n", sorted[i]);
    const char *keys[] = { "PATH", "HOME", "LANG", "JX86_TEST", "DOES_NOT_EXIST" };
    for (int i = 0; i < 5; i++) { const char *v = getenv(keys[i]); printf("getenv(%s)=%s\n", keys[i], v ? v : "(null)"); }
    setenv("JX86_NEW", "value one", 1);
    setenv("JX86_NEW", "ignored", 0);
    setenv("HOME", "/nowhere", 1);
    unsetenv("LANG");
    printf("after: JX86_NEW=%s HOME=%s LANG=%s\n", getenv("JX86_NEW"), getenv("HOME"), getenv("LANG") ? getenv("LANG") : "(unset)");
    printf("pagesize: auxv=%lu sysconf=%ld\n", getauxval(AT_PAGESZ), sysconf(_SC_PAGESIZE));
    printf("AT_RANDOM present=%d AT_PHNUM>0=%d AT_ENTRY!=0=%d\n", getauxval(AT_RANDOM) != 0, getauxval(AT_PHNUM) > 0, getauxval(AT_ENTRY) != 0);
    long total = 0;
    for (int i = 0; i < argc; i++) total += (long) strlen(argv[i]);
    printf("total arg bytes (without argv[0])=%ld\n", total - (long) strlen(argv[0]));
    free(sorted);
    return (argc * 10 + n) % 256;
}
