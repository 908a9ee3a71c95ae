package org.jx86.runtime.linux;

/**
 * Where an ELF image landed.
 *
 * @param bias     added to every p_vaddr (0 for ET_EXEC)
 * @param entry    relocated entry point
 * @param phdrAddr guest address of the program headers (AT_PHDR), 0 if not mapped
 * @param phnum    number of program headers (AT_PHNUM)
 * @param start    lowest mapped page
 * @param end      end of the highest segment, page-aligned: the initial program break
 */
public record LoadedElf(long bias, long entry, long phdrAddr, int phnum, long start, long end) {}
