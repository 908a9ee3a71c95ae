/**
 * Intel-syntax disassembly of decoded instructions, text-identical to {@code objdump -d -M
 * intel} (GNU binutils 2.40) for everything the decoder supports.
 *
 * <p>{@link org.jx86.x86.disasm.Disassembler} formats an {@link org.jx86.x86.decode.Insn};
 * {@code PrefixPrinter} reproduces objdump's rules for which prefixes it prints by name
 * ({@code data16}, {@code rex.W}, {@code cs}, {@code rep}, {@code bnd}, {@code notrack},
 * {@code xacquire} ...), and {@code OperandPrinter} its operand syntax ({@code QWORD PTR
 * fs:[rax+rcx*8+0x10]}, {@code [rip+0x2edd]}, {@code riz}, {@code ds:0x1234}). Addresses are
 * printed the way objdump prints them for a file without symbols: {@code jmp    0x401020} and
 * {@code # 0x404010}; objdump with symbols prints {@code 401020 <sym>} instead.
 *
 * <pre>{@code
 * Decoder decoder = new Decoder();
 * Insn insn = new Insn();
 * if (decoder.decode(code, rip, insn)) {
 *   System.out.println(Long.toHexString(rip) + ":\t" + Disassembler.format(insn));
 * }
 * }</pre>
 */
package org.jx86.x86.disasm;
