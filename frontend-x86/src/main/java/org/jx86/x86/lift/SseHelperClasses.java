package org.jx86.x86.lift;

/** The classes whose public static long methods make up the SSE helper library. */
final class SseHelperClasses {
    private SseHelperClasses() {}

    static final Class<?>[] CLASSES = {
        org.jx86.vmm.sse.SseInt.class, org.jx86.vmm.sse.SseShuffle.class, org.jx86.vmm.sse.SseFp.class,
        org.jx86.vmm.sse.SseCvt.class, org.jx86.vmm.sse.SseString.class, org.jx86.vmm.sse.Crc32c.class,
    };
}
