/* User-defined variadic functions: va_arg of int/long/double/pointer mixed
 * past the register save area into stack arguments, va_copy, passing a
 * va_list to vsnprintf/vfprintf, and a mini printf implementation.
 * Exit status: 31 on success. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <stdint.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static long sum_ints(int n, ...) { va_list ap; va_start(ap, n); long s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
static double sum_mixed(const char *types, ...) {
    va_list ap, copy; va_start(ap, types); va_copy(copy, ap);
    double s = 0;
    for (const char *t = types; *t; t++) {
        switch (*t) {
        case 'i': s += va_arg(ap, int); break;
        case 'l': s += (double) va_arg(ap, long); break;
        case 'd': s += va_arg(ap, double); break;
        case 's': s += (double) strlen(va_arg(ap, const char *)); break;
        }
    }
    /* walk again with the copy, weighting by position */
    double w = 0; int pos = 1;
    for (const char *t = types; *t; t++, pos++) {
        switch (*t) {
        case 'i': w += pos * va_arg(copy, int); break;
        case 'l': w += pos * (double) va_arg(copy, long); break;
        case 'd': w += pos * va_arg(copy, double); break;
        case 's': w += pos * (double) strlen(va_arg(copy, const char *)); break;
        }
    }
    va_end(copy); va_end(ap);
    printf("sum_mixed(%s) = %.6f weighted=%.6f\n", types, s, w);
    return s;
}
static int fmt(char *buf, size_t n, const char *f, ...) { va_list ap; va_start(ap, f); int r = vsnprintf(buf, n, f, ap); va_end(ap); return r; }
static void log_err(const char *f, ...) { va_list ap; va_start(ap, f); fputs("log: ", stdout); vfprintf(stdout, f, ap); va_end(ap); }

/* a mini printf supporting %d %u %x %s %c %f(2 digits) %% */
static int mini_printf(char *out, const char *f, ...) {
    va_list ap; va_start(ap, f);
    char *o = out;
    for (; *f; f++) {
        if (*f != '%') { *o++ = *f; continue; }
        switch (*++f) {
        case 'd': { int v = va_arg(ap, int); if (v < 0) { *o++ = '-'; v = -v; } char t[16]; int n = 0; do t[n++] = (char) ('0' + v % 10); while (v /= 10); while (n) *o++ = t[--n]; break; }
        case 'u': { unsigned v = va_arg(ap, unsigned); char t[16]; int n = 0; do t[n++] = (char) ('0' + v % 10); while (v /= 10); while (n) *o++ = t[--n]; break; }
        case 'x': { unsigned v = va_arg(ap, unsigned); char t[16]; int n = 0; do t[n++] = "0123456789abcdef"[v & 15]; while (v >>= 4); while (n) *o++ = t[--n]; break; }
        case 's': { const char *s = va_arg(ap, const char *); while (*s) *o++ = *s++; break; }
        case 'c': *o++ = (char) va_arg(ap, int); break;
        case 'f': { double d = va_arg(ap, double); long ip = (long) d; int fr = (int) ((d - (double) ip) * 100 + 0.5); o += sprintf(o, "%ld.%02d", ip, fr); break; }
        case '%': *o++ = '%'; break;
        }
    }
    *o = 0; va_end(ap);
    return (int) (o - out);
}

int main(void) {
    long s = sum_ints(15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    printf("sum_ints(1..15)=%ld\n", s);
    CHECK(s == 120);
    CHECK(sum_ints(0) == 0 && sum_ints(1, -5) == -5);
    double m = sum_mixed("ididlsddddddddddi", 1, 0.5, 2, 0.25, 10000000000L, "hello", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 100);
    CHECK(m == 1 + 0.5 + 2 + 0.25 + 10000000000.0 + 5 + 55 + 100);
    sum_mixed("dddddddddddd", 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5);
    sum_mixed("llllllllls", 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, "tail");
    char buf[128];
    int n = fmt(buf, sizeof buf, "%s-%d-%.3f-%c-%lx", "fmt", -12, 3.14159, 'Z', 0xABCDEFUL);
    printf("fmt: %s (%d)\n", buf, n);
    CHECK(strcmp(buf, "fmt--12-3.142-Z-abcdef") == 0);
    log_err("%d errors, %d warnings in %s\n", 3, 14, "unit.c");
    n = mini_printf(buf, "[%d|%u|%x|%s|%c|%f|%%]", -2024, 4000000000u, 0xBEEFu, "str", '!', 2.5);
    printf("mini_printf: %s (%d)\n", buf, n);
    CHECK(strcmp(buf, "[-2024|4000000000|beef|str|!|2.50|%]") == 0);
    printf("fails=%d\n", fails);
    return fails ? 1 : 31;
}
