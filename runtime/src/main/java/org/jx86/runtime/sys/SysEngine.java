package org.jx86.runtime.sys;

import java.util.concurrent.locks.LockSupport;
import org.jx86.ir.IrInterpreter;
import org.jx86.jit.CpuEnv;
import org.jx86.runtime.Translation;
import org.jx86.runtime.Translator;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.ExitCode;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;
import org.jx86.vmm.sys.Access;
import org.jx86.vmm.sys.Lam;
import org.jx86.vmm.sys.SysVcpu;
import org.jx86.vmm.sys.X2Apic;
import org.jx86.x86.lift.LamUntag;

/**
 * The system-mode dispatch loop of one vCPU: the user-mode {@link org.jx86.runtime.Engine}'s
 * loop plus interrupt delivery, HLT, the fetch translation of each block's RIP, and VM exits.
 * Blocks are translated and looked up per LAM mode: with LAM on, their data accesses untag
 * inline ({@link LamUntag}) before the front-TLB check; a mode change simply selects (or
 * makes) the translations of the new mode.
 * Privileged instructions leave translated code as the #GP/#UD the lifter raises for them in
 * user mode; {@link PrivilegedInsns} then emulates them at CPL 0 (trap-and-emulate), and
 * anything it does not take is delivered to the guest through its IDT.
 */
final class SysEngine implements Runnable {
    private final Machine m;
    private final SysVcpu v;
    private final Cpu cpu;
    private final X2Apic apic;
    private final Translator translator;
    private final PrivilegedInsns priv;
    private final CpuEnv env;
    private final org.jx86.x86.decode.Decoder decoder = new org.jx86.x86.decode.Decoder();
    private final org.jx86.x86.decode.Insn insn = new org.jx86.x86.decode.Insn();
    private SysCodeCache.Block prev;
    /** Per-vCPU jump cache in front of the shared code cache (validated like a cache hit). */
    private final SysCodeCache.Block[] jump = new SysCodeCache.Block[1 << 10];
    private long blocks;

    SysEngine(Machine m, SysVcpu v, X2Apic apic) {
        this.m = m;
        this.v = v;
        this.cpu = v.cpu;
        this.apic = apic;
        this.translator = new Translator(m.engineOptions);
        this.priv = new PrivilegedInsns(m, v, apic);
        this.env = new CpuEnv(cpu);
    }

    @Override
    public void run() {
        apic.owner = Thread.currentThread();
        try {
            loop();
            m.stats.blocks.addAndGet(blocks);
        } catch (SysVcpu.TripleFault t) {
            m.exit(Machine.TRIPLE_FAULT, "vcpu" + v.index + ": " + t.getMessage() + String.format(
                " (RSP 0x%x RBP 0x%x CR3 0x%x)", cpu.s[org.jx86.vmm.Slots.RSP], cpu.s[org.jx86.vmm.Slots.RBP], v.mmu.cr3));
        } catch (RuntimeException | Error e) {
            m.exit(Machine.INTERNAL, "internal error on vcpu" + v.index + " at RIP 0x" + Long.toHexString(cpu.rip) + ": " + e);
            if (Boolean.getBoolean("jx86.debug")) e.printStackTrace();
        }
    }

    private void loop() {
        int threshold = m.engineOptions.jitThreshold;
        while (!m.stopped()) {
            long g = cpu.memory.generation();
            if (cpu.tlb.generation != g) {
                cpu.tlb.flush();
                cpu.tlb.generation = g;
            }
            v.mmu.tlb.poll();
            apic.tick(apic.timerDeadline == Long.MAX_VALUE ? 0 : System.nanoTime());
            if (v.interruptsEnabled() && !priv.interruptShadow()) {
                int vec = apic.acknowledge();
                if (vec >= 0) {
                    m.stats.interrupts.incrementAndGet();
                    try {
                        prev = null;
                        v.deliver(vec, false, 0, cpu.rip);
                    } catch (GuestFault f) {
                        deliverFault(f, cpu.rip);
                    }
                    continue;
                }
            }
            priv.clearShadow();
            if (v.halted) {
                halt();
                continue;
            }
            long rip = cpu.rip;
            if (!Lam.isCanonical(rip, v.mmu.linearWidth()) && v.mmu.in64()) {
                // A branch to a non-canonical target faults at the branch (spec §5): the last
                // instruction of the block that jumped here.
                long at = prev != null ? lastInsn(prev) : rip;
                deliverFault(new GuestFault(Vector.GP, 0, 0), at);
                prev = null;
                continue;
            }
            try {
                SysCodeCache.Block b = block(rip);
                prev = b;
                Translation t = b.t;
                if (++t.execCount >= threshold && t.code == null) translator.compile(t);
                long next = t.code != null ? t.code.run(cpu) : IrInterpreter.run(t.ir, env);
                blocks++;
                cpu.rip = next;
                int code = cpu.exitCode;
                if (code != ExitCode.NONE) {
                    cpu.exitCode = ExitCode.NONE;
                    if (code == ExitCode.SYSCALL) {
                        m.stats.exit("SYSCALL");
                        v.syscall();
                    }
                }
            } catch (GuestFault f) {
                prev = null;
                try {
                    if (!priv.tryEmulate(f)) deliverFault(f, cpu.rip);
                } catch (GuestFault inner) {   // the emulated instruction itself faulted
                    deliverFault(inner, cpu.rip);
                }
            }
        }
    }

    /** Address of the last instruction of a block (its branch). */
    private long lastInsn(SysCodeCache.Block b) {
        long pc = b.t.rip, last = pc;
        try {
            while (pc < b.t.end) {
                if (!decoder.decode(a -> (int) v.mmu.mem.read(v.mmu.translate(a, Access.FETCH), 1), pc, insn)) break;
                last = pc;
                pc += insn.length;
            }
        } catch (GuestFault f) {
            // the block's page changed since: report its start
        }
        return last;
    }

    /** The block for rip under the current mapping, translated if needed. */
    private SysCodeCache.Block block(long rip) {
        long pa = v.mmu.translate(v.mmu.checkBranchTarget(rip), Access.FETCH);
        int lam = Lam.mode(v.mmu.lamUserBit(), v.mmu.lamSupervisorBit());
        int slot = (int) (rip ^ (rip >>> 10)) & (jump.length - 1);
        SysCodeCache.Block b = jump[slot];
        if (b == null || b.t.rip != rip || b.lam != lam) b = m.code.get(rip, lam);
        if (b != null && b.valid && b.pa == pa && b.t.valid
                && (b.lastPa == pa || lastPa(b.lastLa) == b.lastPa)) {
            jump[slot] = b;
            return b;
        }
        Translation t = translator.translate(cpu, rip, LamUntag.forMode(lam));
        long lastLa = Math.max(rip, t.end - 1);
        long lastPa = (lastLa >>> 12) == (rip >>> 12) ? pa : lastPa(lastLa);
        b = new SysCodeCache.Block(t, lam, pa, lastLa, lastPa);
        m.code.put(b);
        jump[slot] = b;
        m.stats.translations.incrementAndGet();
        return b;
    }

    private long lastPa(long la) {
        return v.mmu.translate(la, Access.FETCH) & ~0xFFFL;
    }

    /** Delivers a guest exception raised at the instruction at rip. */
    void deliverFault(GuestFault f, long rip) {
        int vec = f.vector;
        m.stats.exception(Vector.name(vec));
        boolean hasError = switch (vec) {
            case Vector.DF, Vector.TS, Vector.NP, Vector.SS, Vector.GP, Vector.PF, Vector.AC -> true;
            default -> false;
        };
        long err = f.errorCode;
        if (vec == Vector.PF) v.mmu.cr2 = f.address;
        try {
            v.deliver(vec, hasError, err, rip);
        } catch (GuestFault g) {
            throw new IllegalStateException("unreachable: delivery handles nested faults", g);
        }
    }

    private void halt() {
        m.stats.exit("HLT");
        while (!m.stopped()) {
            if (v.interruptsEnabled() && apic.hasPending()) break;
            long dl = apic.timerDeadline;
            if (dl != Long.MAX_VALUE) {
                long now = System.nanoTime();
                if (now >= dl) {
                    apic.tick(now);
                    continue;
                }
                LockSupport.parkNanos(dl - now);
            } else if (!v.interruptsEnabled()) {
                m.vcpuDone();
                while (!m.stopped()) LockSupport.park();
                return;
            } else {
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
        v.halted = false;
    }
}
