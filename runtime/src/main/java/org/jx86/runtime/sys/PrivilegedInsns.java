package org.jx86.runtime.sys;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.vmm.cpu.SystemOps;
import org.jx86.vmm.sys.Access;
import org.jx86.vmm.sys.Cr;
import org.jx86.vmm.sys.Lam;
import org.jx86.vmm.sys.Msr;
import org.jx86.vmm.sys.SysMmu;
import org.jx86.vmm.sys.SysVcpu;
import org.jx86.vmm.sys.X2Apic;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;

/**
 * VM exits for privileged instructions. Translated code raises #GP (or #UD for the few the
 * lifter does not name) at such an instruction, exactly as in user mode; this class decodes
 * the instruction at the faulting RIP and, if it is one the VMM implements, performs it with
 * the checks of a real CPU (CPL, CPUID features, operands) and advances RIP. It returns
 * false for anything else, and the original fault is delivered to the guest.
 */
final class PrivilegedInsns {
    private final Machine m;
    private final SysVcpu v;
    private final SysMmu mmu;
    private final Cpu cpu;
    private final X2Apic apic;
    private final Decoder decoder = new Decoder();
    private final Insn in = new Insn();
    private long tpr;
    /** STI blocks interrupts until after the next instruction; approximated as one dispatch. */
    private boolean shadow;

    PrivilegedInsns(Machine m, SysVcpu v, X2Apic apic) {
        this.m = m;
        this.v = v;
        this.mmu = v.mmu;
        this.cpu = v.cpu;
        this.apic = apic;
    }

    boolean interruptShadow() { return shadow; }

    void clearShadow() { shadow = false; }

    /** Emulates the instruction behind a #GP/#UD/#BP from translated code; false to deliver f. */
    boolean tryEmulate(GuestFault f) {
        if (f.vector != Vector.GP && f.vector != Vector.UD && f.vector != Vector.BP) return false;
        if (f.errorCode != 0) return false;
        long rip = cpu.rip;
        boolean ok;
        try {
            ok = decoder.decode(a -> (int) mmu.mem.read(mmu.translate(mmu.checkBranchTarget(a), Access.FETCH), 1), rip, in);
        } catch (GuestFault fetch) {
            return false;
        }
        if (!ok) return false;
        long next = rip + in.length;
        if (f.vector == Vector.BP) {
            m.stats.exception("#BP");
            v.deliver(Vector.BP, false, 0, next);   // a trap: the saved RIP follows INT3
            return true;
        }
        String kind = exitKind();
        if (kind == null) {
            if (f.vector == Vector.GP) stackFault();
            return false;
        }
        m.stats.exit(kind);
        if (!execute()) return false;
        if (cpu.rip == rip) cpu.rip = next;
        return true;
    }

    /** The --stats name of a handled instruction, or null. */
    private String exitKind() {
        for (int i = 0; i < in.nops; i++) if (in.ops[i].kind == OpKind.CR) return i == 0 ? "MOV_TO_CR" : "MOV_FROM_CR";
        return switch (in.sem) {
            case HLT, CLI, STI, IN, OUT, WRMSR, RDMSR, INVLPG, INVPCID, LGDT, LIDT, SGDT, SIDT, SWAPGS,
                 SYSRET, IRETQ, LTR, LLDT, WBINVD, INVD, CLTS, CLAC, STAC, INT -> in.sem.name();
            default -> null;
        };
    }

    /**
     * A non-canonical address in a stack-segment access is #SS(0), not #GP(0) (spec §4.2).
     * The soft-MMU slow path does not know the segment, so the instruction is re-examined.
     */
    private void stackFault() {
        for (int i = 0; i < in.nops; i++) {
            Operand o = in.ops[i];
            if (o.kind == OpKind.MEM && isStack(o)) mmu.linearizeData(segBase(o), ea(o), true);
        }
    }

    private static GuestFault gp() { return new GuestFault(Vector.GP, 0, 0); }

    private void needCpl0() {
        if (mmu.cpl != 0) throw gp();
    }

    private long gpr(int r) { return cpu.s[r]; }

    private void setGpr(int r, int size, long val) {
        cpu.s[r] = switch (size) {
            case 1 -> (cpu.s[r] & ~0xFFL) | (val & 0xFF);
            case 2 -> (cpu.s[r] & ~0xFFFFL) | (val & 0xFFFF);
            case 4 -> val & 0xFFFF_FFFFL;
            default -> val;
        };
    }

    /** Effective address (segment base included for FS/GS) of a memory operand. */
    private long ea(Operand o) {
        long a = o.disp;
        if (o.base == Operand.RIP) a += in.rip + in.length;
        else if (o.base >= 0) a += gpr(o.base);
        if (o.index >= 0) a += gpr(o.index) * o.scale;
        if (in.addrSize == 4) a &= 0xFFFF_FFFFL;
        return a;
    }

    private long segBase(Operand o) {
        return switch (o.segment >= 0 ? o.segment : in.segment) {
            case 4 -> cpu.s[Slots.FS_BASE];
            case 5 -> cpu.s[Slots.GS_BASE];
            default -> 0;
        };
    }

    private boolean isStack(Operand o) {
        int seg = o.segment >= 0 ? o.segment : in.segment;
        return seg == 2 || (seg < 0 && (o.base == Slots.RSP || o.base == Slots.RBP));
    }

    private long dataLa(Operand o) { return mmu.linearizeData(segBase(o), ea(o), isStack(o)); }

    /** Performs the decoded instruction; false if the VMM does not implement this form. */
    private boolean execute() {
        Operand o0 = in.ops[0], o1 = in.ops[1];
        if (in.nops >= 2 && (o0.kind == OpKind.CR || o1.kind == OpKind.CR)) {
            needCpl0();
            if (o0.kind == OpKind.CR) writeCr(o0.reg, gpr(o1.reg));
            else cpu.s[o0.reg] = readCr(o1.reg);
            return true;
        }
        switch (in.sem) {
            case HLT -> {
                needCpl0();
                cpu.rip += in.length;
                v.halted = true;
            }
            case CLI -> {
                needIopl();
                v.setRflags(v.rflags() & ~SysVcpu.RF_IF);
            }
            case STI -> {
                needIopl();
                if (!v.interruptsEnabled()) shadow = true;
                v.setRflags(v.rflags() | SysVcpu.RF_IF);
            }
            case CLAC, STAC -> {
                if (!mmu.features.smap) throw GuestFault.of(Vector.UD);
                needCpl0();
                long f = v.rflags();
                v.setRflags(in.sem.name().equals("STAC") ? f | SysVcpu.RF_AC : f & ~SysVcpu.RF_AC);
                v.flushFront();
            }
            case IN -> {
                needIopl();
                int port = o1.kind == OpKind.IMM ? (int) o1.imm & 0xFF : (int) gpr(Slots.RDX) & 0xFFFF;
                setGpr(Slots.RAX, o0.size, m.ports.in(port, o0.size));
            }
            case OUT -> {
                needIopl();
                int port = o0.kind == OpKind.IMM ? (int) o0.imm & 0xFF : (int) gpr(Slots.RDX) & 0xFFFF;
                m.ports.out(port, o1.size, gpr(Slots.RAX) & (o1.size == 4 ? 0xFFFF_FFFFL : (1L << (8 * o1.size)) - 1));
            }
            case WRMSR -> {
                needCpl0();
                wrmsr((int) gpr(Slots.RCX), (gpr(Slots.RDX) << 32) | (gpr(Slots.RAX) & 0xFFFF_FFFFL));
            }
            case RDMSR -> {
                needCpl0();
                long val = rdmsr((int) gpr(Slots.RCX));
                cpu.s[Slots.RAX] = val & 0xFFFF_FFFFL;
                cpu.s[Slots.RDX] = val >>> 32;
            }
            case INVLPG -> {
                needCpl0();
                mmu.invlpg(segBase(o0) + ea(o0));   // never untagged (spec §5)
                v.flushFront();
            }
            case INVPCID -> {
                try {
                    mmu.invpcid(gpr(o0.reg), segBase(o1), ea(o1), isStack(o1));
                } finally {
                    v.flushFront();
                }
            }
            case LGDT, LIDT -> {
                needCpl0();
                long la = dataLa(o0);
                int limit = (int) mmu.read(la, 2, Access.READ);
                long base = mmu.read(la + 2, 8, Access.READ);
                mmu.checkCanonicalMsrValue(base);
                if (in.sem.name().equals("LGDT")) {
                    v.gdtBase = base;
                    v.gdtLimit = limit;
                } else {
                    v.idtBase = base;
                    v.idtLimit = limit;
                }
            }
            case SGDT, SIDT -> {
                long la = dataLa(o0);
                boolean g = in.sem.name().equals("SGDT");
                mmu.write(la, 2, g ? v.gdtLimit : v.idtLimit, Access.READ);
                mmu.write(la + 2, 8, g ? v.gdtBase : v.idtBase, Access.READ);
            }
            case LTR -> {
                needCpl0();
                v.ltr((int) (o0.kind == OpKind.MEM ? mmu.read(dataLa(o0), 2, Access.READ) : gpr(o0.reg)) & 0xFFFF);
            }
            case LLDT -> {
                needCpl0();
                long sel = o0.kind == OpKind.MEM ? mmu.read(dataLa(o0), 2, Access.READ) : gpr(o0.reg);
                if ((sel & 0xFFFC) != 0) return false; // only the null LDT is supported
            }
            case SWAPGS -> {
                needCpl0();
                v.swapgs();
            }
            case SYSRET -> {
                if (in.opSize != 8) return false;
                v.sysret();
            }
            case IRETQ -> {
                v.iretq();
                return true;
            }
            case WBINVD, INVD -> needCpl0();
            case CLTS -> {
                needCpl0();
                mmu.cr0 &= ~Cr.CR0_TS;
            }
            case INT -> {
                m.stats.exception("INT");
                v.deliver((int) o0.imm & 0xFF, false, 0, cpu.rip + in.length);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void needIopl() {
        if (mmu.cpl > ((v.rflags() >>> 12) & 3)) throw gp();
    }

    private long readCr(int n) {
        return switch (n) {
            case 0 -> mmu.cr0;
            case 2 -> mmu.cr2;
            case 3 -> mmu.cr3;
            case 4 -> mmu.cr4;
            case 8 -> tpr;
            default -> throw GuestFault.of(Vector.UD);
        };
    }

    private void writeCr(int n, long val) {
        switch (n) {
            case 0 -> mmu.movToCr0(val);
            case 2 -> mmu.cr2 = val;
            case 3 -> mmu.movToCr3(val);
            case 4 -> mmu.movToCr4(val);
            case 8 -> {
                if ((val & ~0xFL) != 0) throw gp();
                tpr = val;
            }
            default -> throw GuestFault.of(Vector.UD);
        }
        v.flushFront();
    }

    private long rdmsr(int msr) {
        return switch (msr) {
            case Msr.EFER -> mmu.efer;
            case Msr.STAR -> v.star;
            case Msr.LSTAR -> v.lstar;
            case Msr.CSTAR -> v.cstar;
            case Msr.SFMASK -> v.sfmask;
            case Msr.FS_BASE -> cpu.s[Slots.FS_BASE];
            case Msr.GS_BASE -> cpu.s[Slots.GS_BASE];
            case Msr.KERNEL_GS_BASE -> v.kernelGsBase;
            case Msr.TSC_AUX -> v.tscAux;
            case Msr.TSC -> SystemOps.rdtsc();
            case Msr.PAT -> v.pat;
            case Msr.APIC_BASE -> v.apicBase;
            case Msr.TSC_DEADLINE -> apic.tscDeadline();
            default -> {
                if (msr >= Msr.X2APIC_FIRST && msr <= Msr.X2APIC_LAST && x2apicOn()) yield apic.read(msr);
                throw gp();
            }
        };
    }

    private boolean x2apicOn() { return (v.apicBase & (3L << 10)) == (3L << 10); }

    private void wrmsr(int msr, long val) {
        switch (msr) {
            case Msr.EFER -> {
                long allowed = Cr.EFER_SCE | Cr.EFER_LME | Cr.EFER_NXE | Cr.EFER_LMA;
                if ((val & ~allowed) != 0) throw gp();
                if (mmu.paging() && ((val ^ mmu.efer) & Cr.EFER_LME) != 0) throw gp();
                mmu.efer = (val & ~Cr.EFER_LMA) | (mmu.efer & Cr.EFER_LMA);
                mmu.recompute();
                v.flushFront();
            }
            case Msr.STAR -> v.star = val;
            case Msr.LSTAR -> {
                mmu.checkCanonicalMsrValue(val);
                v.lstar = val;
            }
            case Msr.CSTAR -> {
                mmu.checkCanonicalMsrValue(val);
                v.cstar = val;
            }
            case Msr.SFMASK -> v.sfmask = val & 0xFFFF_FFFFL;
            case Msr.FS_BASE -> {
                mmu.checkCanonicalMsrValue(val);
                cpu.s[Slots.FS_BASE] = val;
            }
            case Msr.GS_BASE -> {
                mmu.checkCanonicalMsrValue(val);
                cpu.s[Slots.GS_BASE] = val;
            }
            case Msr.KERNEL_GS_BASE -> {
                mmu.checkCanonicalMsrValue(val);
                v.kernelGsBase = val;
            }
            case Msr.TSC_AUX -> v.tscAux = val & 0xFFFF_FFFFL;
            case Msr.PAT -> v.pat = val;
            case Msr.APIC_BASE -> {
                if ((val & ~(0xF_FFFF_F000L | (3L << 10) | (1L << 8))) != 0) throw gp();
                v.apicBase = val;
            }
            case Msr.TSC_DEADLINE -> apic.armTsc(val);
            case Msr.TSC -> { } // the TSC is the host's monotonic clock; writes are ignored
            default -> {
                if (msr >= Msr.X2APIC_FIRST && msr <= Msr.X2APIC_LAST && x2apicOn()) {
                    apic.write(msr, val, icr -> m.sendIpi(v.index, icr));
                    return;
                }
                throw gp();
            }
        }
    }

    static boolean canonical(long a, int width) { return Lam.isCanonical(a, width); }
}
