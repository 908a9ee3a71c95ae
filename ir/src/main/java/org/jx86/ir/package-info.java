/**
 * jx86's intermediate representation: a small, typed (every value is a 64-bit integer)
 * SSA form per block, with guest state in numbered slots. It knows nothing of x86.
 *
 * <p>{@link org.jx86.ir.Op} declares the op set; {@link org.jx86.ir.IrBuilder} creates
 * nodes and folds constants as it goes; {@link org.jx86.ir.Passes} runs the remaining
 * passes; {@link org.jx86.ir.IrInterpreter} executes IR as the reference for the backend.
 *
 * <pre>{@code
 * IrFunction fn = new IrFunction(0x401000);
 * IrBuilder b = new IrBuilder(fn);
 * b.insn(0x401000);
 * b.set(0, b.add(b.get(0), b.konst(1)));      // rax += 1
 * b.exit(b.konst(0x401004), 0);
 * Passes.optimize(fn, true);
 * long next = IrInterpreter.run(fn, env);
 * }</pre>
 */
package org.jx86.ir;
