/* string.h: memcpy and memmove with overlaps in both directions, memset,
 * strlen/strchr/strrchr/memchr at every alignment and length (exercising the
 * libc's vectorised routines), strstr, strcmp/strncmp/memcmp signs, strtok,
 * strdup, strcat/strncat, strspn/strcspn/strpbrk. Exit status: 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static size_t naive_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static int sign(int x) { return (x > 0) - (x < 0); }
static uint32_t sum_bytes(const unsigned char *p, size_t n) { uint32_t h = 2166136261u; for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u; return h; }

int main(void) {
    static char buf[512];
    /* strlen/strchr/strrchr/memchr on all alignments and lengths */
    uint64_t acc = 0;
    for (int align = 0; align < 32; align++) {
        for (int len = 0; len < 80; len++) {
            char *s = buf + align;
            memset(buf, 'x', sizeof buf);
            for (int i = 0; i < len; i++) s[i] = (char) ('a' + (i * 7 + align) % 26);
            s[len] = 0;
            size_t l = strlen(s);
            CHECK(l == (size_t) len && l == naive_strlen(s));
            char *c = strchr(s, 'q'), *r = strrchr(s, 'q');
            char *m = memchr(s, 'z', (size_t) len);
            char *e = strchr(s, 0);
            CHECK(e == s + len);
            acc = acc * 31 + l + (c ? (uint64_t) (c - s) : 999) + (r ? (uint64_t) (r - s) * 7 : 555) + (m ? (uint64_t) (m - s) : 3);
        }
    }
    printf("alignment sweep acc=%llu\n", (unsigned long long) acc);

    /* memcpy / memmove */
    unsigned char a[256], b[256];
    for (int i = 0; i < 256; i++) a[i] = (unsigned char) (i * 13 + 7);
    for (size_t n = 0; n <= 200; n += 9) {
        for (size_t off = 0; off < 16; off += 5) {
            memcpy(b, a, sizeof b);
            memmove(b + off + 3, b + off, n);      /* forward overlap */
            uint32_t h1 = sum_bytes(b, sizeof b);
            memcpy(b, a, sizeof b);
            memmove(b + off, b + off + 3, n);      /* backward overlap */
            uint32_t h2 = sum_bytes(b, sizeof b);
            int ok = 1;
            for (size_t i = 0; i < n; i++) ok &= b[off + i] == a[off + 3 + i];
            CHECK(ok);
            if (off == 0) printf("memmove n=%3zu fwd=%08x bwd=%08x\n", n, h1, h2);
        }
    }
    unsigned char c[300];
    for (size_t n = 1; n < 300; n = n * 2 + 1) {
        memset(c, 0xAA, sizeof c);
        memset(c + 1, n & 0xFF, n - 1);
        memcpy(c + 2, a, n < 250 ? n - 1 : 250);
        printf("memset/memcpy n=%3zu hash=%08x\n", n, sum_bytes(c, sizeof c));
    }

    /* comparisons */
    const char *pairs[][2] = { { "abc", "abd" }, { "abc", "abc" }, { "abc", "ab" }, { "", "a" }, { "\xff", "\x01" },
                               { "hello world", "hello there" }, { "same prefix longer", "same prefix" } };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *x = pairs[i][0], *y = pairs[i][1];
        printf("cmp(%s,%s): strcmp=%d strncmp3=%d memcmp2=%d\n", x, y, sign(strcmp(x, y)), sign(strncmp(x, y, 3)), sign(memcmp(x, y, 2)));
    }
    CHECK(strcmp("\xff", "\x01") > 0);   /* compared as unsigned char */
    CHECK(memcmp("\x80", "\x7f", 1) > 0);

    /* strstr and friends */
    const char *hay = "the cat sat on the mat with another cat; concatenate catalogues";
    const char *needles[] = { "cat", "the", "mat", "dog", "", "catalogues", "t w", "logues", "concatenatex" };
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        const char *p = strstr(hay, needles[i]);
        int count = 0;
        if (*needles[i]) for (const char *q = hay; (q = strstr(q, needles[i])) != NULL; q++) count++;
        printf("strstr(%s) -> %ld count=%d\n", needles[i], p ? (long) (p - hay) : -1L, count);
    }
    printf("strspn=%zu strcspn=%zu strpbrk=%s\n", strspn(hay, "the "), strcspn(hay, ";"), strpbrk(hay, "wxyz"));

    /* strtok */
    char text[] = "alpha, beta;gamma  delta,,epsilon ;zeta";
    int ntok = 0;
    for (char *t = strtok(text, ",; "); t; t = strtok(NULL, ",; ")) printf("token %d: %s\n", ++ntok, t);
    CHECK(ntok == 6);

    /* strdup/strcat/strncat/strncpy */
    char *d = strdup("jx86");
    char out[64] = "run ";
    strcat(out, d); strncat(out, " on the JVM and more", 11);
    printf("concat: [%s] len=%zu\n", out, strlen(out));
    CHECK(strcmp(out, "run jx86 on the JVM") == 0);
    char pad[10];
    strncpy(pad, "ab", sizeof pad);
    int zeros = 0; for (int i = 2; i < 10; i++) zeros += pad[i] == 0;
    CHECK(zeros == 8);
    free(d);
    printf("fails=%d\n", fails);
    return fails;
}
