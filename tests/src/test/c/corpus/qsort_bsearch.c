/* qsort and bsearch with comparators over ints, doubles, strings and
 * structs (multi-key, descending), verifying order; bsearch hits and misses.
 * Exit status: 33 on success. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static unsigned rng = 2024;
static unsigned rnd(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static int cmp_int(const void *a, const void *b) { int x = *(const int *) a, y = *(const int *) b; return (x > y) - (x < y); }
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_double(const void *a, const void *b) { double x = *(const double *) a, y = *(const double *) b; return (x > y) - (x < y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

struct person { char name[16]; int age; double score; };
static int cmp_person(const void *a, const void *b) {
    const struct person *p = a, *q = b;
    if (p->age != q->age) return p->age - q->age;
    if (p->score != q->score) return p->score < q->score ? 1 : -1;
    return strcmp(p->name, q->name);
}

int main(void) {
    enum { N = 5000 };
    static int v[N];
    for (int i = 0; i < N; i++) v[i] = (int) (rnd() % 20001) - 10000;
    qsort(v, N, sizeof v[0], cmp_int);
    int ok = 1; long sum = 0;
    for (int i = 1; i < N; i++) ok &= v[i - 1] <= v[i];
    for (int i = 0; i < N; i++) sum += (long) v[i] * (i % 7);
    printf("ints sorted=%d min=%d max=%d median=%d weighted=%ld\n", ok, v[0], v[N - 1], v[N / 2], sum);
    CHECK(ok);
    int hits = 0, misses = 0;
    for (int key = -10000; key <= 10000; key += 37) {
        int *p = bsearch(&key, v, N, sizeof v[0], cmp_int);
        if (p) { hits++; CHECK(*p == key); } else misses++;
    }
    printf("bsearch hits=%d misses=%d\n", hits, misses);
    qsort(v, N, sizeof v[0], cmp_int_desc);
    ok = 1; for (int i = 1; i < N; i++) ok &= v[i - 1] >= v[i];
    CHECK(ok);
    printf("desc first=%d last=%d\n", v[0], v[N - 1]);

    static double d[1000];
    for (int i = 0; i < 1000; i++) d[i] = ((int) (rnd() % 100000) - 50000) / 7.0;
    qsort(d, 1000, sizeof d[0], cmp_double);
    ok = 1; for (int i = 1; i < 1000; i++) ok &= d[i - 1] <= d[i];
    printf("doubles sorted=%d first=%.6f last=%.6f d[500]=%.6f\n", ok, d[0], d[999], d[500]);
    CHECK(ok);

    const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "kiwi", "grape", "date", "elderberry", "lime",
                            "mango", "apricot", "blueberry", "cantaloupe", "nectarine", "olive", "papaya", "quince" };
    int nw = sizeof words / sizeof words[0];
    char **ws = malloc(sizeof(char *) * (size_t) nw);
    for (int i = 0; i < nw; i++) ws[i] = (char *) words[i];
    qsort(ws, (size_t) nw, sizeof ws[0], cmp_str);
    for (int i = 0; i < nw; i++) printf("word[%2d]=%s\n", i, ws[i]);
    const char *key = "kiwi";
    char **found = bsearch(&key, ws, (size_t) nw, sizeof ws[0], cmp_str);
    CHECK(found && strcmp(*found, "kiwi") == 0);
    const char *nokey = "zucchini";
    CHECK(bsearch(&nokey, ws, (size_t) nw, sizeof ws[0], cmp_str) == NULL);
    free(ws);

    struct person people[40];
    for (int i = 0; i < 40; i++) {
        snprintf(people[i].name, sizeof people[i].name, "p%02u", rnd() % 100);
        people[i].age = 20 + (int) (rnd() % 5);
        people[i].score = (double) (rnd() % 10) / 2.0;
    }
    qsort(people, 40, sizeof people[0], cmp_person);
    for (int i = 0; i < 40; i++) printf("%s age=%d score=%.1f\n", people[i].name, people[i].age, people[i].score);
    ok = 1; for (int i = 1; i < 40; i++) ok &= cmp_person(&people[i - 1], &people[i]) <= 0;
    CHECK(ok);
    printf("fails=%d\n", fails);
    return fails ? 1 : 33;
}
