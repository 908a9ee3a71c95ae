package org.jx86.runtime.profile;

import java.util.concurrent.locks.LockSupport;

/** A daemon thread that asks the vCPUs for a sample every interval (see {@link Instrumentation}). */
public final class Sampler {
    private final Instrumentation target;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long ticks;

    public Sampler(Instrumentation target, long intervalNanos) {
        this.target = target;
        this.intervalNanos = Math.max(10_000, intervalNanos);
        this.thread = new Thread(this::loop, "jx86-sampler");
        thread.setDaemon(true);
    }

    public long intervalNanos() { return intervalNanos; }

    public void start() { thread.start(); }

    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sample requests made so far. */
    public long ticks() { return ticks; }

    private void loop() {
        long next = System.nanoTime() + intervalNanos;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            target.requestSamples();
            ticks++;
            next += intervalNanos;
            if (next < System.nanoTime()) next = System.nanoTime() + intervalNanos;   // fell behind: do not burst
        }
    }
}
