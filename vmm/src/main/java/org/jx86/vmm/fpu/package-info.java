/**
 * The x87 FPU in software: exact 80-bit extended-precision arithmetic and every D8..DF
 * instruction, plus FXSAVE/FXRSTOR and the MMX register aliasing.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.jx86.vmm.fpu.F80}: the format (bit diagram there), operand classes, NaN
 *       rules and the single rounding routine with rounding control, precision control
 *       (24/53/64 bits), gradual underflow and the status flags.</li>
 *   <li>{@link org.jx86.vmm.fpu.F80Arith}: add, sub, mul, div, sqrt (correctly rounded),
 *       FPREM/FPREM1, FSCALE, FRNDINT, FXTRACT, comparisons.</li>
 *   <li>{@link org.jx86.vmm.fpu.F80Convert}: binary32/64, int16/32/64 and packed BCD.</li>
 *   <li>{@link org.jx86.vmm.fpu.F80Math}: transcendentals in 200-bit arithmetic
 *       ({@code XReal}), rounded once.</li>
 *   <li>{@link org.jx86.vmm.fpu.X87State}: registers, TOP, tags, control/status words,
 *       last-instruction pointers; {@link org.jx86.vmm.Cpu#x87} holds one per vCPU.</li>
 *   <li>{@link org.jx86.vmm.fpu.X87Exec}: decodes the ModRM of one D8..DF instruction and
 *       executes it; {@code X87Env}: FNSTENV/FLDENV/FNSAVE/FRSTOR images;
 *       {@link org.jx86.vmm.fpu.Fxsave}: FXSAVE/FXRSTOR.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Values travel as {@code (long se, long m)} pairs: sign and 15-bit exponent in the low 16
 * bits of {@code se}, the 64-bit significand with its explicit integer bit in {@code m}.
 * Operations write their result and raised flags into an {@link org.jx86.vmm.fpu.FpCtx}
 * (one per vCPU), so nothing on the arithmetic paths allocates; the transcendentals use
 * BigInteger and do allocate. The host CPU (an x86-64 running the tests) is the oracle:
 * {@code X87DifferentialTest} compares random instructions against it through FXSAVE images.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * // translated code, for "fadd qword [rbx+8]" (DC /0):
 * X87Exec.exec(cpu, 0xDC, 0x43, cpu.s[Slots.RBX] + 8);
 * // FWAIT:
 * X87Exec.fwait(cpu);
 * // FXSAVE64 [rdi]:
 * Fxsave.fxsave(cpu, cpu.s[Slots.RDI]);
 * // MMX: paddb mm0, mm1
 * X87State x = cpu.x87;
 * x.mmxWrite(0, org.jx86.vmm.sse.SseInt.paddb(x.mmxRead(0), x.mmxRead(1)));
 * }</pre>
 *
 * <h2>Known limitations</h2>
 * <ul>
 *   <li>Unmasked exceptions are modelled (flag, ES/B, deferred #MF; IE/DE/ZE, and OE/UE for
 *       memory destinations, suppress the result; OE/UE with a register destination deliver
 *       the exponent biased by 24576) but only checked against the host, not exhaustively
 *       against the SDM's per-instruction tables.</li>
 *   <li>Transcendentals are correctly rounded from 200-bit values (except table-maker's
 *       dilemma cases); hardware is within about two ulps of that (the host's FPTAN was seen
 *       two ulps off), so last-bit differences with a given CPU remain. FSIN/FCOS/FPTAN reduce
 *       modulo the 66-bit pi like hardware, but exactly, while the host loses precision on
 *       very large arguments.</li>
 *   <li>Where the SDM says "undefined" the host (an AMD EPYC) was followed, and
 *       {@code X87DifferentialTest} pins it: a partial FPREM/FPREM1 lowers the exponent by
 *       32 + (d mod 32); FSINCOS clears C1; PC=01 rounds to 64 bits; FST m32/m64, FIST and
 *       FBSTP of a denormal raise no DE, nor does an operation that is invalid or divides by
 *       zero; an unmasked DE does not stop FLD m32/m64; F2XM1 returns operands outside
 *       [-1, 1] unchanged (PE) and FYL2XP1 returns x for x &lt;= -1; D9 D8+i (FSTP1) neither
 *       signals underflow nor copies an empty ST0; FCMOVcc, FCOMI and FUCOMI keep C1. An
 *       Intel host may differ in some of these corners.</li>
 *   <li>FIP comes from {@code cpu.rip}; FCS/FDS are 0 (64-bit mode). FDP is only updated by
 *       instructions with a memory operand. FXSAVE stores FIP/FDP/FOP always (Intel
 *       behaviour; AMD only stores them when ES is set).</li>
 *   <li>The 16-bit real-mode FSTENV/FSAVE layouts are not supported (protected-mode ones are).</li>
 * </ul>
 */
package org.jx86.vmm.fpu;
