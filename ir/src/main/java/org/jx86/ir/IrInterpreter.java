package org.jx86.ir;

import java.lang.reflect.InvocationTargetException;

/**
 * Executes IR directly: the reference the bytecode backend is tested against, and a
 * possible tier 0. Slow by design; clarity over speed.
 */
public final class IrInterpreter {
    private IrInterpreter() {}

    /** Runs fn to an EXIT and returns the next guest address. */
    public static long run(IrFunction fn, IrEnv env) {
        long[] v = new long[fn.idLimit()];
        Block b = fn.entry();
        long insn = fn.guestEntry;
        while (true) {
            for (Node n : b.nodes) {
                try {
                    switch (n.op) {
                        case CONST -> v[n.id] = n.c;
                        case GET -> v[n.id] = env.get((int) n.c);
                        case SET -> env.set((int) n.c, v[n.args[0].id]);
                        case INSN -> insn = n.c;
                        case SELECT -> v[n.id] = v[n.args[0].id] != 0 ? v[n.args[1].id] : v[n.args[2].id];
                        case LOAD -> v[n.id] = env.load(n.size, v[n.args[0].id]);
                        case STORE -> env.store(n.size, v[n.args[0].id], v[n.args[1].id]);
                        case CALL -> {
                            long r = call(n, v, env);
                            if (n.helper.returnsValue) v[n.id] = r;
                        }
                        case JUMP -> b = n.target;
                        case BRANCH -> b = v[n.args[0].id] != 0 ? n.target : n.other;
                        case EXIT -> {
                            if (n.c != 0) env.exitCode((int) n.c);
                            return v[n.args[0].id];
                        }
                        default -> v[n.id] = n.args.length == 1
                                ? Semantics.eval1(n.op, n.size, v[n.args[0].id])
                                : Semantics.eval2(n.op, n.size, v[n.args[0].id], v[n.args[1].id]);
                    }
                } catch (RuntimeException e) {
                    if (n.op != Op.CALL || !n.helper.has(Helper.OWN_FAULTS)) env.faultAt(insn);
                    throw e;
                }
            }
        }
    }

    private static long call(Node n, long[] v, IrEnv env) {
        Helper h = n.helper;
        int off = h.has(Helper.CONTEXT) ? 1 : 0;
        Object[] a = new Object[n.args.length + off];
        if (off == 1) a[0] = env.context();
        for (int i = 0; i < n.args.length; i++) a[i + off] = v[n.args[i].id];
        try {
            Object r = h.method.invoke(null, a);
            return r == null ? 0 : (Long) r;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
