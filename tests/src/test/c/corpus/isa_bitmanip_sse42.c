/* jx86-test: needs=popcnt,lzcnt,bmi2,sse4_2
 * jx86-cflags: -mpopcnt -mlzcnt -mbmi -mbmi2 -msse4.2
 * POPCNT, LZCNT, BMI1/BMI2 and SSSE3/SSE4.1/SSE4.2 through builtins and intrinsics, each
 * checked against a plain C reference: PCMPISTRI/PCMPESTRI string functions (strlen,
 * strchr, strspn, strstr), CRC32C, PSHUFB, PALIGNR, horizontal adds, PMOVZX/SX, blends,
 * PHMINPOSUW, MPSADBW, PTEST, inserts/extracts. gcc also uses SHLX/SARX/ANDN/BLSR freely.
 * Exit status: 42 on success. */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* ---- scalar references */

static int ref_popcount(uint64_t x) { int n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
static int ref_lzcnt(uint64_t x) { int n = 0; for (int i = 63; i >= 0 && !(x >> i & 1); i--) n++; return n; }
static int ref_tzcnt(uint64_t x) { int n = 0; for (int i = 0; i < 64 && !(x >> i & 1); i++) n++; return n; }
static uint64_t ref_pdep(uint64_t src, uint64_t mask) {
    uint64_t r = 0;
    for (int i = 0, k = 0; i < 64; i++) if (mask >> i & 1) r |= (src >> k++ & 1) << i;
    return r;
}
static uint64_t ref_pext(uint64_t src, uint64_t mask) {
    uint64_t r = 0;
    for (int i = 0, k = 0; i < 64; i++) if (mask >> i & 1) r |= (src >> i & 1) << k++;
    return r;
}
static uint32_t ref_crc32c(uint32_t crc, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) crc = crc & 1 ? crc >> 1 ^ 0x82F63B78u : crc >> 1;
    }
    return crc;
}

/* ---- SSE4.2 string functions over 16-byte aligned, padded buffers */

static size_t sse_strlen(const char *s) {
    const __m128i zero = _mm_setzero_si128();
    for (size_t i = 0;; i += 16) {
        __m128i v = _mm_load_si128((const __m128i *) (s + i));
        if (_mm_cmpistrz(zero, v, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_EACH))
            return i + _mm_cmpistri(v, v, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_EACH | _SIDD_MASKED_NEGATIVE_POLARITY);
    }
}

static const char *sse_strchr(const char *s, int c) {
    __m128i set = _mm_cvtsi32_si128(c & 0xFF);
    for (size_t i = 0;; i += 16) {
        __m128i v = _mm_load_si128((const __m128i *) (s + i));
        int idx = _mm_cmpistri(set, v, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY);
        if (_mm_cmpistrc(set, v, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY)) return s + i + idx;
        if (_mm_cmpistrz(set, v, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY)) return NULL;
    }
}

/* length of the prefix made of characters in accept (at most 15 of them) */
static size_t sse_strspn(const char *s, const char *accept) {
    __m128i set = _mm_loadu_si128((const __m128i *) accept);
    for (size_t i = 0;; i += 16) {
        __m128i v = _mm_load_si128((const __m128i *) (s + i));
        int idx = _mm_cmpistri(set, v, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY | _SIDD_NEGATIVE_POLARITY);
        if (idx < 16) return i + idx;
    }
}

/* first occurrence of a needle of at most 16 bytes, with explicit lengths (no NUL needed) */
static long sse_find(const char *hay, long hn, const char *needle, long nn) {
    char pad[16] = {0};
    memcpy(pad, needle, (size_t) nn);
    __m128i n = _mm_loadu_si128((const __m128i *) pad);
    for (long i = 0; i < hn; i++) {
        long left = hn - i;
        __m128i h = _mm_loadu_si128((const __m128i *) (hay + i));
        int idx = _mm_cmpestri(n, (int) nn, h, (int) (left > 16 ? 16 : left), _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ORDERED);
        if (idx == 16) { i += 15; continue; }
        i += idx;
        if (left - idx >= nn && memcmp(hay + i, needle, (size_t) nn) == 0) return i;
    }
    return -1;
}

static long ref_find(const char *hay, long hn, const char *needle, long nn) {
    for (long i = 0; i + nn <= hn; i++) if (memcmp(hay + i, needle, (size_t) nn) == 0) return i;
    return -1;
}

static void print128(const char *what, __m128i v) {
    uint8_t b[16];
    _mm_storeu_si128((__m128i *) b, v);
    printf("%s:", what);
    for (int i = 0; i < 16; i++) printf(" %02x", b[i]);
    printf("\n");
}

static __m128i random128(void) { return _mm_set_epi64x((long long) next(), (long long) next()); }

static void bitmanip(void) {
    uint64_t sum = 0;
    for (int i = 0; i < 2000; i++) {
        uint64_t x = next(), m = next();
        if (i % 4 == 1) x >>= next() % 64;
        if (i % 7 == 3) x = 0;
        CHECK(__builtin_popcountll(x) == ref_popcount(x));
        CHECK(__builtin_popcount((uint32_t) x) == ref_popcount((uint32_t) x));
        CHECK((int) _lzcnt_u64(x) == ref_lzcnt(x));
        CHECK((int) _lzcnt_u32((uint32_t) x) == ref_lzcnt((uint32_t) x) - 32);
        CHECK((int) _tzcnt_u64(x) == ref_tzcnt(x));
        CHECK(_pdep_u64(x, m) == ref_pdep(x, m));
        CHECK(_pext_u64(x, m) == ref_pext(x, m));
        CHECK(_pdep_u32((uint32_t) x, (uint32_t) m) == (uint32_t) ref_pdep((uint32_t) x, (uint32_t) m));
        CHECK(_blsr_u64(x) == (x & (x - 1)));
        CHECK(_blsi_u64(x) == (x & -x));
        CHECK(_andn_u64(m, x) == (~m & x));
        unsigned n = (unsigned) (m % 70);
        CHECK(_bzhi_u64(x, n) == (n >= 64 ? x : x & ((1ull << n) - 1)));
        unsigned start = (unsigned) (m % 64), len = (unsigned) (m >> 8 & 63);
        CHECK(_bextr_u64(x, start, len) == ((x >> start) & (len >= 64 ? ~0ull : (1ull << len) - 1)));
        unsigned long long hi;
        unsigned long long lo = _mulx_u64(x, m, &hi);
        unsigned __int128 p = (unsigned __int128) x * m;
        CHECK(lo == (uint64_t) p && hi == (uint64_t) (p >> 64));
        int sh = (int) (m & 63);
        sum += (x << sh) ^ (x >> sh) ^ (uint64_t) ((int64_t) x >> sh) ^ _pext_u64(x, m) ^ _lzcnt_u64(x);
    }
    printf("bitmanip checksum %016llx\n", (unsigned long long) sum);
    uint64_t samples[] = {0, 1, 0x8000000000000000ull, 0xFFFFFFFFFFFFFFFFull, 0x00F0F0F000000000ull};
    for (int i = 0; i < 5; i++) {
        uint64_t s = samples[i];
        printf("x=%016llx popcnt=%d lzcnt=%d tzcnt=%d pdep=%016llx pext=%016llx\n", (unsigned long long) s,
               __builtin_popcountll(s), (int) _lzcnt_u64(s), (int) _tzcnt_u64(s),
               (unsigned long long) _pdep_u64(0x12345, s), (unsigned long long) _pext_u64(s, 0xFF00FF00FF00FF00ull));
    }
}

static _Alignas(16) char text[4096];

static void strings(void) {
    static const char *words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
                                  "kappa", "lambda", "mu", "omicron-pi-rho-sigma-tau", "x"};
    size_t pos = 0;
    for (int i = 0; pos < 3000; i++) {
        const char *w = words[next() % 14];
        size_t n = strlen(w);
        memcpy(text + pos, w, n);
        pos += n;
        text[pos++] = " ,.;"[next() % 4];
    }
    text[pos] = 0;
    /* strlen from every alignment of a few ends */
    for (size_t cut = 0; cut < 80; cut++) {
        _Alignas(16) char buf[128];
        memset(buf, 'q', sizeof buf);
        buf[cut] = 0;
        CHECK(sse_strlen(buf) == cut);
    }
    CHECK(sse_strlen(text) == pos);
    for (const char *c = "aeiouxyz ,.;"; *c; c++) {
        const char *a = sse_strchr(text, *c), *b = strchr(text, *c);
        CHECK(a == b);
        printf("strchr '%c' at %ld\n", *c, a ? (long) (a - text) : -1L);
    }
    _Alignas(16) char acc[16] = "abcdeghilmp";
    size_t spans = 0;
    for (size_t i = 0; i < pos; i += 7) {
        _Alignas(16) char tmp[64] = {0};
        strncpy(tmp, text + i, 40);
        size_t a = sse_strspn(tmp, acc), b = strspn(tmp, acc);
        CHECK(a == b);
        spans += a;
    }
    printf("strspn total %zu\n", spans);
    int found = 0;
    for (int i = 0; i < 14; i++) {
        long n = (long) strlen(words[i]);
        if (n > 16) n = 16;
        long a = sse_find(text, (long) pos, words[i], n), b = ref_find(text, (long) pos, words[i], n);
        CHECK(a == b);
        found += a >= 0;
        printf("find %s at %ld\n", words[i], a);
    }
    CHECK(sse_find(text, (long) pos, "zzzz", 4) == -1);
    printf("found %d of 14\n", found);
    /* masks: which bytes are digits (ranges), as a byte mask and a bit mask */
    __m128i ranges = _mm_setr_epi8('0', '9', 'a', 'f', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    __m128i hex = _mm_loadu_si128((const __m128i *) "x1f-C0ffee;z9q!?");
    __m128i bm = _mm_cmpestrm(ranges, 4, hex, 16, _SIDD_UBYTE_OPS | _SIDD_CMP_RANGES | _SIDD_BIT_MASK);
    __m128i ym = _mm_cmpestrm(ranges, 4, hex, 16, _SIDD_UBYTE_OPS | _SIDD_CMP_RANGES | _SIDD_UNIT_MASK);
    printf("hex digit bit mask %04x\n", _mm_cvtsi128_si32(bm));
    print128("hex digit byte mask", ym);
    CHECK(_mm_cvtsi128_si32(bm) == 0x13e6);
    /* words: signed word ranges and most-significant index */
    __m128i wr = _mm_setr_epi16(-100, -1, 1000, 2000, 0, 0, 0, 0);
    __m128i wv = _mm_setr_epi16(5, -50, 1500, -1, 0, 7, 1999, 3);
    int last = _mm_cmpestri(wr, 4, wv, 8, _SIDD_SWORD_OPS | _SIDD_CMP_RANGES | _SIDD_MOST_SIGNIFICANT);
    printf("last signed word in ranges: %d\n", last);
    CHECK(last == 6);
}

static void crc(void) {
    uint32_t a = 0xFFFFFFFFu;
    size_t n = strlen(text);
    for (size_t i = 0; i + 8 <= n; i += 8) {
        uint64_t q;
        memcpy(&q, text + i, 8);
        a = (uint32_t) _mm_crc32_u64(a, q);
    }
    uint32_t b = ref_crc32c(0xFFFFFFFFu, (const uint8_t *) text, n / 8 * 8);
    CHECK(a == b);
    uint32_t c = 0;
    c = _mm_crc32_u8(c, 0x5A);
    c = _mm_crc32_u16(c, 0x1234);
    c = _mm_crc32_u32(c, 0xDEADBEEF);
    printf("crc32c text %08x small %08x check(123456789)=%08x\n", a, c,
           ~ref_crc32c(~0u, (const uint8_t *) "123456789", 9));
    CHECK(~ref_crc32c(~0u, (const uint8_t *) "123456789", 9) == 0xE3069283u);
}

static void shuffles(void) {
    __m128i v = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i rev = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    __m128i r = _mm_shuffle_epi8(v, rev);
    print128("pshufb reverse", r);
    CHECK(_mm_test_all_ones(_mm_cmpeq_epi8(r, rev)));
    __m128i ctl = _mm_setr_epi8(0, -1, 2, -128, 4, 0x15, 6, 0x7F, 8, 9, 10, 11, 12, 13, 14, 15);
    print128("pshufb zeroing", _mm_shuffle_epi8(v, ctl));
    print128("palignr 5", _mm_alignr_epi8(rev, v, 5));
    print128("palignr 20", _mm_alignr_epi8(rev, v, 20));
    uint64_t acc = 0;
    for (int i = 0; i < 500; i++) {
        __m128i a = random128(), b = random128(), m = random128();
        int16_t wa[8], wb[8], out[8];
        _mm_storeu_si128((__m128i *) wa, a);
        _mm_storeu_si128((__m128i *) wb, b);
        _mm_storeu_si128((__m128i *) out, _mm_hadd_epi16(a, b));
        for (int k = 0; k < 4; k++) {
            CHECK(out[k] == (int16_t) (wa[2 * k] + wa[2 * k + 1]));
            CHECK(out[k + 4] == (int16_t) (wb[2 * k] + wb[2 * k + 1]));
        }
        _mm_storeu_si128((__m128i *) out, _mm_hsubs_epi16(a, b));
        for (int k = 0; k < 4; k++) {
            int d = wa[2 * k] - wa[2 * k + 1];
            CHECK(out[k] == (d > 32767 ? 32767 : d < -32768 ? -32768 : d));
        }
        _mm_storeu_si128((__m128i *) out, _mm_mulhrs_epi16(a, b));
        for (int k = 0; k < 8; k++) CHECK(out[k] == (int16_t) ((((int32_t) wa[k] * wb[k] >> 14) + 1) >> 1));
        _mm_storeu_si128((__m128i *) out, _mm_sign_epi16(a, b));
        for (int k = 0; k < 8; k++) CHECK(out[k] == (int16_t) (wb[k] < 0 ? -wa[k] : wb[k] == 0 ? 0 : wa[k]));
        /* blendv: bytes of b where m's byte has its top bit set */
        uint8_t ba[16], bb[16], bmk[16], bo[16];
        _mm_storeu_si128((__m128i *) ba, a);
        _mm_storeu_si128((__m128i *) bb, b);
        _mm_storeu_si128((__m128i *) bmk, m);
        _mm_storeu_si128((__m128i *) bo, _mm_blendv_epi8(a, b, m));
        for (int k = 0; k < 16; k++) CHECK(bo[k] == (bmk[k] & 0x80 ? bb[k] : ba[k]));
        /* minpos */
        uint16_t ua[8];
        _mm_storeu_si128((__m128i *) ua, a);
        if (i % 3 == 0) ua[next() % 8] = ua[next() % 8];
        __m128i mp = _mm_minpos_epu16(_mm_loadu_si128((const __m128i *) ua));
        int best = 0;
        for (int k = 1; k < 8; k++) if (ua[k] < ua[best]) best = k;
        CHECK(_mm_extract_epi16(mp, 0) == ua[best] && _mm_extract_epi16(mp, 1) == best);
        /* zero/sign extension, packs, 32-bit multiply and min/max */
        __m128i z = _mm_cvtepu8_epi16(a), s = _mm_cvtepi16_epi32(a);
        CHECK(_mm_extract_epi16(z, 3) == ba[3] && _mm_extract_epi32(s, 2) == wa[2]);
        __m128i lo = _mm_mullo_epi32(a, b), mx = _mm_max_epi32(a, b), pk = _mm_packus_epi32(a, b);
        int32_t da[4], db[4];
        _mm_storeu_si128((__m128i *) da, a);
        _mm_storeu_si128((__m128i *) db, b);
        CHECK(_mm_extract_epi32(lo, 1) == (int32_t) ((uint32_t) da[1] * (uint32_t) db[1]));
        CHECK(_mm_extract_epi32(mx, 3) == (da[3] > db[3] ? da[3] : db[3]));
        CHECK((uint16_t) _mm_extract_epi16(pk, 5) == (db[1] < 0 ? 0 : db[1] > 65535 ? 65535 : db[1]));
        CHECK(_mm_testz_si128(a, _mm_andnot_si128(a, b)) == 1);
        CHECK(_mm_testc_si128(_mm_or_si128(a, b), a) == 1);
        __m128i ins = _mm_insert_epi8(_mm_insert_epi32(a, 0x11223344, 2), 0x99, 15);
        CHECK(_mm_extract_epi32(ins, 2) == 0x11223344 && _mm_extract_epi8(ins, 15) == 0x99);
        __m128i gt = _mm_cmpgt_epi64(a, b);
        CHECK((_mm_extract_epi64(gt, 0) != 0) == (_mm_extract_epi64(a, 0) > _mm_extract_epi64(b, 0)));
        __m128i sad = i & 1 ? _mm_mpsadbw_epu8(a, b, 5) : _mm_mpsadbw_epu8(a, b, 2);
        acc = acc * 31 + (uint64_t) _mm_extract_epi64(sad, 1)
              + (uint64_t) _mm_extract_epi64(_mm_maddubs_epi16(a, b), 0)
              + (uint64_t) _mm_extract_epi64(_mm_blend_epi16(a, b, 0x5C), 1)
              + (uint64_t) _mm_extract_epi64(_mm_abs_epi8(a), 0)
              + (uint64_t) _mm_extract_epi64(_mm_hadd_epi32(a, b), 1);
    }
    printf("ssse3/sse4.1 checksum %016llx\n", (unsigned long long) acc);
    __m128 f = _mm_setr_ps(1.5f, -2.0f, 3.25f, 8.0f);
    __m128 g = _mm_insert_ps(f, _mm_set1_ps(7.0f), 0x20 | 0x01);
    float out[4];
    _mm_storeu_ps(out, g);
    printf("insertps %g %g %g %g extractps %08x\n", out[0], out[1], out[2], out[3], _mm_extract_ps(f, 2));
    CHECK(out[0] == 0.0f && out[2] == 7.0f && _mm_extract_ps(f, 2) == 0x40500000);
    _Alignas(16) int32_t nt[4] = {1, 2, 3, 4};
    __m128i l = _mm_stream_load_si128((__m128i *) nt);
    CHECK(_mm_extract_epi32(l, 3) == 4);
}

int main(void) {
    bitmanip();
    strings();
    crc();
    shuffles();
    printf("fails=%d\n", fails);
    return fails ? 1 : 42;
}
