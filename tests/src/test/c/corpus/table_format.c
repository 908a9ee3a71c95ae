/* String formatting of tables: aligned columns with computed widths,
 * right/left/centre alignment, numeric columns with thousands separators
 * built by hand, box-drawing with ASCII, totals rows and a histogram.
 * Exit status: 0. */
#include <stdio.h>
#include <string.h>

struct row { const char *name; const char *unit; long count; double ratio; };

static const struct row rows[] = {
    { "decode", "insn", 1234567, 0.4321 }, { "lift", "op", 987654, 0.2875 }, { "translate", "block", 45678, 0.1234 },
    { "chain", "link", 3210, 0.0456 }, { "invalidate", "page", 12, 0.0001 }, { "syscall", "call", 56789, 0.0777 },
    { "signal", "delivery", 3, 0.00002 }, { "tlb-miss", "walk", 765432, 0.03456 },
};

static void commas(long v, char *out) {
    char tmp[32]; int n = sprintf(tmp, "%ld", v < 0 ? -v : v), o = 0;
    if (v < 0) out[o++] = '-';
    for (int i = 0; i < n; i++) { out[o++] = tmp[i]; if ((n - i - 1) % 3 == 0 && i != n - 1) out[o++] = ','; }
    out[o] = 0;
}

static void centre(char *out, const char *s, int width) {
    int len = (int) strlen(s), left = (width - len) / 2, right = width - len - left;
    sprintf(out, "%*s%s%*s", left > 0 ? left : 0, "", s, right > 0 ? right : 0, "");
}

static void rule(const int *w, int n) { putchar('+'); for (int i = 0; i < n; i++) { for (int j = 0; j < w[i] + 2; j++) putchar('-'); putchar('+'); } putchar('\n'); }

int main(void) {
    int nrows = sizeof rows / sizeof rows[0];
    const char *head[] = { "stage", "unit", "count", "share", "bar" };
    int w[5] = { 5, 4, 5, 7, 20 };
    char num[32];
    long total = 0;
    for (int i = 0; i < nrows; i++) {
        int l = (int) strlen(rows[i].name); if (l > w[0]) w[0] = l;
        l = (int) strlen(rows[i].unit); if (l > w[1]) w[1] = l;
        commas(rows[i].count, num); l = (int) strlen(num); if (l > w[2]) w[2] = l;
        total += rows[i].count;
    }
    commas(total, num); if ((int) strlen(num) > w[2]) w[2] = (int) strlen(num);
    rule(w, 5);
    char cell[64];
    putchar('|');
    for (int i = 0; i < 5; i++) { centre(cell, head[i], w[i]); printf(" %s |", cell); }
    putchar('\n');
    rule(w, 5);
    for (int i = 0; i < nrows; i++) {
        commas(rows[i].count, num);
        char bar[32]; int len = (int) (rows[i].ratio * 40 + 0.5); if (len > 20) len = 20;
        memset(bar, '#', (size_t) len); bar[len] = 0;
        printf("| %-*s | %-*s | %*s | %*.3f%% | %-*s |\n", w[0], rows[i].name, w[1], rows[i].unit, w[2], num, w[3] - 1, rows[i].ratio * 100, w[4], bar);
    }
    rule(w, 5);
    commas(total, num);
    printf("| %-*s | %-*s | %*s | %*s | %-*s |\n", w[0], "TOTAL", w[1], "", w[2], num, w[3], "", w[4], "");
    rule(w, 5);

    /* multiplication table with dynamic width */
    for (int n = 1; n <= 12; n++) {
        for (int m = 1; m <= 12; m++) printf("%4d", n * m);
        putchar('\n');
    }
    /* number formats side by side */
    printf("%-12s %12s %12s %12s %14s\n", "value", "dec", "hex", "oct", "sci");
    long vals[] = { 0, 1, -1, 255, 65535, 1000000, -123456789, 2147483647L, 4294967296L };
    for (int i = 0; i < 9; i++) { commas(vals[i], num); printf("%-12s %12ld %12lx %12lo %14.4e\n", num, vals[i], (unsigned long) vals[i] & 0xFFFFFFFFFFul, (unsigned long) vals[i] & 0777777777ul, (double) vals[i]); }
    /* a text histogram of letter frequencies of a pangram */
    const char *text = "sphinx of black quartz judge my vow and pack my box with five dozen liquor jugs";
    int freq[26] = { 0 }; for (const char *p = text; *p; p++) if (*p >= 'a' && *p <= 'z') freq[*p - 'a']++;
    for (int i = 0; i < 26; i++) { printf("%c %2d ", 'a' + i, freq[i]); for (int j = 0; j < freq[i]; j++) putchar('*'); putchar('\n'); }
    return 0;
}
