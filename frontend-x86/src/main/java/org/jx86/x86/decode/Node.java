package org.jx86.x86.decode;

/**
 * A node of a decode tree: either a leaf holding a {@link Form} or a selector that picks a child
 * by one {@link Key} level (mandatory prefix, REX.W, operand size, ModRM mod/reg/rm ...). Opcode
 * maps are arrays of 256 such trees; most are single leaves.
 */
final class Node {
  /** Selector level from {@link Key}, or -1 for a leaf. */
  final int level;
  final Node[] kids;
  final Form form;

  private Node(int level, Node[] kids, Form form) {
    this.level = level;
    this.kids = kids;
    this.form = form;
  }

  static Node leaf(Form form) {
    return new Node(-1, null, form);
  }

  static Node select(int level, Node[] kids) {
    return new Node(level, kids, null);
  }
}
