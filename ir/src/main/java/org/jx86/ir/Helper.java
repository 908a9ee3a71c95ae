package org.jx86.ir;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * A static Java method that an IR {@link Op#CALL} invokes: the one home of a complex
 * instruction's semantics (STYLE.md §4). The IR interpreter calls it reflectively, the
 * backend with INVOKESTATIC, so both tiers share the same code.
 *
 * <p>Signature rules (checked here): public static; value parameters and the result are
 * {@code long} (or void); if {@link #CONTEXT} is set, the first parameter is the execution
 * context object (the vCPU), which the caller supplies.
 */
public final class Helper {
    /** The first parameter is the execution context (the vCPU). */
    public static final int CONTEXT = 1;
    /** No side effects, result depends only on the arguments: may be removed if unused. */
    public static final int PURE = 2;
    /** May throw a guest fault. */
    public static final int MAY_FAULT = 4;
    /** Reads or writes guest state slots through the context: the backend writes its cached
     *  slots back before the call and reloads them after. Implies CONTEXT. */
    public static final int SYNC_STATE = 8;
    /**
     * Runs guest code of its own (a linked call into another translation): a guest fault it
     * throws already carries the precise state of where it happened (cpu.rip and the slots),
     * so the caller passes it on untouched. Implies SYNC_STATE.
     */
    public static final int OWN_FAULTS = 16;

    public final Method method;
    public final int flags;
    public final int valueArgs;
    public final boolean returnsValue;

    private Helper(Method method, int flags) {
        this.method = method;
        if ((flags & OWN_FAULTS) != 0) flags |= SYNC_STATE | MAY_FAULT;
        this.flags = (flags & SYNC_STATE) != 0 ? flags | CONTEXT : flags;
        if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers()))
            throw new IllegalArgumentException("helper must be public static: " + method);
        Class<?>[] p = method.getParameterTypes();
        int first = has(CONTEXT) ? 1 : 0;
        if (first > p.length) throw new IllegalArgumentException("helper needs a context parameter: " + method);
        for (int i = first; i < p.length; i++)
            if (p[i] != long.class) throw new IllegalArgumentException("helper parameters must be long: " + method);
        Class<?> r = method.getReturnType();
        if (r != long.class && r != void.class)
            throw new IllegalArgumentException("helper must return long or void: " + method);
        this.valueArgs = p.length - first;
        this.returnsValue = r == long.class;
    }

    /** Finds {@code owner.name} with the given number of long value parameters. */
    public static Helper of(Class<?> owner, String name, int flags) {
        Method found = null;
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(name)) {
                if (found != null) throw new IllegalArgumentException("overloaded helper " + owner.getName() + "." + name);
                found = m;
            }
        }
        return new Helper(Objects.requireNonNull(found, () -> "no helper " + owner.getName() + "." + name), flags);
    }

    public boolean has(int flag) { return (flags & flag) != 0; }

    public String name() { return method.getDeclaringClass().getSimpleName() + "." + method.getName(); }

    @Override
    public String toString() { return name(); }
}
