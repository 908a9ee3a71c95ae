/* jx86-test: needs=x87
 * More x87 long double: strtold and sscanf("%Lf") (decimal, hex, inf, nan, overflow,
 * subnormals), printf %Lf/%Le/%Lg/%La at many precisions, the libm long double functions
 * (sqrtl, expl, logl, sinl, cosl, tanl, atan2l, asinl, expm1l, log1pl, log2l, cbrtl,
 * hypotl, fmodl, remainderl, frexpl, ldexpl, modfl), rounding under each fesetround mode,
 * and conversions between long double, double, float and 32/64-bit integers.
 * Exit status: 81 on success. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static void parsing(void) {
    static const char *inputs[] = {"0", "-0", "1", "0.1", "3.14159265358979323846264338327950288", "-2.5e-3",
                                   "1e4932", "1.18973149535723176502e+4932", "1e-4940", "3.6e-4951", "0x1.8p+1",
                                   "0xA.BCDEFp-10", "inf", "-Infinity", "nan", "123456789012345678901234567890",
                                   "  +42.0xyz", "1e5000", "-1e-5000", "18446744073709551615"};
    for (int i = 0; i < (int) (sizeof inputs / sizeof inputs[0]); i++) {
        char *end;
        long double v = strtold(inputs[i], &end);
        printf("strtold(\"%s\") = %.21Lg [%La] rest=\"%s\" class=%d signbit=%d\n", inputs[i], v, v, end,
               fpclassify(v), signbit(v) != 0);
    }
    long double a, b;
    int n = sscanf("2.718281828459045235360287 -1.5e-20", "%Lf %Lf", &a, &b);
    printf("sscanf n=%d a=%.22Lf b=%.5Le\n", n, a, b);
    CHECK(n == 2 && b < 0);
    CHECK(strtold("0x1p-16445", NULL) > 0);                  /* the smallest subnormal */
    CHECK(strtold("0x1p-16446", NULL) == 0);
    CHECK(strtold("1e5000", NULL) == HUGE_VALL);
}

static void printing(void) {
    long double vals[] = {1.0L / 3, -2.0L / 3, 1e-10L, 6.02214076e23L, LDBL_MAX, LDBL_MIN, LDBL_MIN / 1e5L,
                          LDBL_TRUE_MIN, 0.5L, 1e4000L, -0.0L, 9.999999999999999999e9L, 0x1.fffffffffffffffep+0L};
    for (int i = 0; i < (int) (sizeof vals / sizeof vals[0]); i++) {
        long double v = vals[i];
        long double small = fabsl(v) < 1e30L ? v : 0.0L;     /* %f of 1e4932 is 4933 digits */
        printf("%.0Lf|%.3Le|%.30Lg|%La|%.4La|%12.5Lg|%-#10.1Lf|\n", small, v, v, v, v, v, small);
    }
    printf("%Lf %Lf %Le %Lg %La\n", -HUGE_VALL, (long double) NAN, HUGE_VALL, -(long double) NAN, HUGE_VALL);
}

static void functions(void) {
    long double x[] = {0.0L, 0.25L, 0.5L, 1.0L, 2.0L, 3.0L, 10.0L, 100.5L, 1e-8L, 12345.678L};
    for (int i = 0; i < 10; i++) {
        long double v = x[i];
        printf("x=%Lg sqrt=%.19Lg exp=%.19Lg log=%.19Lg sin=%.19Lg cos=%.19Lg tan=%.19Lg\n", v, sqrtl(v), expl(v),
               logl(v), sinl(v), cosl(v), tanl(v));
        printf("  atan2=%.19Lg expm1=%.19Lg log1p=%.19Lg log2=%.19Lg log10=%.19Lg cbrt=%.19Lg hypot=%.19Lg\n",
               atan2l(v, 3.0L), expm1l(v), log1pl(v), log2l(v), log10l(v), cbrtl(-v), hypotl(v, 0.75L));
        if (v <= 1) printf("  asin=%.19Lg acos=%.19Lg atan=%.19Lg\n", asinl(v), acosl(v), atanl(v));
        int e;
        long double m = frexpl(v, &e), ip, fp = modfl(v * 7.25L, &ip);
        printf("  frexp=%.19Lg,%d ldexp=%.19Lg modf=%.19Lg+%.19Lg fmod=%.19Lg rem=%.19Lg pow=%.19Lg\n", m, e,
               ldexpl(v, -3), ip, fp, fmodl(v * 13, 2.5L), remainderl(v * 13, 2.5L), powl(v, 1.5L));
        CHECK(ldexpl(m, e) == v);
    }
    CHECK(sqrtl(2.0L) * sqrtl(2.0L) - 2.0L < 1e-18L);
    CHECK(fabsl(logl(expl(3.5L)) - 3.5L) < 1e-17L);
    long double pi = acosl(-1.0L);
    printf("pi=%.21Lg sin(pi)=%.5Le sin(1e6)=%.19Lg cos(1e10)=%.19Lg\n", pi, sinl(pi), sinl(1e6L), cosl(1e10L));
}

static void rounding(void) {
    static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    static const char *names[] = {"nearest", "down", "up", "zero"};
    long double vals[] = {2.5L, 3.5L, -2.5L, -0.4999999999999999999L, 1e18L + 0.5L, 7.000000000000000001L};
    for (int m = 0; m < 4; m++) {
        CHECK(fesetround(modes[m]) == 0);
        volatile long double third = 1.0L / 3.0L, big = 1e4000L;
        printf("%-7s 1/3=%La big*big=%Lg", names[m], third, big * big);
        for (int i = 0; i < 6; i++)
            printf(" [%Lg %Lg %ld %lld]", rintl(vals[i]), nearbyintl(vals[i]), lrintl(vals[i]), llrintl(vals[i]));
        printf("\n");
    }
    fesetround(FE_TONEAREST);
    printf("round=%Lg trunc=%Lg floor=%Lg ceil=%Lg lround=%ld\n", roundl(-2.5L), truncl(-2.7L), floorl(-0.5L),
           ceill(-0.5L), lroundl(2.5L));
}

static void conversions(void) {
    volatile int64_t i64[] = {0, 1, -1, INT64_MAX, INT64_MIN, 0x123456789ABCDEFLL, -987654321987654321LL};
    volatile uint64_t u64[] = {0, UINT64_MAX, 1ull << 63, (1ull << 63) + 12345, 0xFFFFFFFFFFFFF800ull};
    for (int i = 0; i < 7; i++) {
        long double v = (long double) i64[i];
        CHECK((int64_t) v == i64[i]);
        printf("i64 %lld -> %.0Lf -> double %.17g -> float %.9g\n", (long long) i64[i], v, (double) v, (float) v);
    }
    for (int i = 0; i < 5; i++) {
        long double v = (long double) u64[i];
        CHECK((uint64_t) v == u64[i]);
        printf("u64 %llu -> %.0Lf -> back %llu\n", (unsigned long long) u64[i], v, (unsigned long long) v);
    }
    volatile long double f[] = {0.999999999999999999L, -1.5L, 2147483647.9L, -2147483648.0L, 4294967295.5L, 1e19L,
                                -9.2233720368547758075e18L, 3.999999999999999999L};
    for (int i = 0; i < 8; i++)
        printf("ld %.20Lg -> int %d uint %u i64 %lld u64 %llu double %.17g float %.9g\n", f[i],
               fabsl(f[i]) < 2147483648.0L ? (int) f[i] : 0, f[i] >= 0 && f[i] < 4294967296.0L ? (unsigned) f[i] : 0u,
               fabsl(f[i]) < 9.2e18L ? (long long) f[i] : 0LL, f[i] >= 0 && f[i] < 1.8e19L ? (unsigned long long) f[i] : 0ull,
               (double) f[i], (float) f[i]);
    volatile double d = 0x1.fffffffffffffp-1;
    volatile float fl = 0x1.fffffep-126f;
    printf("double->ld %La float->ld %La ld(double)==double %d\n", (long double) d, (long double) fl,
           (double) (long double) d == d);
    /* double rounding: the sum is exact in long double, rounds once to double */
    volatile long double s = (long double) 1e16 + 1.0L;
    printf("1e16+1 in ld=%.0Lf as double=%.0f\n", s, (double) s);
    CHECK(s == 10000000000000001.0L);
}

int main(void) {
    parsing();
    printing();
    functions();
    rounding();
    conversions();
    printf("fails=%d\n", fails);
    return fails ? 1 : 81;
}
