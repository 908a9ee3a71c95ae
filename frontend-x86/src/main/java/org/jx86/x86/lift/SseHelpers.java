package org.jx86.x86.lift;

import java.util.HashMap;
import java.util.Map;
import org.jx86.ir.Helper;

/**
 * Name-to-helper table for the SSE lifter, built once from the pure helper classes in
 * org.jx86.vmm.sse. Lane-wise helpers take (a, b) halves; cross-half ones end in Lo/Hi.
 */
final class SseHelpers {
    private SseHelpers() {}

    private static final Map<String, Helper> BY_NAME = new HashMap<>();

    static {
        for (Class<?> k : SseHelperClasses.CLASSES) {
            for (java.lang.reflect.Method m : k.getMethods()) {
                if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
                if (m.getReturnType() != long.class) continue;
                boolean allLong = true;
                for (Class<?> p : m.getParameterTypes()) allLong &= p == long.class;
                if (!allLong) continue;
                BY_NAME.putIfAbsent(m.getName(), Helper.of(k, m.getName(), Helper.PURE));
            }
        }
    }

    /** The helper of that name; fails loudly if the SSE helper library lacks it. */
    static Helper get(String name) {
        Helper h = BY_NAME.get(name);
        if (h == null) throw new IllegalStateException("no SSE helper " + name);
        return h;
    }

    /** The helper of that name, or null. */
    static Helper find(String name) { return BY_NAME.get(name); }
}
