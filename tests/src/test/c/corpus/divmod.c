/* Signed and unsigned division and modulo for 8/16/32/64-bit operands,
 * negative operands (C truncates toward zero), division by constants
 * (strength-reduced by the compiler) and by variables (idiv/div).
 * INT_MIN / -1 is deliberately avoided. Exit status: 0 when all checks pass. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static volatile int64_t sdivs[] = { 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 13, 255, -256, 1000003, -65537,
                                    INT32_MAX, INT32_MIN, 0x100000000ll, -0x7FFFFFFFFFFFll };
static volatile int64_t sdividends[] = { 0, 1, -1, 7, -7, 100, -100, 12345, -12345, INT32_MAX, INT32_MIN,
                                         INT64_MAX, INT64_MIN + 1, 0x123456789ABCDEFll, -0x123456789ABCDEFll };

#define N(a) ((int) (sizeof(a) / sizeof((a)[0])))

static void signed_tables(void) {
    uint64_t h = 0;
    for (int i = 0; i < N(sdividends); i++) {
        for (int j = 0; j < N(sdivs); j++) {
            int64_t a = sdividends[i], b = sdivs[j];
            int64_t q = a / b, r = a % b;
            CHECK(q * b + r == a);
            CHECK(r == 0 || (r < 0) == (a < 0));
            h = h * 1000003u + (uint64_t) q; h ^= (uint64_t) r;
            int32_t a32 = (int32_t) a, b32 = (int32_t) b;
            if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1)) {
                int32_t q32 = a32 / b32, r32 = a32 % b32;
                CHECK(q32 * (int64_t) b32 + r32 == a32);
                h = h * 31 + (uint32_t) q32 + (uint32_t) r32;
            }
            int16_t a16 = (int16_t) a, b16 = (int16_t) b;
            if (b16 != 0 && !(a16 == INT16_MIN && b16 == -1)) {
                int16_t q16 = (int16_t) (a16 / b16), r16 = (int16_t) (a16 % b16);
                h = h * 31 + (uint16_t) q16 + (uint16_t) r16;
            }
            int8_t a8 = (int8_t) a, b8 = (int8_t) b;
            if (b8 != 0 && !(a8 == INT8_MIN && b8 == -1)) {
                int8_t q8 = (int8_t) (a8 / b8), r8 = (int8_t) (a8 % b8);
                h = h * 31 + (uint8_t) q8 + (uint8_t) r8;
            }
            if (j < 8 && i < 11)
                printf("s64 %" PRId64 " / %" PRId64 " = %" PRId64 " rem %" PRId64 "\n", a, b, q, r);
        }
    }
    printf("signed hash %016" PRIx64 "\n", h);
}

static void unsigned_tables(void) {
    uint64_t h = 0;
    for (int i = 0; i < N(sdividends); i++) {
        for (int j = 0; j < N(sdivs); j++) {
            uint64_t a = (uint64_t) sdividends[i], b = (uint64_t) sdivs[j];
            uint64_t q = a / b, r = a % b;
            CHECK(q * b + r == a && r < b);
            h = h * 1000003u + q; h ^= r;
            uint32_t a32 = (uint32_t) a, b32 = (uint32_t) b;
            if (b32) { h = h * 31 + a32 / b32; h = h * 31 + a32 % b32; CHECK((a32 / b32) * b32 + a32 % b32 == a32); }
            uint16_t a16 = (uint16_t) a, b16 = (uint16_t) b;
            if (b16) { h = h * 31 + a16 / b16 + a16 % b16; }
            uint8_t a8 = (uint8_t) a, b8 = (uint8_t) b;
            if (b8) { h = h * 31 + a8 / b8 + a8 % b8; }
            if (j < 6 && i < 9)
                printf("u64 %" PRIu64 " / %" PRIu64 " = %" PRIu64 " rem %" PRIu64 "\n", a, b, q, r);
        }
    }
    printf("unsigned hash %016" PRIx64 "\n", h);
}

/* division by constants exercises the multiply-high tricks the compiler emits */
static void constant_divisors(void) {
    uint64_t h = 0;
    for (int64_t x = -50000; x <= 50000; x += 997) {
        h = h * 7 + (uint64_t) (x / 3) + (uint64_t) (x % 3);
        h = h * 7 + (uint64_t) (x / 7) + (uint64_t) (x % 7);
        h = h * 7 + (uint64_t) (x / 10) + (uint64_t) (x % 10);
        h = h * 7 + (uint64_t) (x / 16) + (uint64_t) (x % 16);
        h = h * 7 + (uint64_t) (x / -5) + (uint64_t) (x % -5);
        uint64_t ux = (uint64_t) x;
        h = h * 7 + ux / 3 + ux % 10 + ux / 1000000007u;
        uint32_t u32 = (uint32_t) x;
        h = h * 7 + u32 / 7 + u32 % 13 + u32 / 641;
        int32_t s32 = (int32_t) x;
        h = h * 7 + (uint32_t) (s32 / 9) + (uint32_t) (s32 % 9);
    }
    printf("const-div hash %016" PRIx64 "\n", h);
    CHECK(-7 / 2 == -3 && -7 % 2 == -1 && 7 / -2 == -3 && 7 % -2 == 1);
    CHECK(-7 / -2 == 3 && -7 % -2 == -1);
}

int main(void) {
    signed_tables();
    unsigned_tables();
    constant_divisors();
    volatile int64_t big = INT64_MIN; volatile int64_t two = 2;
    printf("INT64_MIN/2=%" PRId64 " INT64_MIN%%3=%" PRId64 "\n", big / two, big % 3);
    volatile uint64_t ubig = UINT64_MAX; volatile uint64_t seven = 7;
    printf("UINT64_MAX/7=%" PRIu64 " rem %" PRIu64 "\n", ubig / seven, ubig % seven);
    CHECK(ubig / seven == 2635249153387078802ull && ubig % seven == 1);
    printf("fails=%d\n", fails);
    return fails;
}
