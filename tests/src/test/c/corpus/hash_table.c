/* A chained hash table with string keys (FNV-1a), resizing, insert/update/
 * lookup/delete, iteration in bucket order, plus an open-addressing integer
 * map with linear probing and tombstones. Word-frequency counting over
 * generated text. Exit status: the number of distinct words modulo 256. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

struct entry { char *key; long value; struct entry *next; };
struct table { struct entry **buckets; size_t nbuckets, size; int resizes; };

static uint32_t fnv1a(const char *s) { uint32_t h = 2166136261u; while (*s) { h ^= (unsigned char) *s++; h *= 16777619u; } return h; }

static void table_init(struct table *t, size_t n) { t->buckets = calloc(n, sizeof *t->buckets); t->nbuckets = n; t->size = 0; t->resizes = 0; }
static void table_resize(struct table *t) {
    size_t nn = t->nbuckets * 2;
    struct entry **nb = calloc(nn, sizeof *nb);
    for (size_t i = 0; i < t->nbuckets; i++)
        for (struct entry *e = t->buckets[i], *next; e; e = next) { next = e->next; size_t j = fnv1a(e->key) & (nn - 1); e->next = nb[j]; nb[j] = e; }
    free(t->buckets); t->buckets = nb; t->nbuckets = nn; t->resizes++;
}
static struct entry *table_find(struct table *t, const char *k) {
    for (struct entry *e = t->buckets[fnv1a(k) & (t->nbuckets - 1)]; e; e = e->next) if (!strcmp(e->key, k)) return e;
    return NULL;
}
static void table_add(struct table *t, const char *k, long delta) {
    struct entry *e = table_find(t, k);
    if (e) { e->value += delta; return; }
    if (t->size * 4 >= t->nbuckets * 3) table_resize(t);
    e = malloc(sizeof *e); e->key = strdup(k); e->value = delta;
    size_t i = fnv1a(k) & (t->nbuckets - 1);
    e->next = t->buckets[i]; t->buckets[i] = e; t->size++;
}
static int table_del(struct table *t, const char *k) {
    struct entry **pp = &t->buckets[fnv1a(k) & (t->nbuckets - 1)];
    for (; *pp; pp = &(*pp)->next) if (!strcmp((*pp)->key, k)) { struct entry *e = *pp; *pp = e->next; free(e->key); free(e); t->size--; return 1; }
    return 0;
}

/* open addressing map uint64 -> uint64 */
#define EMPTY 0
#define TOMB 1
struct slot { uint64_t key, value; };
static struct slot omap[4096];
static uint64_t mix(uint64_t x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33; return x; }
static void oput(uint64_t k, uint64_t v) {
    size_t i = mix(k) & 4095, tomb = (size_t) -1;
    for (;; i = (i + 1) & 4095) {
        if (omap[i].key == k) { omap[i].value = v; return; }
        if (omap[i].key == TOMB && tomb == (size_t) -1) tomb = i;
        if (omap[i].key == EMPTY) { if (tomb != (size_t) -1) i = tomb; omap[i].key = k; omap[i].value = v; return; }
    }
}
static int oget(uint64_t k, uint64_t *v) { for (size_t i = mix(k) & 4095;; i = (i + 1) & 4095) { if (omap[i].key == k) { *v = omap[i].value; return 1; } if (omap[i].key == EMPTY) return 0; } }
static void odel(uint64_t k) { for (size_t i = mix(k) & 4095;; i = (i + 1) & 4095) { if (omap[i].key == k) { omap[i].key = TOMB; return; } if (omap[i].key == EMPTY) return; } }

static const char *syll[] = { "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "zu", "ve", "xo", "qi" };

int main(void) {
    struct table t; table_init(&t, 8);
    unsigned r = 7; long total = 0;
    char w[32];
    for (int i = 0; i < 6000; i++) {
        r = r * 1103515245u + 12345u;
        int len = 1 + (int) ((r >> 16) % 3);
        w[0] = 0;
        unsigned s = r >> 8;
        for (int j = 0; j < len; j++) { strcat(w, syll[s % 12]); s /= 12; }
        table_add(&t, w, 1); total++;
    }
    printf("words=%ld distinct=%zu buckets=%zu resizes=%d\n", total, t.size, t.nbuckets, t.resizes);
    long sum = 0; size_t maxchain = 0, used = 0;
    for (size_t i = 0; i < t.nbuckets; i++) {
        size_t c = 0;
        for (struct entry *e = t.buckets[i]; e; e = e->next) { sum += e->value; c++; }
        if (c > maxchain) maxchain = c;
        used += c > 0;
    }
    printf("sum=%ld maxchain=%zu used=%zu\n", sum, maxchain, used);
    CHECK(sum == total);
    const char *probe[] = { "ka", "lo", "kalo", "tarisu", "qiqiqi", "nope", "mi", "zuve" };
    for (int i = 0; i < 8; i++) { struct entry *e = table_find(&t, probe[i]); printf("count(%s)=%ld\n", probe[i], e ? e->value : -1L); }
    size_t distinct = t.size;
    int deleted = 0;
    for (int i = 0; i < 12; i++) for (int j = 0; j < 12; j++) { char k[8]; snprintf(k, sizeof k, "%s%s", syll[i], syll[j]); deleted += table_del(&t, k); }
    printf("deleted two-syllable=%d left=%zu\n", deleted, t.size);
    CHECK(t.size == distinct - (size_t) deleted);
    /* top words by count, deterministic tie-break */
    for (int rank = 0; rank < 5; rank++) {
        struct entry *best = NULL;
        for (size_t i = 0; i < t.nbuckets; i++)
            for (struct entry *e = t.buckets[i]; e; e = e->next)
                if (e->value > 0 && (!best || e->value > best->value || (e->value == best->value && strcmp(e->key, best->key) < 0))) best = e;
        if (!best) break;
        printf("top %d: %s %ld\n", rank + 1, best->key, best->value);
        best->value = -best->value;
    }
    for (size_t i = 0; i < t.nbuckets; i++) for (struct entry *e = t.buckets[i], *n; e; e = n) { n = e->next; free(e->key); free(e); }
    free(t.buckets);

    for (uint64_t k = 2; k < 3000; k++) oput(k * 7919, k * k);
    for (uint64_t k = 2; k < 3000; k += 3) odel(k * 7919);
    for (uint64_t k = 2; k < 1000; k += 2) oput(k * 7919, k);
    uint64_t v, acc = 0; int found = 0;
    for (uint64_t k = 0; k < 3100; k++) if (oget(k * 7919, &v)) { found++; acc = acc * 31 + v; }
    printf("omap found=%d acc=%016llx\n", found, (unsigned long long) acc);
    printf("fails=%d\n", fails);
    return fails ? 255 : (int) (distinct % 256);
}
