/* Conversions between integers, float and double in every direction
 * (cvtsi2sd, cvttsd2si, unsigned 64-bit, float<->double rounding),
 * comparisons including NaN (unordered) and signed zeros, float arithmetic
 * rounding, and min/max. Exit status: 7 on success. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static volatile int64_t ints[] = { 0, 1, -1, 2, 3, 255, -256, 1000000, 16777217, -16777217, 9007199254740993LL,
                                   INT64_MAX, INT64_MIN, INT32_MAX, INT32_MIN, 123456789012345LL };
static volatile double dbl[] = { 0.0, -0.0, 0.4999, 0.5, 0.5001, 1.5, 2.5, -2.5, -0.9, 1e10, -1e10, 4294967295.9, 9.2e18, 1.8e19, 3.4e38, 1e-45, 0.1 };

int main(void) {
    int ni = sizeof ints / sizeof ints[0];
    for (int i = 0; i < ni; i++) {
        int64_t v = ints[i];
        double d = (double) v; float f = (float) v; double du = (double) (uint64_t) v; float fu = (float) (uint64_t) v;
        int32_t i32 = (int32_t) v;
        printf("i64=%" PRId64 " ->d=%.17g(%016" PRIx64 ") ->f=%.9g(%08x) ->du=%.17g ->fu=%.9g i32->d=%.17g i32->f=%.9g\n", v, d, dbits(d), f, fbits(f), du, fu, (double) i32, (float) i32);
    }
    int nd = sizeof dbl / sizeof dbl[0];
    for (int i = 0; i < nd; i++) {
        double d = dbl[i];
        float f = (float) d;
        int32_t t32 = fabs(d) < 2147483648.0 ? (int32_t) d : 0;
        int64_t t64 = fabs(d) < 9.2e18 ? (int64_t) d : 0;
        uint64_t u64 = d >= 0 && d < 1.8446744073709552e19 ? (uint64_t) d : 0;
        uint32_t u32 = d >= 0 && d < 4294967296.0 ? (uint32_t) d : 0;
        long lr = fabs(d) < 9e18 ? lrint(d) : 0;
        printf("d=%.17g ->f=%.9g(%08x) ->back=%.17g trunc32=%d trunc64=%" PRId64 " u64=%" PRIu64 " u32=%u lrint=%ld\n", d, f, fbits(f), (double) f, t32, t64, u64, u32, lr);
    }
    CHECK((int) 2.9 == 2 && (int) -2.9 == -2);
    CHECK((uint64_t) 1.8e19 == 18000000000000000000ull);
    CHECK((double) (uint64_t) 0xFFFFFFFFFFFFFFFFull == 18446744073709551616.0);
    CHECK((float) 16777217 == 16777216.0f);
    CHECK((double) 9007199254740993LL == 9007199254740992.0);

    /* NaN and comparisons */
    volatile double zero = 0.0;
    double nan = zero / zero, inf = 1.0 / zero;
    double cmpv[] = { nan, inf, -inf, 0.0, -0.0, 1.0 };
    const char *names[] = { "nan", "inf", "-inf", "0", "-0", "1" };
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            double a = cmpv[i], b = cmpv[j];
            printf("%s?%s: < %d <= %d == %d != %d >= %d > %d unord %d\n", names[i], names[j], a < b, a <= b, a == b, a != b, a >= b, a > b, isunordered(a, b));
        }
    CHECK(!(nan == nan) && nan != nan && 0.0 == -0.0);
    float fn = (float) nan;
    CHECK(fn != fn);
    /* sums whose rounding differs in float and double */
    float fs = 0; double ds = 0;
    for (int i = 1; i <= 10000; i++) { fs += 1.0f / (float) i; ds += 1.0 / i; }
    printf("harmonic float=%.9g (%08x) double=%.17g (%016" PRIx64 ")\n", fs, fbits(fs), ds, dbits(ds));
    float fa = 0.1f, fb = 0.2f;
    printf("0.1f+0.2f=%.9g 0.1+0.2=%.17g fma=%.17g\n", fa + fb, 0.1 + 0.2, fma(0.1, 10.0, -1.0));
    CHECK(0.1 + 0.2 != 0.3 && (float) (fa + fb) == 0.3f);
    printf("fmax=%g fmin=%g fmaxf=%g\n", fmax(-0.0, 0.0), fmin(2.0, nan), fmaxf(1.5f, -2.5f));
    printf("fails=%d\n", fails);
    return fails ? 100 : 7;
}
