package org.jx86.x86.decode;

/** What an {@link Operand} is. */
public enum OpKind {
  NONE, GPR, MEM, IMM, REL, XMM, MMX, ST, SEG, CR, DR
}
