/* String functions: strlen, memcpy, strcmp, strchr, memset in loops over generated text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS 4096

int main(void) {
    static char *strs[NS];
    uint32_t s = 7;
    for (int i = 0; i < NS; i++) {
        int len = 8 + (i * 37) % 250;
        strs[i] = malloc(len + 1);
        for (int k = 0; k < len; k++) { s = s * 1103515245u + 12345u; strs[i][k] = 'a' + (s >> 16) % 8; }
        strs[i][len] = 0;
    }
    static char buf[1 << 16];
    uint64_t h = 0;
    for (int r = 0; r < 4000; r++) {
        size_t off = 0;
        for (int i = 0; i < NS; i++) {
            const char *a = strs[i], *b = strs[(i + r + 1) % NS];
            size_t la = strlen(a);
            h += la;
            h = h * 3 + (strcmp(a, b) > 0);
            const char *c = strchr(a, 'h');
            h += c ? (size_t)(c - a) : 1000;
            if (off + la + 1 > sizeof buf) off = 0;
            memcpy(buf + off, a, la + 1);
            off += la;
        }
        memset(buf, 'x' + r % 2, 1024);
        h ^= strlen(buf);
    }
    printf("strings %016llx\n", (unsigned long long)h);
    return 0;
}
