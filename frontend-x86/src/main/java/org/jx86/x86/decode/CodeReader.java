package org.jx86.x86.decode;

/**
 * Source of instruction bytes. The decoder reads exactly the bytes of the instruction it decodes,
 * in order, so a fault raised here is precise: it names the first byte that could not be read.
 */
@FunctionalInterface
public interface CodeReader {
  /**
   * Returns the byte at a guest address as 0..255. May throw any RuntimeException (a guest page
   * fault); the decoder lets it propagate unchanged.
   */
  int readByte(long addr);
}
