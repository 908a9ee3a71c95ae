/* Reads all of standard input (the harness feeds a fixed text) and reports
 * like wc: lines, words, bytes, the longest line, letter frequencies, then
 * echoes every line reversed and numbered. Reads with getchar for the counts
 * and re-reads nothing (stdin is consumed once). Exit status: lines % 256. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

int main(void) {
    size_t cap = 1024, len = 0;
    char *text = malloc(cap);
    int ch;
    long lines = 0, words = 0, bytes = 0, longest = 0, cur = 0, longest_at = 0;
    int in_word = 0;
    long freq[26] = { 0 }, digits = 0, punct = 0;
    while ((ch = getchar()) != EOF) {
        if (len + 1 >= cap) { cap *= 2; text = realloc(text, cap); }
        text[len++] = (char) ch;
        bytes++;
        if (ch == '\n') { lines++; if (cur > longest) { longest = cur; longest_at = lines; } cur = 0; }
        else cur++;
        if (isspace(ch)) in_word = 0;
        else if (!in_word) { in_word = 1; words++; }
        if (isalpha(ch)) freq[tolower(ch) - 'a']++;
        else if (isdigit(ch)) digits++;
        else if (ispunct(ch)) punct++;
    }
    text[len] = 0;
    if (cur > longest) { longest = cur; longest_at = lines + 1; }
    printf("%7ld %7ld %7ld (stdin)\n", lines, words, bytes);
    printf("longest line: %ld chars (line %ld); digits=%ld punct=%ld unterminated=%d\n", longest, longest_at, digits, punct, cur > 0);
    for (int i = 0; i < 26; i++) if (freq[i]) printf("%c:%ld%s", 'a' + i, freq[i], i % 13 == 12 ? "\n" : " ");
    putchar('\n');
    long n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        size_t l = strlen(line);
        char *rev = malloc(l + 1);
        for (size_t i = 0; i < l; i++) rev[i] = line[l - 1 - i];
        rev[l] = 0;
        printf("%4ld| %s\n", ++n, rev);
        free(rev);
    }
    if (ferror(stdin)) { fprintf(stderr, "read error\n"); return 99; }
    free(text);
    return (int) (lines % 256);
}
