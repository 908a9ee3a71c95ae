/* Bit operations: popcount/clz/ctz/parity/ffs builtins, byte swaps, bit
 * reversal, isolating/clearing the lowest set bit, masks and bitfields.
 * Exit status: the number of checks that passed modulo 256 (deterministic). */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <strings.h>

static int fails, passes;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } else passes++; } while (0)

static uint32_t rev32(uint32_t x) {
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
    return (x >> 16) | (x << 16);
}

static uint64_t rev64_slow(uint64_t x) {
    uint64_t r = 0;
    for (int i = 0; i < 64; i++) { r = (r << 1) | (x & 1); x >>= 1; }
    return r;
}

static int popcount_slow(uint64_t x) { int n = 0; while (x) { n += (int) (x & 1); x >>= 1; } return n; }

struct flags { unsigned a : 3; unsigned b : 5; signed c : 4; unsigned d : 12; unsigned e : 8; };

int main(void) {
    uint64_t x = 0x0123456789ABCDEFull;
    uint64_t h = 0;
    for (int i = 0; i < 200; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t v = x >> (i % 50);
        uint32_t v32 = (uint32_t) (x >> 17);
        int pc = __builtin_popcountll(v), pc32 = __builtin_popcount(v32);
        int lz = v ? __builtin_clzll(v) : 64, tz = v ? __builtin_ctzll(v) : 64;
        int lz32 = v32 ? __builtin_clz(v32) : 32, tz32 = v32 ? __builtin_ctz(v32) : 32;
        int par = __builtin_parityll(v), f = ffs((int) v32);
        CHECK(pc == popcount_slow(v));
        CHECK(pc32 == popcount_slow(v32));
        CHECK(rev64_slow(v) == (((uint64_t) rev32((uint32_t) v) << 32) | rev32((uint32_t) (v >> 32))));
        uint64_t lowest = v & (0 - v), cleared = v & (v - 1), below = (v - 1) & ~v;
        CHECK(v == 0 || lowest == (1ull << tz));
        CHECK(__builtin_popcountll(cleared) == (pc ? pc - 1 : 0));
        h = h * 1099511628211ull ^ (uint64_t) (pc + 64 * lz + 4096 * tz + 262144 * par);
        h = h * 1099511628211ull ^ (lowest + cleared + below) ^ __builtin_bswap64(v) ^ __builtin_bswap32(v32);
        h ^= (uint64_t) (lz32 + tz32 * 33 + f * 1111);
        if (i % 10 == 0)
            printf("v=%016" PRIx64 " pop=%2d clz=%2d ctz=%2d par=%d rev32=%08x bswap=%016" PRIx64 " ffs=%d\n",
                   v, pc, lz, tz, par, rev32(v32), __builtin_bswap64(v), f);
    }
    printf("hash=%016" PRIx64 "\n", h);

    uint16_t s = 0xABCD;
    printf("bswap16=%04x\n", __builtin_bswap16(s));
    CHECK(__builtin_bswap16(s) == 0xCDAB);
    CHECK(__builtin_bswap32(0x11223344u) == 0x44332211u);
    CHECK(rev32(1) == 0x80000000u);
    CHECK(__builtin_clz(1) == 31 && __builtin_ctzll(0x8000000000000000ull) == 63);
    CHECK(__builtin_popcountll(~0ull) == 64);

    /* masks */
    for (int n = 0; n <= 64; n += 8) {
        uint64_t m = n == 64 ? ~0ull : ((1ull << n) - 1);
        printf("mask(%2d)=%016" PRIx64 " hi=%016" PRIx64 "\n", n, m, ~m);
    }

    /* bitfields */
    struct flags fl = { 0 };
    volatile int k = 13;
    fl.a = (unsigned) k; fl.b = (unsigned) (k * 3); fl.c = k - 20; fl.d = (unsigned) (k * 1000); fl.e = (unsigned) (k * 99);
    printf("bitfields a=%u b=%u c=%d d=%u e=%u\n", fl.a, fl.b, fl.c, fl.d, fl.e);
    CHECK(fl.a == 5 && fl.b == 7 && fl.c == -7 && fl.d == 13000 % 4096 && fl.e == (13 * 99) % 256);

    /* bit set / test / toggle on an array bitmap */
    uint64_t bitmap[4] = { 0 };
    for (int i = 0; i < 256; i += 3) bitmap[i / 64] |= 1ull << (i % 64);
    for (int i = 0; i < 256; i += 5) bitmap[i / 64] ^= 1ull << (i % 64);
    int cnt = 0;
    for (int i = 0; i < 4; i++) { cnt += __builtin_popcountll(bitmap[i]); printf("bitmap[%d]=%016" PRIx64 "\n", i, bitmap[i]); }
    printf("bitmap bits=%d\n", cnt);

    printf("passes=%d fails=%d\n", passes, fails);
    return fails ? 255 : passes % 256;
}
