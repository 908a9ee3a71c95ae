/* malloc-heavy code: singly and doubly linked lists, a binary search tree
 * with deletion, realloc growth of a dynamic array, calloc zeroing, free in
 * mixed orders and many small/large allocations. Prints only values, never
 * addresses. Exit status: 0. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

struct node { int value; struct node *next; };
struct dnode { long key; struct dnode *prev, *next; char payload[24]; };
struct tree { int key; int count; struct tree *left, *right; };

static uint32_t rng = 12345;
static uint32_t rnd(void) { rng = rng * 1103515245u + 12345u; return (rng >> 8) & 0xFFFFFF; }

static struct node *push(struct node *head, int v) { struct node *n = malloc(sizeof *n); n->value = v; n->next = head; return n; }
static struct node *reverse(struct node *h) { struct node *p = NULL; while (h) { struct node *n = h->next; h->next = p; p = h; h = n; } return p; }
static struct node *merge_sort(struct node *h) {
    if (!h || !h->next) return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *b = slow->next; slow->next = NULL;
    struct node *a = merge_sort(h); b = merge_sort(b);
    struct node dummy, *t = &dummy;
    while (a && b) { if (a->value <= b->value) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; }
    t->next = a ? a : b;
    return dummy.next;
}

static struct tree *insert(struct tree *t, int key) {
    if (!t) { t = calloc(1, sizeof *t); t->key = key; t->count = 1; return t; }
    if (key < t->key) t->left = insert(t->left, key);
    else if (key > t->key) t->right = insert(t->right, key);
    else t->count++;
    return t;
}
static struct tree *erase(struct tree *t, int key) {
    if (!t) return NULL;
    if (key < t->key) t->left = erase(t->left, key);
    else if (key > t->key) t->right = erase(t->right, key);
    else {
        if (!t->left) { struct tree *r = t->right; free(t); return r; }
        if (!t->right) { struct tree *l = t->left; free(t); return l; }
        struct tree *m = t->right; while (m->left) m = m->left;
        t->key = m->key; t->count = m->count; m->count = 1;
        t->right = erase(t->right, m->key);
    }
    return t;
}
static int height(struct tree *t) { if (!t) return 0; int a = height(t->left), b = height(t->right); return 1 + (a > b ? a : b); }
static long inorder(struct tree *t, int *n, int *sorted, int *prev) {
    if (!t) return 0;
    long s = inorder(t->left, n, sorted, prev);
    if (*prev > t->key) *sorted = 0;
    *prev = t->key; (*n)++;
    s += (long) t->key * t->count;
    return s + inorder(t->right, n, sorted, prev);
}
static void free_tree(struct tree *t) { if (t) { free_tree(t->left); free_tree(t->right); free(t); } }

int main(void) {
    /* singly linked list */
    struct node *list = NULL;
    for (int i = 0; i < 3000; i++) list = push(list, (int) (rnd() % 10000));
    list = merge_sort(list);
    int n = 0, sorted = 1; long sum = 0; int prev = -1;
    for (struct node *p = list; p; p = p->next) { if (p->value < prev) sorted = 0; prev = p->value; sum += p->value; if (n++ % 300 == 0) printf("list[%d]=%d\n", n - 1, p->value); }
    printf("list n=%d sum=%ld sorted=%d\n", n, sum, sorted);
    CHECK(n == 3000 && sorted);
    list = reverse(list);
    printf("reversed head=%d\n", list->value);
    while (list) { struct node *nx = list->next; free(list); list = nx; }

    /* doubly linked list with deletion from the middle */
    struct dnode *head = NULL, *tail = NULL;
    for (long k = 0; k < 500; k++) {
        struct dnode *d = malloc(sizeof *d);
        d->key = k * k; snprintf(d->payload, sizeof d->payload, "item-%ld", k);
        d->prev = tail; d->next = NULL;
        if (tail) tail->next = d; else head = d;
        tail = d;
    }
    int removed = 0;
    for (struct dnode *d = head; d;) {
        struct dnode *nx = d->next;
        if (d->key % 3 == 0) {
            if (d->prev) d->prev->next = d->next; else head = d->next;
            if (d->next) d->next->prev = d->prev; else tail = d->prev;
            free(d); removed++;
        }
        d = nx;
    }
    int cnt = 0; long ksum = 0;
    for (struct dnode *d = tail; d; d = d->prev) { cnt++; ksum += d->key; }
    printf("dlist removed=%d left=%d keysum=%ld head=%s tail=%s\n", removed, cnt, ksum, head->payload, tail->payload);
    CHECK(removed == 167 && cnt == 333);
    while (head) { struct dnode *nx = head->next; free(head); head = nx; }

    /* binary search tree */
    struct tree *root = NULL;
    for (int i = 0; i < 2000; i++) root = insert(root, (int) (rnd() % 1500));
    int tn = 0, ts = 1, tp = -1;
    long tsum = inorder(root, &tn, &ts, &tp);
    printf("tree distinct=%d sum=%ld height=%d sorted=%d\n", tn, tsum, height(root), ts);
    for (int k = 0; k < 1500; k += 2) root = erase(root, k);
    tn = 0; ts = 1; tp = -1;
    tsum = inorder(root, &tn, &ts, &tp);
    printf("tree after erase distinct=%d sum=%ld height=%d sorted=%d\n", tn, tsum, height(root), ts);
    CHECK(ts);
    free_tree(root);

    /* realloc growth */
    size_t cap = 1, len = 0; uint64_t *arr = malloc(cap * sizeof *arr);
    int reallocs = 0;
    for (uint64_t i = 0; i < 100000; i++) {
        if (len == cap) { cap = cap * 3 / 2 + 1; arr = realloc(arr, cap * sizeof *arr); reallocs++; }
        arr[len++] = i * i;
    }
    uint64_t acc = 0; for (size_t i = 0; i < len; i++) acc += arr[i] ^ i;
    printf("realloc len=%zu cap=%zu reallocs=%d acc=%llu\n", len, cap, reallocs, (unsigned long long) acc);
    arr = realloc(arr, 10 * sizeof *arr);
    CHECK(arr[9] == 81);
    free(arr);

    /* calloc and many sizes, freed in interleaved order */
    void *blocks[256];
    size_t total = 0;
    for (int i = 0; i < 256; i++) {
        size_t sz = (size_t) (i % 17 == 0 ? 70000 + i * 1000 : 1 + (rnd() % 700));
        unsigned char *b = calloc(sz, 1);
        int zero = 1; for (size_t j = 0; j < sz; j += 37) zero &= b[j] == 0;
        CHECK(zero);
        memset(b, i & 0xFF, sz); total += sz;
        blocks[i] = b;
    }
    for (int pass = 0; pass < 3; pass++)
        for (int i = pass; i < 256; i += 3) { CHECK(((unsigned char *) blocks[i])[0] == (i & 0xFF)); free(blocks[i]); }
    printf("allocated total=%zu\n", total);
    char *s = strdup("duplicated string");
    s = realloc(s, 1000); strcat(s, " + appended");
    printf("%s\n", s); free(s);
    printf("fails=%d\n", fails);
    return fails;
}
