/* The bundled demo guest: what `./jx86` runs when no program is named.
 * Built as a static x86-64 binary at build time (runtime/pom.xml). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_prime(unsigned n) {
    if (n < 2) return 0;
    for (unsigned d = 2; d * d <= n; d++)
        if (n % d == 0) return 0;
    return 1;
}

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
    printf("Hello from an x86-64 guest running on the JVM under jx86!\n");
    printf("primes below 60:");
    for (unsigned n = 0; n < 60; n++)
        if (is_prime(n)) printf(" %u", n);
    printf("\nfib(25) = %lu\n", fib(25));
    char buf[64];
    snprintf(buf, sizeof buf, "%s has %d argument(s)", argv[0], argc - 1);
    printf("%s; sqrt(2) ~ %.6f\n", strrchr(buf, '/') ? strrchr(buf, '/') + 1 : buf, 1.41421356);
    return 0;
}
