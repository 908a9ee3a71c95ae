package org.jx86.x86.lift;

/** The classes whose public static long methods make up the SSE helper library. */
final class SseHelperClasses {
    private SseHelperClasses() {}

    static final Class<?>[] CLASSES = {
        org.jx86.vmm.sse.Lanes.class, org.jx86.vmm.sse.Shuffles.class, org.jx86.vmm.sse.Scalar.class,
    };
}
