package org.jx86.runtime.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jx86.runtime.ExecutionListener;
import org.jx86.runtime.Translation;
import org.jx86.vmm.Cpu;

/**
 * The engine listener behind {@code jx86 profile} and {@code -d}: records every translated
 * block ({@link BlockInfo}), and per vCPU keeps a call-stack shadow and takes the samples the
 * {@link Sampler} asks for, and writes the {@code -d} log.
 *
 * <p>Sampling is cooperative: the sampler thread sets a volatile flag on each vCPU's probe;
 * the vCPU sees it at its next dispatch and records the block it is about to run with the
 * current shadow stack. The dispatch path therefore reads one volatile boolean (a plain load
 * on x86) and updates the shadow stack from primitive arrays: no allocation, no lock. Samples
 * cannot land inside a syscall; a request made while the vCPU is blocked is served when it
 * runs again (counted once).
 */
public final class Instrumentation implements ExecutionListener {
    private final Symbolizer symbols = new Symbolizer();
    private final boolean profiling;
    private final DebugLog log;
    private final List<BlockInfo> blocks = new ArrayList<>();
    private final Map<Translation, BlockInfo> byTranslation = new java.util.IdentityHashMap<>();
    private final List<VcpuProbe> probes = new CopyOnWriteArrayList<>();
    /** Sample counts per stack: caller blocks' addresses outermost first, then the sampled block. */
    private final Map<StackKey, long[]> stacks = new HashMap<>();
    private long samples;
    private int nextCpu;

    /**
     * @param profiling keep shadow stacks and take samples
     * @param log       the -d log, or null
     */
    public Instrumentation(boolean profiling, DebugLog log) {
        this.profiling = profiling;
        this.log = log;
    }

    @Override
    public void lifted(Cpu cpu, long rip, long end) {
        if (log != null && log.inAsm) log.inAsm(rip, GuestCode.read(cpu, rip, end), symbols.locate(cpu, rip));
    }

    @Override
    public void translated(Cpu cpu, Translation t) { register(cpu, t); }


    private BlockInfo register(Cpu cpu, Translation t) {
        byte[] code = GuestCode.read(cpu, t.rip, t.end);
        int[] summary = GuestCode.summarize(code, t.rip);
        BlockInfo b = new BlockInfo(t, code, summary[0], summary[1], symbols.locate(cpu, t.rip));
        // Only blocks that end in CALL or RET are marked on the translation: the dispatch probe's
        // hot path then reads one field and finds null for every other block.
        if (b.kind != GuestCode.OTHER) t.profile = b;
        synchronized (this) {
            blocks.add(b);
            byTranslation.put(t, b);
        }
        return b;
    }

    /** The record of t, made now if t was never announced (cold: samples and -d exec only). */
    private BlockInfo info(Cpu cpu, Translation t) {
        BlockInfo b;
        synchronized (this) {
            b = byTranslation.get(t);
        }
        return b != null ? b : register(cpu, t);
    }

    @Override
    public ExecutionListener.Probe started(Cpu cpu) {
        if (!profiling && (log == null || !log.exec)) return null;
        int id;
        synchronized (this) {
            id = nextCpu++;
        }
        VcpuProbe p = new VcpuProbe(cpu, id);
        probes.add(p);
        return p;
    }

    /** Asks every vCPU for one sample at its next dispatch (sampler thread). */
    void requestSamples() {
        for (VcpuProbe p : probes) p.sampleRequested = true;
    }

    private synchronized void sample(VcpuProbe p, BlockInfo b) {
        samples++;
        b.samples++;
        int n = Math.min(p.depth, VcpuProbe.MAX_DEPTH);
        long[] key = Arrays.copyOf(p.callers, n + 1);
        key[n] = b.rip;
        stacks.computeIfAbsent(new StackKey(key), k -> new long[1])[0]++;
    }

    synchronized long samples() { return samples; }

    synchronized List<BlockInfo> blocks() { return new ArrayList<>(blocks); }

    /** Stack samples with the frame names (outermost first). */
    synchronized Map<List<String>, Long> namedStacks() {
        Map<Long, String> frameOf = new HashMap<>();
        for (BlockInfo b : blocks) frameOf.putIfAbsent(b.rip, b.frame());
        Map<List<String>, Long> out = new HashMap<>();
        for (Map.Entry<StackKey, long[]> e : stacks.entrySet()) {
            long[] k = e.getKey().rips;
            List<String> names = new ArrayList<>(k.length);
            for (long rip : k) names.add(frameOf.getOrDefault(rip, "0x" + Long.toHexString(rip)));
            out.merge(names, e.getValue()[0], Long::sum);
        }
        return out;
    }

    private record StackKey(long[] rips) {
        @Override
        public boolean equals(Object o) { return o instanceof StackKey k && Arrays.equals(rips, k.rips); }

        @Override
        public int hashCode() { return Arrays.hashCode(rips); }
    }

    /** Per-vCPU dispatch observer: the shadow stack, sample requests and the exec trace. */
    final class VcpuProbe implements ExecutionListener.Probe {
        static final int MAX_DEPTH = 512;
        private final Cpu cpu;
        private final int id;
        volatile boolean sampleRequested;
        /** Block address of each active call site, and the return address it expects. */
        final long[] callers = new long[MAX_DEPTH];
        private final long[] returns = new long[MAX_DEPTH];
        int depth;
        /** RET when the block that ran last ended in RET (its target is the block now dispatched). */
        private int prevKind = GuestCode.OTHER;
        private final boolean trace = log != null && log.exec;
        /** Non-zero when the next dispatch must take the slow path (after CALL/RET, or tracing). */
        private int pending = trace ? 1 : 0;

        VcpuProbe(Cpu cpu, int id) {
            this.cpu = cpu;
            this.id = id;
        }

        /**
         * The hot path, small enough for HotSpot to inline into the dispatch loop: a block that
         * neither ends in CALL/RET, nor follows one, nor is due a sample costs three loads and
         * a branch, and stores nothing.
         */
        @Override
        public void executing(Translation t) {
            Object o = t.profile;
            if (o != null | pending != 0 | sampleRequested) slowPath(t, (BlockInfo) o);
        }

        private void slowPath(Translation t, BlockInfo callOrRet) {
            if (profiling) {
                if (prevKind == GuestCode.RET) pop(t.rip);
                // A block ending in CALL pushes its frame as it is dispatched: the call is the
                // block's last instruction, and if the block faults first, the RET matching in
                // pop() discards the stray frame. Only a RET's target needs the next dispatch.
                if (sampleRequested) {   // before the push: a sampled CALL block is still in its caller's frame
                    sampleRequested = false;
                    sample(this, info(cpu, t));
                }
                int kind = callOrRet != null ? callOrRet.kind : GuestCode.OTHER;
                if (kind == GuestCode.CALL) push(t.rip, t.end);
                prevKind = kind == GuestCode.RET ? GuestCode.RET : GuestCode.OTHER;
            }
            pending = trace ? 1 : prevKind;
            if (trace) log.exec(id, info(cpu, t));
        }

        private void push(long caller, long ret) {
            if (depth < MAX_DEPTH) {
                callers[depth] = caller;
                returns[depth] = ret;
            }
            depth++;
        }

        /** Pops to the frame expecting this return address; a RET to anywhere else leaves the stack. */
        private void pop(long target) {
            if (depth > MAX_DEPTH) {
                depth--;
                return;
            }
            for (int i = depth - 1; i >= 0 && i >= depth - 64; i--) {
                if (returns[i] == target) {
                    depth = i;
                    return;
                }
            }
        }
    }
}
