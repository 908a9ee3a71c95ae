/* atexit handlers run in reverse order of registration after main returns,
 * can print and see global state, and a handler registered from within
 * another handler also runs. Output after main is still flushed. Also
 * tests on_exit-free portable behaviour only. Exit status: 9 (from main). */
#include <stdio.h>
#include <stdlib.h>

static int state = 1;
static int order[16], norder;

static void h1(void) { order[norder++] = 1; state = state * 10 + 1; printf("handler 1: state=%d order:", state); for (int i = 0; i < norder; i++) printf(" %d", order[i]); printf("\n"); }
static void h2(void) { order[norder++] = 2; state = state * 10 + 2; printf("handler 2: state=%d\n", state); }
static void late(void) { order[norder++] = 4; printf("late handler registered by handler 3, state=%d\n", state); }
static void h3(void) { order[norder++] = 3; state = state * 10 + 3; printf("handler 3: state=%d, registering another\n", state); atexit(late); }
static void hstderr(void) { fprintf(stderr, "stderr from atexit handler\n"); }

int main(void) {
    printf("registering handlers\n");
    if (atexit(h1) || atexit(h2) || atexit(hstderr) || atexit(h3)) { printf("atexit failed\n"); return 1; }
    for (int i = 0; i < 5; i++) printf("main working %d\n", i);
    state = 5;
    printf("main returns 9 with state=%d\n", state);
    return 9;
}
