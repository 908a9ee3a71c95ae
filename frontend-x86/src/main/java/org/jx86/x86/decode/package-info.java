/**
 * Table-driven x86-64 instruction decoder (64-bit mode).
 *
 * <p>The opcode maps are written like the Intel SDM's Appendix A: one class per map ({@link
 * org.jx86.x86.decode.OneByteMap}, {@code TwoByteMap}, {@code Map0F38}, {@code Map0F3A}, the
 * extension {@code Groups}, the {@code X87Map} and the BMI-only {@code VexMap}), one row per
 * opcode with SDM operand letters and size codes ({@link org.jx86.x86.decode.Spec}). A row may
 * be narrowed by a {@code Key} (mandatory prefix, REX.W, operand size, ModRM mod/reg/rm); the
 * {@code MapBuilder} turns the rows of each opcode into a small decode tree and fails at class
 * load if two rows claim the same slot. {@link org.jx86.x86.decode.Decoder} walks the trees and
 * decodes operands from the matching {@link org.jx86.x86.decode.Form}; no instruction has its
 * own decoding code.
 *
 * <p>The result is an {@link org.jx86.x86.decode.Insn}: a {@link org.jx86.x86.decode.Sem}
 * semantic key for the lifter, objdump's mnemonic, prefixes, sizes and up to four explicit
 * {@link org.jx86.x86.decode.Operand}s in Intel order (implicit operands such as MUL's RDX:RAX or
 * the string registers are not listed). Invalid, undefined and unsupported encodings (AVX and
 * other VEX/EVEX beyond BMI1/BMI2, far JMP/CALL, MPX, VMX, 3DNow!) make {@code decode} return
 * false.
 *
 * <p>Where CPUs and objdump disagree the decoder follows the CPU: 66 is ignored by near
 * JMP/CALL/Jcc (Intel), REX.B 90 is XCHG even after F3, and F2 does not invalidate BSF/BSR.
 *
 * <pre>{@code
 * Decoder decoder = new Decoder();          // reusable, not thread-safe, allocation-free
 * Insn insn = new Insn();                   // reused for every instruction
 * CodeReader code = addr -> memory.readByte(addr);
 * if (!decoder.decode(code, rip, insn)) {
 *   raiseUndefinedOpcode(rip);
 * }
 * switch (insn.sem) {
 *   case ADD: lifter.add(insn.ops[0], insn.ops[1], insn.opSize); break;
 *   case JCC: lifter.branch(insn.cond, insn.ops[0].imm, insn.next()); break;
 *   default: ...
 * }
 * }</pre>
 */
package org.jx86.x86.decode;
