/* Shifts (shl, shr, sar) and rotates (rol, ror) by variable counts for
 * 8/16/32/64-bit values; counts are masked as C requires. Double-precision
 * shifts (shld/shrd patterns) on 128-bit values. Exit status: 3 when correct. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static inline uint8_t rol8(uint8_t x, unsigned n) { n &= 7; return (uint8_t) ((x << n) | (x >> ((8 - n) & 7))); }
static inline uint16_t rol16(uint16_t x, unsigned n) { n &= 15; return (uint16_t) ((x << n) | (x >> ((16 - n) & 15))); }
static inline uint32_t rol32(uint32_t x, unsigned n) { n &= 31; return (x << n) | (x >> ((32 - n) & 31)); }
static inline uint64_t rol64(uint64_t x, unsigned n) { n &= 63; return (x << n) | (x >> ((64 - n) & 63)); }
static inline uint32_t ror32(uint32_t x, unsigned n) { n &= 31; return (x >> n) | (x << ((32 - n) & 31)); }
static inline uint64_t ror64(uint64_t x, unsigned n) { n &= 63; return (x >> n) | (x << ((64 - n) & 63)); }

static volatile uint64_t vals[] = { 0, 1, 0x80, 0x8000, 0x80000000u, 0x8000000000000000ull, 0xFFFFFFFFFFFFFFFFull,
                                    0x0123456789ABCDEFull, 0xFEDCBA9876543210ull, 0x5555555555555555ull, 0x7F, 0xDEADBEEF };
static volatile unsigned counts[] = { 0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63 };

int main(void) {
    uint64_t h = 0;
    int nv = sizeof vals / sizeof vals[0], nc = sizeof counts / sizeof counts[0];
    for (int i = 0; i < nv; i++) {
        for (int j = 0; j < nc; j++) {
            uint64_t v = vals[i]; unsigned c = counts[j];
            uint64_t shl64 = v << (c & 63), shr64 = v >> (c & 63);
            int64_t sar64 = (int64_t) v >> (c & 63);
            uint32_t v32 = (uint32_t) v;
            uint32_t shl32 = v32 << (c & 31), shr32 = v32 >> (c & 31);
            int32_t sar32 = (int32_t) v32 >> (c & 31);
            uint16_t v16 = (uint16_t) v;
            uint16_t shl16 = (uint16_t) (v16 << (c & 15)), shr16 = (uint16_t) (v16 >> (c & 15));
            int16_t sar16 = (int16_t) ((int16_t) v16 >> (c & 15));
            uint8_t v8 = (uint8_t) v;
            uint8_t shl8 = (uint8_t) (v8 << (c & 7)), shr8 = (uint8_t) (v8 >> (c & 7));
            int8_t sar8 = (int8_t) ((int8_t) v8 >> (c & 7));
            uint64_t r1 = rol64(v, c), r2 = ror64(v, c);
            uint32_t r3 = rol32(v32, c), r4 = ror32(v32, c);
            uint16_t r5 = rol16(v16, c); uint8_t r6 = rol8(v8, c);
            CHECK(ror64(r1, c) == v);
            CHECK(rol32(r4, c) == v32);
            h = h * 131 + shl64 + shr64 + (uint64_t) sar64;
            h = h * 131 + shl32 + shr32 + (uint32_t) sar32;
            h = h * 131 + shl16 + shr16 + (uint16_t) sar16;
            h = h * 131 + shl8 + shr8 + (uint8_t) sar8;
            h = h * 131 + r1 + r2 + r3 + r4 + r5 + r6;
            if ((i * nc + j) % 7 == 0)
                printf("v=%016" PRIx64 " c=%2u shl=%016" PRIx64 " shr=%016" PRIx64 " sar=%016" PRIx64
                       " rol=%016" PRIx64 " ror32=%08" PRIx32 " sar8=%d rol8=%02x\n",
                       v, c, shl64, shr64, (uint64_t) sar64, r1, r4, sar8, r6);
        }
    }
    printf("hash=%016" PRIx64 "\n", h);

    /* 128-bit shifts built from 64-bit halves (shld/shrd) */
    uint64_t hi = 0x0123456789ABCDEFull, lo = 0xFEDCBA9876543210ull;
    for (unsigned c = 1; c < 64; c += 5) {
        uint64_t nhi = (hi << c) | (lo >> (64 - c));
        uint64_t nlo = (lo >> c) | (hi << (64 - c));
        printf("shld c=%2u -> %016" PRIx64 "  shrd -> %016" PRIx64 "\n", c, nhi, nlo);
        h ^= nhi + nlo;
    }
    unsigned __int128 w = ((unsigned __int128) hi << 64) | lo;
    for (volatile unsigned c = 0; c < 128; c += 19) {
        unsigned __int128 l = w << c, r = w >> c;
        printf("u128 c=%3u shl=%016" PRIx64 "%016" PRIx64 " shr=%016" PRIx64 "%016" PRIx64 "\n", c,
               (uint64_t) (l >> 64), (uint64_t) l, (uint64_t) (r >> 64), (uint64_t) r);
    }

    CHECK(rol32(0x80000001u, 1) == 3);
    CHECK(ror64(1, 1) == 0x8000000000000000ull);
    CHECK(rol8(0x81, 4) == 0x18);
    CHECK(rol16(0x8001, 15) == 0xC000);
    CHECK(((int32_t) 0x80000000 >> 31) == -1);
    CHECK(((int64_t) -256 >> 4) == -16);
    printf("fails=%d\n", fails);
    return fails ? 100 + fails : 3;
}
