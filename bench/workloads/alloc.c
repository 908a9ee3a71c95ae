/* Allocation churn: malloc/free of small nodes, linked lists and a binary tree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *l, *r; uint64_t v; };

static struct node *build(int depth, uint64_t v) {
    struct node *n = malloc(sizeof *n);
    n->v = v;
    n->l = depth ? build(depth - 1, 2 * v) : NULL;
    n->r = depth ? build(depth - 1, 2 * v + 1) : NULL;
    return n;
}

static uint64_t check(struct node *n) {
    if (!n) return 0;
    uint64_t s = n->v + check(n->l) * 3 + check(n->r);
    free(n);
    return s;
}

int main(void) {
    uint64_t h = 0;
    for (int i = 0; i < 100; i++) h = h * 7 + check(build(16, i));
    uint32_t s = 1;
    struct node *list = NULL;
    for (int r = 0; r < 8000000; r++) {
        s = s * 1103515245u + 12345u;
        if ((s >> 16) % 3 != 0 || !list) {
            struct node *n = malloc(16 + (s >> 20) % 64);
            n->l = list; n->v = s; list = n;
        } else {
            struct node *n = list; list = n->l; h += n->v; free(n);
        }
    }
    while (list) { struct node *n = list; list = n->l; h ^= n->v; free(n); }
    printf("alloc %016llx\n", (unsigned long long)h);
    return 0;
}
