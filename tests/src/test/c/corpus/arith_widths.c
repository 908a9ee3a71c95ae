/* Integer arithmetic of every width: int8..int64, signed and unsigned,
 * add/sub/mul/neg with wrap-around, sign and zero extension, comparisons.
 * Exit status: 42 when every check passes, else 100 + number of failures. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

/* volatile sources keep the compiler from folding everything */
static volatile uint64_t seed = 0x9E3779B97F4A7C15ull;

static uint64_t next(void) {
    uint64_t x = seed;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    seed = x;
    return x;
}

#define WIDTH_TEST(T, FMT, NAME)                                              \
    static uint64_t test_##NAME(void) {                                       \
        uint64_t acc = 0;                                                     \
        for (int i = 0; i < 64; i++) {                                        \
            T a = (T) next(), b = (T) next();                                 \
            T s = (T) (a + b), d = (T) (a - b), m = (T) (a * b);              \
            T n = (T) -a, c = (T) ~a;                                         \
            if (i < 6)                                                        \
                printf(#NAME " a=%" FMT " b=%" FMT " a+b=%" FMT " a-b=%" FMT  \
                       " a*b=%" FMT " -a=%" FMT " ~a=%" FMT " lt=%d\n",       \
                       a, b, s, d, m, n, c, a < b);                           \
            acc = acc * 31 + (uint64_t) s;                                    \
            acc = acc * 31 + (uint64_t) d;                                    \
            acc = acc * 31 + (uint64_t) m;                                    \
            acc = acc * 31 + (uint64_t) n + (a < b) + 2 * (a == b);           \
        }                                                                     \
        printf(#NAME " checksum=%016" PRIx64 "\n", acc);                      \
        return acc;                                                           \
    }

WIDTH_TEST(int8_t, PRId8, i8)
WIDTH_TEST(uint8_t, PRIu8, u8)
WIDTH_TEST(int16_t, PRId16, i16)
WIDTH_TEST(uint16_t, PRIu16, u16)
WIDTH_TEST(int32_t, PRId32, i32)
WIDTH_TEST(uint32_t, PRIu32, u32)
WIDTH_TEST(int64_t, PRId64, i64)
WIDTH_TEST(uint64_t, PRIu64, u64)

int main(void) {
    uint64_t total = 0;
    total ^= test_i8();
    total ^= test_u8();
    total ^= test_i16();
    total ^= test_u16();
    total ^= test_i32();
    total ^= test_u32();
    total ^= test_i64();
    total ^= test_u64();
    printf("total=%016" PRIx64 "\n", total);

    /* fixed wrap-around facts */
    volatile uint8_t u8 = 255; u8++;
    CHECK(u8 == 0);
    volatile int8_t i8 = 127; i8 = (int8_t) (i8 + 1);
    CHECK(i8 == -128);
    volatile uint16_t u16 = 0; u16--;
    CHECK(u16 == 65535);
    volatile int16_t i16 = -32768; i16 = (int16_t) (i16 - 1);
    CHECK(i16 == 32767);
    volatile uint32_t u32 = 0xFFFFFFFFu; u32 += 2;
    CHECK(u32 == 1);
    volatile int32_t i32 = INT32_MAX; i32 = (int32_t) ((uint32_t) i32 + 1u);
    CHECK(i32 == INT32_MIN);
    volatile uint64_t u64 = 0; u64 -= 1;
    CHECK(u64 == UINT64_MAX);
    volatile int64_t i64 = INT64_MIN; i64 = (int64_t) ((uint64_t) i64 - 1u);
    CHECK(i64 == INT64_MAX);
    CHECK((uint32_t) 0x10000u * 0x10000u == 0);
    CHECK((uint64_t) 0xFFFFFFFFull * 0xFFFFFFFFull == 0xFFFFFFFE00000001ull);

    /* sign and zero extension */
    volatile int8_t sb = -5;
    volatile uint8_t ub = 0xFB;
    int64_t sx = sb; uint64_t zx = ub;
    printf("sx=%" PRId64 " zx=%" PRIu64 " sx16=%d zx16=%u\n", sx, zx, (int16_t) sb, (uint16_t) ub);
    CHECK(sx == -5 && zx == 251);
    volatile int32_t s32 = -1;
    CHECK((uint64_t) (uint32_t) s32 == 0xFFFFFFFFull);
    CHECK((uint64_t) (int64_t) s32 == UINT64_MAX);
    CHECK((int16_t) 0x12345678 == 0x5678);
    CHECK((int8_t) 0x80 == -128);

    /* signed vs unsigned comparisons */
    volatile int a = -1; volatile unsigned b = 1;
    CHECK((unsigned) a > b);
    CHECK(a < (int) b);
    volatile int64_t la = -1; volatile uint32_t lb = 0xFFFFFFFFu;
    CHECK(la < (int64_t) lb);

    /* mixed-width accumulation */
    uint32_t sum32 = 0; int64_t sum64 = 0; uint16_t sum16 = 0;
    for (int i = -1000; i <= 1000; i += 7) {
        sum32 += (uint32_t) (i * i * i);
        sum64 += (int64_t) i * i * i * i;
        sum16 = (uint16_t) (sum16 * 3 + i);
    }
    printf("sum32=%u sum64=%" PRId64 " sum16=%u\n", sum32, sum64, sum16);

    printf("fails=%d\n", fails);
    return fails ? 100 + fails : 42;
}
