package org.jx86.ir;

/**
 * The IR's op set, declared once (STYLE.md §5). The printer, verifier, interpreter and
 * bytecode backend all read this table; a test checks each op has an interpreter and a
 * backend case.
 *
 * <p>Every value is a 64-bit integer. Narrow guest widths are explicit: {@code ZEXT}/{@code SEXT}
 * take the width in bytes in {@link Node#size}. Floating-point ops work on IEEE bit patterns
 * (double in a long, float in the low 32 bits), so the IR has one value type.
 */
public enum Op {
    CONST(0, Kind.PURE, "dst = c"),
    GET(0, Kind.READS_STATE, "dst = guest state slot c"),
    SET(1, Kind.EFFECT, "guest state slot c = a"),
    INSN(0, Kind.EFFECT, "a guest instruction starts at address c; faults after this point report c"),

    ADD(2, Kind.PURE, "dst = a + b (wraps)"),
    SUB(2, Kind.PURE, "dst = a - b (wraps)"),
    MUL(2, Kind.PURE, "dst = low 64 bits of a * b"),
    MULHU(2, Kind.PURE, "dst = high 64 bits of unsigned a * b"),
    MULHS(2, Kind.PURE, "dst = high 64 bits of signed a * b"),
    DIVU(2, Kind.PURE, "dst = unsigned a / b; b != 0 is guaranteed by the producer"),
    REMU(2, Kind.PURE, "dst = unsigned a % b; b != 0 is guaranteed by the producer"),
    DIVS(2, Kind.PURE, "dst = signed a / b; b != 0 and no overflow guaranteed by the producer"),
    REMS(2, Kind.PURE, "dst = signed a % b; b != 0 guaranteed by the producer"),
    AND(2, Kind.PURE, "dst = a & b"),
    OR(2, Kind.PURE, "dst = a | b"),
    XOR(2, Kind.PURE, "dst = a ^ b"),
    NOT(1, Kind.PURE, "dst = ~a"),
    NEG(1, Kind.PURE, "dst = -a"),
    SHL(2, Kind.PURE, "dst = a << (b & 63)"),
    SHR(2, Kind.PURE, "dst = a >>> (b & 63)"),
    SAR(2, Kind.PURE, "dst = a >> (b & 63)"),
    ROTL(2, Kind.PURE, "dst = low size bytes of a rotated left by b mod (8*size), zero-extended"),
    ROTR(2, Kind.PURE, "dst = low size bytes of a rotated right by b mod (8*size), zero-extended"),
    ZEXT(1, Kind.PURE, "dst = low size bytes of a, zero-extended"),
    SEXT(1, Kind.PURE, "dst = low size bytes of a, sign-extended"),
    CLZ(1, Kind.PURE, "dst = number of leading zeros of the 64-bit a (64 for 0)"),
    CTZ(1, Kind.PURE, "dst = number of trailing zeros of the 64-bit a (64 for 0)"),
    POPCNT(1, Kind.PURE, "dst = number of one bits in a"),
    BSWAP(1, Kind.PURE, "dst = the low size bytes of a in reverse order, zero-extended"),

    EQ(2, Kind.PURE, "dst = a == b ? 1 : 0"),
    NE(2, Kind.PURE, "dst = a != b ? 1 : 0"),
    LTS(2, Kind.PURE, "dst = a < b (signed) ? 1 : 0"),
    LES(2, Kind.PURE, "dst = a <= b (signed) ? 1 : 0"),
    LTU(2, Kind.PURE, "dst = a < b (unsigned) ? 1 : 0"),
    LEU(2, Kind.PURE, "dst = a <= b (unsigned) ? 1 : 0"),
    SELECT(3, Kind.PURE, "dst = a != 0 ? b : c"),

    FADD(2, Kind.PURE, "dst = a + b, IEEE binary64 (size 8) or binary32 (size 4), round to nearest"),
    FSUB(2, Kind.PURE, "dst = a - b, IEEE, size 8 or 4"),
    FMUL(2, Kind.PURE, "dst = a * b, IEEE, size 8 or 4"),
    FDIV(2, Kind.PURE, "dst = a / b, IEEE, size 8 or 4"),
    FSQRT(1, Kind.PURE, "dst = sqrt(a), IEEE, size 8 or 4"),
    I2F(1, Kind.PURE, "dst = signed 64-bit integer a converted to float of size (8 or 4), round to nearest"),
    F2F(1, Kind.PURE, "dst = a converted between binary32 and binary64; size is the result size"),

    LOAD(1, Kind.MEMORY, "dst = guest memory[a], size bytes, zero-extended"),
    STORE(2, Kind.MEMORY, "guest memory[a] = low size bytes of b"),
    CALL(-1, Kind.CALL, "dst = helper(args); flags of the helper say what it touches"),

    JUMP(0, Kind.TERMINATOR, "continue at block target"),
    BRANCH(1, Kind.TERMINATOR, "continue at block target if a != 0, else at block other"),
    EXIT(1, Kind.TERMINATOR, "leave the translation: next guest address a, exit code c (0 = normal)");

    /** How an op interacts with the world; drives dead-code elimination and code motion. */
    public enum Kind { PURE, READS_STATE, EFFECT, MEMORY, CALL, TERMINATOR }

    /** Number of value arguments, or -1 when variable (CALL). */
    public final int arity;
    public final Kind kind;
    public final String doc;

    Op(int arity, Kind kind, String doc) {
        this.arity = arity;
        this.kind = kind;
        this.doc = doc;
    }

    public boolean isTerminator() { return kind == Kind.TERMINATOR; }

    /** True when the op produces a value. */
    public boolean hasValue() {
        return switch (this) {
            case SET, INSN, STORE, JUMP, BRANCH, EXIT -> false;
            default -> true;
        };
    }

    /** True if removing an unused instance of this op changes nothing observable. */
    public boolean removableIfUnused() { return kind == Kind.PURE || kind == Kind.READS_STATE; }

    public boolean isFloat() {
        return switch (this) {
            case FADD, FSUB, FMUL, FDIV, FSQRT, I2F, F2F -> true;
            default -> false;
        };
    }
}
