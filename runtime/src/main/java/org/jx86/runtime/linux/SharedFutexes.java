package org.jx86.runtime.linux;

import java.util.Map;
import java.util.WeakHashMap;
import org.jx86.vmm.mem.SharedFrames;

/**
 * The futex queues of each MAP_SHARED object, keyed by byte offset in it, so a
 * process-shared mutex, semaphore or barrier in shared memory wakes waiters in every process
 * that maps it. Weak: the queues go when the object does.
 */
final class SharedFutexes {
    private SharedFutexes() {}

    private static final Map<SharedFrames, Futexes> QUEUES = new WeakHashMap<>();

    static synchronized Futexes of(SharedFrames shared) {
        return QUEUES.computeIfAbsent(shared, k -> new Futexes());
    }
}
