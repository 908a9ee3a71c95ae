/* A small interpreter: an RPN calculator with a stack, variables, integer
 * and double modes, user-defined words (like a tiny Forth) and loops, running
 * an embedded program. Exit status: top of stack modulo 256. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static double stack[256];
static int sp;
static double vars[26];
static char words[16][16];
static char bodies[16][256];
static int nwords;
static long ops_executed;

static void push(double v) { if (sp < 256) stack[sp++] = v; else { puts("stack overflow"); exit(2); } }
static double pop(void) { if (sp > 0) return stack[--sp]; puts("stack underflow"); exit(3); }

static void run(const char *src, int depth);

static void exec_token(const char *t, int depth) {
    ops_executed++;
    char *end;
    double v = strtod(t, &end);
    if (*t && *end == 0 && (isdigit((unsigned char) t[0]) || (t[0] == '-' && t[1]))) { push(v); return; }
    if (!strcmp(t, "+")) { double b = pop(), a = pop(); push(a + b); }
    else if (!strcmp(t, "-")) { double b = pop(), a = pop(); push(a - b); }
    else if (!strcmp(t, "*")) { double b = pop(), a = pop(); push(a * b); }
    else if (!strcmp(t, "/")) { double b = pop(), a = pop(); push(a / b); }
    else if (!strcmp(t, "mod")) { long b = (long) pop(), a = (long) pop(); push((double) (a % b)); }
    else if (!strcmp(t, "dup")) { double a = pop(); push(a); push(a); }
    else if (!strcmp(t, "swap")) { double b = pop(), a = pop(); push(b); push(a); }
    else if (!strcmp(t, "over")) { double b = pop(), a = pop(); push(a); push(b); push(a); }
    else if (!strcmp(t, "drop")) { pop(); }
    else if (!strcmp(t, "<")) { double b = pop(), a = pop(); push(a < b); }
    else if (!strcmp(t, "=")) { double b = pop(), a = pop(); push(a == b); }
    else if (!strcmp(t, ".")) { printf("%.10g\n", pop()); }
    else if (!strcmp(t, ".s")) { printf("<%d>", sp); for (int i = 0; i < sp; i++) printf(" %.10g", stack[i]); putchar('\n'); }
    else if (t[0] == '!' && t[1] >= 'a' && t[1] <= 'z' && !t[2]) vars[t[1] - 'a'] = pop();
    else if (t[0] == '@' && t[1] >= 'a' && t[1] <= 'z' && !t[2]) push(vars[t[1] - 'a']);
    else {
        for (int i = 0; i < nwords; i++)
            if (!strcmp(words[i], t)) { if (depth > 64) { puts("too deep"); exit(4); } run(bodies[i], depth + 1); return; }
        printf("unknown word '%s'\n", t);
        exit(5);
    }
}

/* syntax: ": name body ;" defines, "[ body ] times" repeats body N times,
   "[ then ] [ else ] if" conditionals */
static const char *skip_block(const char *p, char *out) {
    int level = 1; const char *s = p; size_t n;
    while (*p && level) { if (*p == '[') level++; if (*p == ']') level--; p++; }
    n = (size_t) (p - s - 1);
    memcpy(out, s, n); out[n] = 0;
    return p;
}

static void run(const char *src, int depth) {
    char tok[64];
    const char *p = src;
    char blocks[2][512]; int nblocks = 0;
    while (*p) {
        while (*p && isspace((unsigned char) *p)) p++;
        if (!*p) break;
        if (*p == '[') { if (nblocks == 2) { memcpy(blocks[0], blocks[1], sizeof blocks[1]); nblocks = 1; } p = skip_block(p + 1, blocks[nblocks++]); continue; }
        int n = 0;
        while (*p && !isspace((unsigned char) *p) && n < 63) tok[n++] = *p++;
        tok[n] = 0;
        if (!strcmp(tok, ":")) {
            while (isspace((unsigned char) *p)) p++;
            n = 0; while (*p && !isspace((unsigned char) *p)) words[nwords][n++] = *p++;
            words[nwords][n] = 0;
            const char *semi = strchr(p, ';');
            memcpy(bodies[nwords], p, (size_t) (semi - p)); bodies[nwords][semi - p] = 0;
            nwords++; p = semi + 1;
        } else if (!strcmp(tok, "times")) {
            long count = (long) pop();
            char body[512]; strcpy(body, blocks[nblocks - 1]); nblocks--;
            for (long i = 0; i < count; i++) run(body, depth + 1);
        } else if (!strcmp(tok, "if")) {
            char thenb[512], elseb[512]; strcpy(thenb, blocks[0]); strcpy(elseb, blocks[1]); nblocks = 0;
            if (pop() != 0) run(thenb, depth + 1); else run(elseb, depth + 1);
        } else exec_token(tok, depth);
    }
}

static const char *program =
    "1 2 + 3 * . \n"
    "10 3 / . 10 3 mod . 2 0.5 - . \n"
    ": sq dup * ; : cube dup sq * ; \n"
    "7 sq . 5 cube . \n"
    "0 !s 1 !i [ @s @i sq + !s @i 1 + !i ] 100 times @s . \n"
    "1 !a 1 !b [ @a @b + @b !a !b @a . ] 20 times \n"
    "1 !f 1 !n [ @f @n * !f @n 1 + !n ] 20 times @f . \n"
    "3 4 < [ 111 . ] [ 222 . ] if 4 3 < [ 333 . ] [ 444 . ] if \n"
    ": collatz dup 2 mod [ 3 * 1 + ] [ 2 / ] if ; \n"
    "27 [ collatz dup . ] 30 times !c \n"
    "1 2 3 4 5 .s over .s swap .s drop drop drop .s \n"
    "0 !x 0 !y [ @x 1 + !x @x @x * @y + !y ] 1000 times @y . \n"
    "@y 1000 mod 55 + \n";

int main(void) {
    run(program, 0);
    printf("ops executed=%ld stack depth=%d words=%d\n", ops_executed, sp, nwords);
    double top = sp ? stack[sp - 1] : -1;
    printf("top=%.10g\n", top);
    return (int) ((long) top & 0xFF);
}
