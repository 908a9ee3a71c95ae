/* printf of integers with every length modifier (hh h l ll j z t) and
 * conversion (d i u o x X c), flags (- + space # 0), widths and precisions,
 * including * arguments; the extremes of every type. Exit status: 5. */
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    signed char sc[] = { 0, 1, -1, 127, -128, 42 };
    for (int i = 0; i < 6; i++) printf("hhd=[%hhd] hhu=[%hhu] hhx=[%hhx] hho=[%hho]\n", sc[i], (unsigned char) sc[i], (unsigned char) sc[i], (unsigned char) sc[i]);
    short ss[] = { 0, 1, -1, SHRT_MAX, SHRT_MIN, 1234 };
    for (int i = 0; i < 6; i++) printf("hd=[%hd] hu=[%hu] hx=[%hx] hX=[%#hX]\n", ss[i], (unsigned short) ss[i], (unsigned short) ss[i], (unsigned short) ss[i]);
    int is[] = { 0, 1, -1, INT_MAX, INT_MIN, 305419896 };
    for (int i = 0; i < 6; i++) printf("d=[%d] i=[%i] u=[%u] x=[%x] X=[%X] o=[%o] #x=[%#x] #o=[%#o]\n", is[i], is[i], (unsigned) is[i], (unsigned) is[i], (unsigned) is[i], (unsigned) is[i], (unsigned) is[i], (unsigned) is[i]);
    long ls[] = { 0, 1, -1, LONG_MAX, LONG_MIN, 81985529216486895L };
    for (int i = 0; i < 6; i++) printf("ld=[%ld] lu=[%lu] lx=[%lx] lo=[%lo]\n", ls[i], (unsigned long) ls[i], (unsigned long) ls[i], (unsigned long) ls[i]);
    long long lls[] = { 0, 1, -1, LLONG_MAX, LLONG_MIN, -81985529216486895LL };
    for (int i = 0; i < 6; i++) printf("lld=[%lld] llu=[%llu] llX=[%llX]\n", lls[i], (unsigned long long) lls[i], (unsigned long long) lls[i]);
    intmax_t im = INTMAX_MIN; uintmax_t um = UINTMAX_MAX;
    printf("jd=[%jd] ju=[%ju] jx=[%jx]\n", im, um, um);
    size_t z = (size_t) -1; ptrdiff_t t = PTRDIFF_MIN;
    printf("zu=[%zu] zx=[%zx] zd=[%zd] td=[%td] tx=[%tx]\n", z, z, (ptrdiff_t) 12345, t, (size_t) t);

    /* flags, widths, precisions */
    int vals[] = { 0, 7, -7, 255, -255, 65535, 100000 };
    for (int i = 0; i < 7; i++) {
        int v = vals[i];
        printf("[%5d][%-5d][%+d][% d][%05d][%.3d][%8.3d][%-8.3d][%+08d][% 08d]\n", v, v, v, v, v, v, v, v, v, v);
        printf("[%#8x][%#-8x][%#08x][%#.0x][%.0d][%#o][%#.5o][%x]\n", v, v, v, v, v, v, v, v);
    }
    for (int w = 0; w < 12; w += 3)
        for (int p = 0; p < 8; p += 3) printf("w=%d p=%d [%*.*d] [%-*.*ld] [%*.*llx]\n", w, p, w, p, -42, w, p, 4242L, w, p, 0xABCDEFULL);
    printf("[%c][%c][%3c][%-3c]\n", 'A', 'z', 'x', 'y');
    printf("[%%][%5s%%]\n", "pct");

    /* return values and snprintf truncation */
    char buf[64];
    int n = sprintf(buf, "%d-%u-%x", -1, 4000000000u, 48879);
    printf("sprintf n=%d buf=%s\n", n, buf);
    CHECK(n == 18 && strcmp(buf, "-1-4000000000-beef") == 0);
    n = snprintf(buf, 8, "%lld", 1234567890123LL);
    printf("snprintf n=%d buf=%s\n", n, buf);
    CHECK(n == 13 && strcmp(buf, "1234567") == 0);
    n = snprintf(NULL, 0, "%0100d", 5);
    CHECK(n == 100);
    n = printf("%hhd %hd %d %ld %lld\n", (signed char) 200, (short) 70000, 3000000000u, -1L, 1LL << 62);
    printf("printed %d chars\n", n);

    /* many arguments to force stack-passed varargs */
    printf("many: %d %d %d %d %d %d %d %d %d %d %ld %lld %d %u %x\n", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11L, 12LL, 13, 14u, 15);
    printf("fails=%d\n", fails);
    return fails ? 100 : 5;
}
