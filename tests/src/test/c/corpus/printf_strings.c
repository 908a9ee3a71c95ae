/* printf of strings: %s with widths, precisions, left-justification, *
 * arguments, precision cutting longer strings, empty strings, %c, and
 * snprintf into small buffers. Exit status: 0. */
#include <stdio.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static const char *words[] = { "", "a", "hi", "jx86", "translator", "The quick brown fox jumps over the lazy dog", "tab\there", "x86-64" };

int main(void) {
    int nw = sizeof words / sizeof words[0];
    for (int i = 0; i < nw; i++) {
        const char *w = words[i];
        printf("[%s] [%10s] [%-10s] [%.3s] [%10.3s] [%-10.3s] [%.0s] [%.*s]\n", w, w, w, w, w, w, w, 5, w);
    }
    for (int width = -12; width <= 12; width += 4)
        printf("width %3d: [%*s] [%*.*s]\n", width, width, "mid", width, 2, "precision");
    /* a table with fixed columns */
    static const struct { const char *name; const char *kind; int size; } rows[] = {
        { "rax", "gpr", 64 }, { "eax", "gpr", 32 }, { "xmm0", "sse", 128 }, { "st(0)", "x87", 80 },
        { "rflags", "flags", 64 }, { "cr3", "control", 64 }, { "fs.base", "segment", 64 },
    };
    printf("%-8s|%8s|%5s\n", "name", "kind", "bits");
    printf("%.8s+%.8s+%.5s\n", "----------", "----------", "-----");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) printf("%-8s|%8s|%5d\n", rows[i].name, rows[i].kind, rows[i].size);

    /* characters */
    for (int c = 32; c < 127; c += 1) { putchar(c); if (c % 32 == 31) putchar('\n'); }
    printf("\n[%c%c%c] [%-4c] [%4c]\n", 'j', 'x', '8', '6', '!');

    /* snprintf truncation on every size */
    const char *src = "Hello, differential testing!";
    for (size_t sz = 0; sz <= strlen(src) + 2; sz += 3) {
        char buf[64];
        memset(buf, '#', sizeof buf);
        int n = snprintf(buf, sz, "%s", src);
        CHECK(n == (int) strlen(src));
        if (sz) { CHECK(strlen(buf) == (sz - 1 < strlen(src) ? sz - 1 : strlen(src))); printf("size %2zu -> [%s]\n", sz, buf); }
        else { CHECK(buf[0] == '#'); printf("size  0 -> untouched\n"); }
    }
    char big[300];
    int n = snprintf(big, sizeof big, "%s|%s|%s|%s|%s", words[5], words[4], words[3], words[5], words[7]);
    printf("%d: %s\n", n, big);
    puts("puts line");
    fputs("fputs line\n", stdout);
    printf("%s\n", "");
    printf("fails=%d\n", fails);
    return fails;
}
