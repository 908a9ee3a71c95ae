/* Integer mix: LCG, shifts, rotates, popcount-style bit tricks and 64-bit division. */
#include <stdint.h>
#include <stdio.h>

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

int main(void) {
    uint64_t x = 0x9E3779B97F4A7C15ULL, acc = 0;
    for (long i = 0; i < 480000000L; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t y = rotl(x, (int)(i & 31) + 1) ^ (x >> 17);
        y -= (y >> 1) & 0x5555555555555555ULL;
        acc += y & 0x3333333333333333ULL;
        if ((i & 7) == 0) acc ^= y / ((x >> 40) | 1);
        acc = (acc << 3) + (acc >> 61) + (uint32_t)i;
    }
    printf("intmix %016llx\n", (unsigned long long)acc);
    return 0;
}
