/* Start-up probe: the smallest static program. */
#include <stdio.h>

int main(void) {
    puts("hello");
    return 0;
}
