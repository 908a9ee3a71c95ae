package org.jx86.ir;

/**
 * The canonical text form of the IR, one node per line:
 * {@code %7 = add %3, %6}, {@code set.16 %7}, {@code %9 = load.4 %8}, {@code exit %10, 0}.
 */
public final class IrPrinter {
    private IrPrinter() {}

    public static String format(IrFunction fn) {
        StringBuilder sb = new StringBuilder();
        sb.append("function @").append(Long.toHexString(fn.guestEntry)).append('\n');
        for (Block b : fn.blocks) {
            sb.append("b").append(b.index).append(":\n");
            for (Node n : b.nodes) sb.append("  ").append(format(n)).append('\n');
        }
        return sb.toString();
    }

    public static String format(Node n) {
        StringBuilder sb = new StringBuilder();
        if (n.op.hasValue()) sb.append('%').append(n.id).append(" = ");
        sb.append(n.op.name().toLowerCase());
        switch (n.op) {
            case CONST -> sb.append(" 0x").append(Long.toHexString(n.c));
            case GET -> sb.append('.').append(n.c);
            case SET -> sb.append('.').append(n.c);
            case INSN -> sb.append(" 0x").append(Long.toHexString(n.c));
            case LOAD, STORE, ZEXT, SEXT, ROTL, ROTR, BSWAP, FADD, FSUB, FMUL, FDIV, FSQRT, I2F, F2F ->
                    sb.append('.').append(n.size);
            case CALL -> sb.append(' ').append(n.helper.name());
            default -> { }
        }
        for (int i = 0; i < n.args.length; i++) sb.append(i == 0 ? " " : ", ").append('%').append(n.args[i].id);
        if (n.op == Op.JUMP) sb.append(" b").append(n.target.index);
        if (n.op == Op.BRANCH) sb.append(", b").append(n.target.index).append(", b").append(n.other.index);
        if (n.op == Op.EXIT) sb.append(", ").append(n.c);
        return sb.toString();
    }
}
