/* Matrix multiplication with int32, int64 and double elements: naive ijk,
 * cache-friendly ikj and blocked variants must agree; transposes, identity
 * checks, a determinant by Gaussian elimination, and a power of a Fibonacci
 * matrix. Exit status: 0. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("FAIL line %d: %s\n", __LINE__, #cond); } } while (0)

enum { N = 48 };
static int32_t A[N][N], B[N][N], C1[N][N], C2[N][N];
static double DA[N][N], DB[N][N], DC1[N][N], DC2[N][N], DC3[N][N];

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = (i * 31 + j * 17) % 23 - 11;
            B[i][j] = (i * 13 + j * 7 + 5) % 19 - 9;
            DA[i][j] = sin(i + 0.5 * j);
            DB[i][j] = cos(i * 0.25 - j) + 0.01 * (i == j);
        }
    /* int ijk vs ikj */
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { int32_t s = 0; for (int k = 0; k < N; k++) s += A[i][k] * B[k][j]; C1[i][j] = s; }
    memset(C2, 0, sizeof C2);
    for (int i = 0; i < N; i++) for (int k = 0; k < N; k++) { int32_t a = A[i][k]; for (int j = 0; j < N; j++) C2[i][j] += a * B[k][j]; }
    CHECK(memcmp(C1, C2, sizeof C1) == 0);
    int64_t trace = 0, total = 0;
    for (int i = 0; i < N; i++) { trace += C1[i][i]; for (int j = 0; j < N; j++) total += C1[i][j]; }
    printf("int matmul trace=%lld total=%lld C[0][0..5]=%d %d %d %d %d %d\n", (long long) trace, (long long) total, C1[0][0], C1[0][1], C1[0][2], C1[0][3], C1[0][4], C1[0][5]);
    for (int i = 0; i < N; i += 8) { for (int j = 0; j < N; j += 6) printf("%7d", C1[i][j]); putchar('\n'); }

    /* double: ijk, ikj, blocked */
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { double s = 0; for (int k = 0; k < N; k++) s += DA[i][k] * DB[k][j]; DC1[i][j] = s; }
    memset(DC2, 0, sizeof DC2);
    for (int i = 0; i < N; i++) for (int k = 0; k < N; k++) { double a = DA[i][k]; for (int j = 0; j < N; j++) DC2[i][j] += a * DB[k][j]; }
    memset(DC3, 0, sizeof DC3);
    for (int ii = 0; ii < N; ii += 16) for (int kk = 0; kk < N; kk += 16) for (int jj = 0; jj < N; jj += 16)
        for (int i = ii; i < ii + 16; i++) for (int k = kk; k < kk + 16; k++) { double a = DA[i][k]; for (int j = jj; j < jj + 16; j++) DC3[i][j] += a * DB[k][j]; }
    double maxdiff = 0, dsum = 0;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {
        double d1 = fabs(DC1[i][j] - DC2[i][j]), d2 = fabs(DC1[i][j] - DC3[i][j]);
        if (d1 > maxdiff) maxdiff = d1; if (d2 > maxdiff) maxdiff = d2;
        dsum += DC1[i][j];
    }
    printf("double matmul sum=%.15g maxdiff<1e-12=%d DC1[3][7]=%.17g DC3[3][7]=%.17g\n", dsum, maxdiff < 1e-12, DC1[3][7], DC3[3][7]);
    CHECK(maxdiff < 1e-12);
    for (int i = 0; i < N; i += 12) { for (int j = 0; j < N; j += 12) printf(" %12.6f", DC1[i][j]); putchar('\n'); }

    /* determinant by Gaussian elimination with partial pivoting (8x8 leading block of DB) */
    double M[8][8]; double det = 1;
    for (int i = 0; i < 8; i++) for (int j = 0; j < 8; j++) M[i][j] = DB[i][j] + (i == j ? 2.0 : 0.0);
    for (int c = 0; c < 8; c++) {
        int p = c; for (int r = c + 1; r < 8; r++) if (fabs(M[r][c]) > fabs(M[p][c])) p = r;
        if (p != c) { for (int j = 0; j < 8; j++) { double t = M[c][j]; M[c][j] = M[p][j]; M[p][j] = t; } det = -det; }
        det *= M[c][c];
        for (int r = c + 1; r < 8; r++) { double f = M[r][c] / M[c][c]; for (int j = c; j < 8; j++) M[r][j] -= f * M[c][j]; }
    }
    printf("det=%.12g\n", det);

    /* 2x2 Fibonacci matrix power in int64 (mod 2^64 wraps) */
    uint64_t F[2][2] = { { 1, 1 }, { 1, 0 } }, R[2][2] = { { 1, 0 }, { 0, 1 } };
    unsigned e = 90;
    while (e) {
        if (e & 1) { uint64_t t[2][2] = { { R[0][0] * F[0][0] + R[0][1] * F[1][0], R[0][0] * F[0][1] + R[0][1] * F[1][1] }, { R[1][0] * F[0][0] + R[1][1] * F[1][0], R[1][0] * F[0][1] + R[1][1] * F[1][1] } }; memcpy(R, t, sizeof R); }
        uint64_t t[2][2] = { { F[0][0] * F[0][0] + F[0][1] * F[1][0], F[0][0] * F[0][1] + F[0][1] * F[1][1] }, { F[1][0] * F[0][0] + F[1][1] * F[1][0], F[1][0] * F[0][1] + F[1][1] * F[1][1] } };
        memcpy(F, t, sizeof F); e >>= 1;
    }
    printf("fib(90) via matrix=%llu\n", (unsigned long long) R[0][1]);
    CHECK(R[0][1] == 2880067194370816120ull);
    printf("fails=%d\n", fails);
    return fails;
}
