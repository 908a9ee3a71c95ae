/**
 * The bytecode backend: IR to JVM bytecode with OW2 ASM, one hidden class per translation
 * (DESIGN.md §2 step 4, STYLE.md §11-13).
 *
 * <p>{@link org.jx86.jit.BytecodeCompiler} turns an {@link org.jx86.ir.IrFunction} into a
 * {@link org.jx86.jit.CompiledBlock}: guest state slots live in JVM locals, guest memory
 * accesses inline the soft-MMU TLB compare and call {@link org.jx86.vmm.mem.Mem} on a miss,
 * helpers are INVOKESTATIC calls, IR blocks become labels (so tier-2 loops are JVM loops),
 * and faults are precise through one exception-table entry per guest instruction, at no
 * cost on the normal path. {@link org.jx86.jit.CpuEnv} runs the same IR on the
 * {@link org.jx86.ir.IrInterpreter} over a {@link org.jx86.vmm.Cpu}: the interpreter tier and
 * the reference the compiled tier is tested against.
 *
 * <p>Run with {@code -Djx86.checkBytecode=true} to pass every generated class through
 * asm-util's {@code CheckClassAdapter} (tests do).
 *
 * <pre>{@code
 * IrFunction fn = new IrFunction(0x401000);
 * IrBuilder b = new IrBuilder(fn);
 * b.insn(0x401000);
 * b.set(Slots.RAX, b.add(b.get(Slots.RAX), b.get(Slots.RCX)));   // add rax, rcx
 * b.exit(b.konst(0x401003), ExitCode.NONE);
 *
 * CompiledBlock t = new BytecodeCompiler().compile(fn);
 * long next = t.run(cpu);                            // 0x401003, cpu.s[RAX] updated
 * long same = IrInterpreter.run(fn, new CpuEnv(cpu2)); // the interpreter tier agrees
 * String asm = new BytecodeCompiler().listing(fn);   // Textifier listing, for -d out_asm
 * }</pre>
 */
package org.jx86.jit;
