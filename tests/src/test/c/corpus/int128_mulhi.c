/* 64x64->128-bit multiplication (mul/imul high parts) through __int128,
 * 128-bit add/sub with carries, 128/64 division, Montgomery-free modular
 * exponentiation and Miller-Rabin primality on 64-bit numbers.
 * Exit status: the number of primes found among the candidates (mod 256). */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

typedef unsigned __int128 u128;
typedef __int128 s128;

static uint64_t mulhi_u(uint64_t a, uint64_t b) { return (uint64_t) (((u128) a * b) >> 64); }
static int64_t mulhi_s(int64_t a, int64_t b) { return (int64_t) (((s128) a * b) >> 64); }
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t) ((u128) a * b % m); }
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) { uint64_t r = 1; b %= m; while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; } return r; }

static int is_prime(uint64_t n) {
    if (n < 2) return 0;
    static const uint64_t small[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37 };
    for (int i = 0; i < 12; i++) { if (n % small[i] == 0) return n == small[i]; }
    uint64_t d = n - 1; int s = 0;
    while ((d & 1) == 0) { d >>= 1; s++; }
    for (int i = 0; i < 12; i++) {
        uint64_t x = powmod(small[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int r = 1; r < s; r++) { x = mulmod(x, x, n); if (x == n - 1) { comp = 0; break; } }
        if (comp) return 0;
    }
    return 1;
}

static void print_u128(u128 v) {
    char buf[48]; int i = 47; buf[i] = 0;
    if (v == 0) buf[--i] = '0';
    while (v) { buf[--i] = (char) ('0' + (int) (v % 10)); v /= 10; }
    fputs(buf + i, stdout);
}

int main(void) {
    uint64_t a = 0xFFFFFFFFFFFFFFFFull, b = 0xFFFFFFFFFFFFFFFFull;
    printf("mulhi(max,max)=%016" PRIx64 " lo=%016" PRIx64 "\n", mulhi_u(a, b), a * b);
    CHECK(mulhi_u(a, b) == 0xFFFFFFFFFFFFFFFEull);
    CHECK(mulhi_s(-1, -1) == 0 && mulhi_s(INT64_MIN, 2) == -1 && mulhi_s(INT64_MIN, INT64_MIN) == 0x4000000000000000ll);
    uint64_t x = 0x243F6A8885A308D3ull;
    uint64_t h = 0;
    for (int i = 0; i < 40; i++) {
        uint64_t y = x * 0x9E3779B97F4A7C15ull + (uint64_t) i;
        uint64_t hu = mulhi_u(x, y); int64_t hs = mulhi_s((int64_t) x, (int64_t) y);
        h ^= hu + (uint64_t) hs * 3;
        if (i % 4 == 0) printf("x=%016" PRIx64 " y=%016" PRIx64 " umulhi=%016" PRIx64 " smulhi=%016" PRIx64 "\n", x, y, hu, (uint64_t) hs);
        x = y;
    }
    printf("mulhi hash=%016" PRIx64 "\n", h);

    /* factorials in 128 bits */
    u128 f = 1;
    for (int i = 1; i <= 34; i++) { f *= (u128) i; if (i >= 20) { printf("%d! = ", i); print_u128(f); putchar('\n'); } }
    /* 128-bit signed arithmetic */
    s128 s = -((s128) 1 << 100);
    s += 12345; s *= -3; s /= 7;
    printf("s128 hi=%016" PRIx64 " lo=%016" PRIx64 " mod=%d\n", (uint64_t) ((u128) s >> 64), (uint64_t) s, (int) (s % 1000));
    u128 q = ((u128) 0x0123456789ABCDEFull << 64 | 0xFEDCBA9876543210ull);
    printf("u128/1e9 -> "); print_u128(q / 1000000000u); printf(" rem %" PRIu64 "\n", (uint64_t) (q % 1000000000u));

    /* Miller-Rabin on 64-bit candidates */
    int primes = 0;
    uint64_t cands[] = { 2, 97, 561, 1000000007, 1000000009, 4294967291ull, 4294967297ull, 18446744073709551557ull,
                         18446744073709551556ull, 9223372036854775783ull, 3825123056546413051ull, 999999999999999989ull, 600851475143ull };
    for (int i = 0; i < 13; i++) { int p = is_prime(cands[i]); primes += p; printf("is_prime(%" PRIu64 ")=%d\n", cands[i], p); }
    for (uint64_t n = (1ull << 62) - 200; n < (1ull << 62); n++) if (is_prime(n)) { primes++; printf("prime near 2^62: %" PRIu64 "\n", n); }
    printf("powmod(3,10^18,10^9+7)=%" PRIu64 "\n", powmod(3, 1000000000000000000ull, 1000000007));
    printf("primes=%d fails=%d\n", primes, fails);
    return fails ? 255 : primes;
}
