/* A brainfuck interpreter with precomputed jump targets running embedded
 * programs: hello world, a squares printer and a cell-size probe; also
 * counts executed instructions. Exit status: 44 on success. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

static char outbuf[65536];
static size_t outlen;

static long run_bf(const char *prog, const char *input) {
    static int jump[8192];
    static uint8_t tape[30000];
    int stack[512], sp = 0, n = (int) strlen(prog);
    for (int i = 0; i < n; i++) {
        if (prog[i] == '[') stack[sp++] = i;
        else if (prog[i] == ']') { int j = stack[--sp]; jump[i] = j; jump[j] = i; }
    }
    memset(tape, 0, sizeof tape);
    int ptr = 0; long steps = 0; outlen = 0;
    for (int pc = 0; pc < n; pc++) {
        steps++;
        switch (prog[pc]) {
        case '>': ptr++; break;
        case '<': ptr--; break;
        case '+': tape[ptr]++; break;
        case '-': tape[ptr]--; break;
        case '.': outbuf[outlen++] = (char) tape[ptr]; break;
        case ',': tape[ptr] = (uint8_t) (*input ? *input++ : 0); break;
        case '[': if (!tape[ptr]) pc = jump[pc]; break;
        case ']': if (tape[ptr]) pc = jump[pc]; break;
        default: steps--; break;
        }
    }
    outbuf[outlen] = 0;
    return steps;
}

static const char *hello =
    "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++.";
/* prints squares 0..10000 (by Daniel B Cristofani, public domain) */
static const char *squares =
    "++++[>+++++<-]>[<+++++>-]+<+[>[>+>+<<-]++>>[<<+>>-]>>>[-]++>[-]+>>>+[[-]++++++>>>]<<<[[<++++++++<++>>-]+<.<[>----<-]<]"
    "<<[>>>>>[>>>[-]+++++++++<[>-<-]+++++++++>[-[<->-]+[<<<]]<[>+<-]>]<<-]<<-]";
static const char *reverse = ">,[>,]<[.<]";
static const char *cellsize = "++++++++[>++++++++<-]>[<++++>-]+<[>-<[>++++<-]>[<++++++++>-]<[>++++++++<-]+>[>++++++++++[>+++++<-]>+.-.[-]<<[-]<->] <[>>+++++++[>+++++++<-]>.+++++.[-]<<<-]] >[>++++++++[>+++++++<-]>.[-]<<-]<+++++++++++[>+++>+++++++++>+++++++++>+<<<<-]>-.>-.+++++++.+++++++++++.<.>>.++.+++++++..<-.>>-[[-]<]";

int main(void) {
    long s = run_bf(hello, "");
    printf("hello: %s(steps=%ld)\n", outbuf, s);
    CHECK(strcmp(outbuf, "Hello World!\n") == 0);
    s = run_bf(squares, "");
    printf("squares output %zu bytes, steps=%ld\n%s", outlen, s, outbuf);
    CHECK(strstr(outbuf, "\n10000\n") != NULL);
    s = run_bf(reverse, "differential testing on the JVM");
    printf("reverse: %s (steps=%ld)\n", outbuf, s);
    CHECK(strcmp(outbuf, "MVJ eht no gnitset laitnereffid") == 0);
    s = run_bf(cellsize, "");
    printf("cellsize: %s(steps=%ld)\n", outbuf, s);
    printf("fails=%d\n", fails);
    return fails ? 1 : 44;
}
