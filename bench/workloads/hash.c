/* Hashing: FNV-1a and an xxhash-like 64-bit mixer over a generated 16 MiB buffer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (16u << 20)
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL

static uint64_t fnv1a(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t xxlike(const uint8_t *p, size_t n, uint64_t seed) {
    uint64_t a = seed + P1, b = seed ^ P2, c = seed, d = seed - P1;
    for (size_t i = 0; i + 32 <= n; i += 32) {
        uint64_t w[4];
        memcpy(w, p + i, 32);
        a = ((a + w[0] * P2) << 31 | (a + w[0] * P2) >> 33) * P1;
        b = ((b + w[1] * P2) << 31 | (b + w[1] * P2) >> 33) * P1;
        c = ((c + w[2] * P2) << 31 | (c + w[2] * P2) >> 33) * P1;
        d = ((d + w[3] * P2) << 31 | (d + w[3] * P2) >> 33) * P1;
    }
    uint64_t h = a ^ (b << 7) ^ (c << 12) ^ (d << 18);
    h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P1; h ^= h >> 32;
    return h;
}

int main(void) {
    uint8_t *buf = malloc(N);
    uint32_t s = 12345;
    for (size_t i = 0; i < N; i++) { s = s * 1103515245u + 12345u; buf[i] = (uint8_t)(s >> 16); }
    uint64_t h = 0;
    for (int r = 0; r < 16; r++) h ^= fnv1a(buf, N) + r;
    for (int r = 0; r < 96; r++) h ^= xxlike(buf, N, h + r);
    printf("hash %016llx\n", (unsigned long long)h);
    free(buf);
    return 0;
}
