/* Checksums and hashes of generated data: CRC-32 (table and bitwise),
 * Adler-32, FNV-1a 32/64, MurmurHash3-style finaliser, and a full SHA-256,
 * checked against known test vectors. Exit status: 0x2A & digest byte. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static uint32_t crc_table[256];
static void crc_init(void) { for (uint32_t i = 0; i < 256; i++) { uint32_t c = i; for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1; crc_table[i] = c; } }
static uint32_t crc32_table(const uint8_t *p, size_t n) { uint32_t c = 0xFFFFFFFFu; while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8); return c ^ 0xFFFFFFFFu; }
static uint32_t crc32_bitwise(const uint8_t *p, size_t n) { uint32_t c = 0xFFFFFFFFu; while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1))); } return ~c; }
static uint32_t adler32(const uint8_t *p, size_t n) { uint32_t a = 1, b = 0; while (n--) { a = (a + *p++) % 65521; b = (b + a) % 65521; } return (b << 16) | a; }
static uint32_t fnv32(const uint8_t *p, size_t n) { uint32_t h = 2166136261u; while (n--) { h ^= *p++; h *= 16777619u; } return h; }
static uint64_t fnv64(const uint8_t *p, size_t n) { uint64_t h = 14695981039346656037ull; while (n--) { h ^= *p++; h *= 1099511628211ull; } return h; }
static uint64_t fmix64(uint64_t k) { k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ull; k ^= k >> 33; return k; }

/* SHA-256 */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2 };
#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
static void sha256_block(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t) p[4 * i] << 24 | (uint32_t) p[4 * i + 1] << 16 | (uint32_t) p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3), s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}
static void sha256(const uint8_t *msg, size_t n, uint8_t out[32]) {
    uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    size_t i = 0;
    for (; i + 64 <= n; i += 64) sha256_block(h, msg + i);
    uint8_t last[128] = { 0 };
    size_t rem = n - i;
    memcpy(last, msg + i, rem); last[rem] = 0x80;
    size_t total = rem + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t) n * 8;
    for (int k = 0; k < 8; k++) last[total - 1 - k] = (uint8_t) (bits >> (8 * k));
    for (size_t k = 0; k < total; k += 64) sha256_block(h, last + k);
    for (int k = 0; k < 8; k++) { out[4 * k] = (uint8_t) (h[k] >> 24); out[4 * k + 1] = (uint8_t) (h[k] >> 16); out[4 * k + 2] = (uint8_t) (h[k] >> 8); out[4 * k + 3] = (uint8_t) h[k]; }
}
static void hex(const uint8_t *d, int n, char *out) { for (int i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", d[i]); }

static uint8_t data[65536];

int main(void) {
    crc_init();
    const uint8_t *v = (const uint8_t *) "123456789";
    printf("crc32('123456789')=%08x bitwise=%08x adler=%08x fnv32=%08x fnv64=%016llx\n", crc32_table(v, 9), crc32_bitwise(v, 9), adler32(v, 9), fnv32(v, 9), (unsigned long long) fnv64(v, 9));
    CHECK(crc32_table(v, 9) == 0xCBF43926u && crc32_bitwise(v, 9) == 0xCBF43926u);
    CHECK(adler32((const uint8_t *) "Wikipedia", 9) == 0x11E60398u);
    CHECK(fnv32((const uint8_t *) "", 0) == 0x811c9dc5u && fnv64((const uint8_t *) "a", 1) == 0xaf63dc4c8601ec8cull);
    uint8_t dg[32]; char hx[65];
    sha256((const uint8_t *) "abc", 3, dg); hex(dg, 32, hx);
    printf("sha256('abc')=%s\n", hx);
    CHECK(strcmp(hx, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
    sha256((const uint8_t *) "", 0, dg); hex(dg, 32, hx);
    printf("sha256('')=%s\n", hx);
    CHECK(strcmp(hx, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256((const uint8_t *) two, strlen(two), dg); hex(dg, 32, hx);
    printf("sha256(448 bits)=%s\n", hx);
    CHECK(strcmp(hx, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0);

    uint64_t s = 1;
    for (size_t i = 0; i < sizeof data; i++) { s = fmix64(s + i); data[i] = (uint8_t) s; }
    for (size_t n = 1; n <= sizeof data; n *= 4) {
        sha256(data, n, dg); hex(dg, 8, hx);
        printf("n=%6zu crc=%08x adler=%08x fnv32=%08x fnv64=%016llx sha256[0..8]=%s\n", n, crc32_table(data, n), adler32(data, n), fnv32(data, n), (unsigned long long) fnv64(data, n), hx);
        CHECK(crc32_table(data, n) == crc32_bitwise(data, n));
    }
    sha256(data, sizeof data, dg);
    printf("fails=%d\n", fails);
    return fails ? 255 : (0x2A & dg[0]);
}
