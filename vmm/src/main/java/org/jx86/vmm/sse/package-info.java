/**
 * SSE..SSE4.2 (and MMX) semantics as pure static methods on 64-bit halves, for translated
 * code to call with {@code INVOKESTATIC} (STYLE.md §4): every parameter and the result are
 * {@code long}s, nothing allocates, and the methods are small enough for HotSpot to inline,
 * so an XMM register can live in two JVM locals (Slots.xmmLo(n), Slots.xmmHi(n)).
 *
 * <h2>Classes</h2>
 * <ul>
 *   <li>{@link org.jx86.vmm.sse.SseInt}: lane-wise packed integer operations (one 64-bit half);</li>
 *   <li>{@link org.jx86.vmm.sse.SseShuffle}: cross-half permutes, packs, unpacks, byte shifts,
 *       blends, inserts/extracts, PMOVZX/SX, PTEST, PCLMULQDQ;</li>
 *   <li>{@link org.jx86.vmm.sse.SseFp}: float/double arithmetic, MIN/MAX, CMPxx, (U)COMIxx,
 *       SSE3 horizontal ops, DPPS/DPPD, RCP/RSQRT;</li>
 *   <li>{@link org.jx86.vmm.sse.SseCvt}: conversions and ROUNDxx with MXCSR rounding control;</li>
 *   <li>{@link org.jx86.vmm.sse.SseString}: PCMPESTRI/M, PCMPISTRI/M;</li>
 *   <li>Under the whole MXCSR (RC, DAZ, FZ, sticky flags, #XM), used by the lifter for every
 *       SSE floating-point instruction: {@link org.jx86.vmm.sse.Mxcsr} (the register, #XM),
 *       {@link org.jx86.vmm.sse.SseArith} (add/sub/mul/div/sqrt lanes, fast path and
 *       {@link org.jx86.vmm.sse.FpRound} slow path), {@link org.jx86.vmm.sse.SsePacked} (packed
 *       single, SSE3, DPPS/DPPD), {@link org.jx86.vmm.sse.SseCmp} (CMPxx, (U)COMIxx, MIN/MAX),
 *       {@link org.jx86.vmm.sse.SseCvtMx} (conversions, ROUNDxx). Each has result helpers and
 *       flags helpers; the lifter ORs the flags through {@code Mxcsr.update}.</li>
 *   <li>{@link org.jx86.vmm.sse.Crc32c}: the CRC32 instruction.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Lane-wise operation {@code op(a, b)}: apply to (a.lo, b.lo) and to (a.hi, b.hi). The
 *       MMX instruction of the same name is the same method on the 64-bit registers.</li>
 *   <li>Cross-half operation: {@code opLo(aLo, aHi, bLo, bHi[, imm])} and {@code opHi(...)}
 *       each return one half; unary ones take {@code (lo, hi[, imm])}. a is the first source
 *       (the destination of the two-operand forms), b the second (r/m).</li>
 *   <li>"Pairs" operations (packs, PHADD*, HADDPS): {@code op(x, y)} builds a half from x's
 *       elements then y's; XMM lo = op(a.lo, a.hi), hi = op(b.lo, b.hi); MMX = op(a, b).</li>
 *   <li>Scalars: binary64 in a long; binary32 in the low 32 bits, the ...ss methods keeping
 *       bits 63:32 of a. Shift counts are the full 64-bit count operand. Results for a GPR are
 *       zero-extended; flag results are RFLAGS images for the lazy-flags EFLAGS kind.</li>
 *   <li>{@code mxcsr}/{@code mx} parameters take the whole MXCSR. SseFp's and SseCvt's older
 *       methods read only its rounding control; the MXCSR-aware classes above read it all.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * // paddb xmm1, xmm2
 * s[Slots.xmmLo(1)] = SseInt.paddb(s[Slots.xmmLo(1)], s[Slots.xmmLo(2)]);
 * s[Slots.xmmHi(1)] = SseInt.paddb(s[Slots.xmmHi(1)], s[Slots.xmmHi(2)]);
 * // punpcklbw xmm1, xmm2 (compute both halves before writing either)
 * long lo = SseShuffle.punpcklbwLo(aLo, aHi, bLo, bHi), hi = SseShuffle.punpcklbwHi(aLo, aHi, bLo, bHi);
 * // cvtsi2sd xmm0, rax
 * s[Slots.xmmLo(0)] = SseCvt.cvtsi2sd(s[Slots.RAX], s[Slots.MXCSR]);
 * // ucomisd xmm0, xmm1
 * s[Slots.CC_OP] = Flags.op(Flags.EFLAGS, 8);
 * s[Slots.CC_SRC1] = SseFp.ucomisd(s[Slots.xmmLo(0)], s[Slots.xmmLo(1)]);
 * }</pre>
 *
 * <h2>Testing</h2>
 * {@code SseDifferentialTest} runs each instruction on the host CPU and compares bit for bit;
 * {@code SseEdgeTest} checks references and x86 edge cases without the host.
 *
 * <h2>Known limitations</h2>
 * <ul>
 *   <li>RCPPS/RSQRTPS (which raise no SIMD exceptions) ignore DAZ; MXCSR bit 17 (AMD's
 *       misaligned-SSE mode, accepted by this host) is reserved, as on Intel.</li>
 *   <li>RCPPS/RSQRTPS (and the SS forms) return the correctly rounded value instead of the
 *       vendor's 12-bit table approximation; they agree with the host within 1.5 * 2^-12
 *       relative error and exactly on special inputs (zeros, denormals, infinities, NaNs).</li>
 * </ul>
 */
package org.jx86.vmm.sse;
