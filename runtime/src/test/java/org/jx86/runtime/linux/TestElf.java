package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 files for loader tests. File bytes outside the headers follow a
 * pattern ({@link #fileByte}) so a test can tell which file offset landed where.
 */
public final class TestElf {
    public record Phdr(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {}

    public int type = Elf.ET_EXEC;
    public int machine = Elf.EM_X86_64;
    public int elfClass = Elf.ELFCLASS64;
    public int data = Elf.ELFDATA2LSB;
    public int version = 1;
    public long entry = 0x401000;
    public long phoff = 64;
    public int phentsize = 56;
    public Integer phnumOverride;
    public long fileSize = 0x3000;
    public final List<Phdr> phdrs = new ArrayList<>();
    /** Bytes to place at file offsets (e.g. a PT_INTERP string). */
    public final List<Object[]> patches = new ArrayList<>();

    /** A valid static ET_EXEC: text RX at 0x401000 (file 0x1000), data RW at 0x402000 with BSS. */
    public static TestElf minimal() {
        TestElf e = new TestElf();
        e.phdrs.add(new Phdr(Elf.PT_LOAD, Elf.PF_R | Elf.PF_X, 0x1000, 0x401000, 0x800, 0x800, 0x1000));
        e.phdrs.add(new Phdr(Elf.PT_LOAD, Elf.PF_R | Elf.PF_W, 0x2000, 0x402000, 0x100, 0x2500, 0x1000));
        return e;
    }

    public static byte fileByte(long offset) { return (byte) (offset * 7 + 1); }

    public TestElf load(int flags, long offset, long vaddr, long filesz, long memsz) {
        phdrs.add(new Phdr(Elf.PT_LOAD, flags, offset, vaddr, filesz, memsz, 0x1000));
        return this;
    }

    public TestElf interp(String path, long offset) {
        byte[] s = (path + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        phdrs.add(new Phdr(Elf.PT_INTERP, Elf.PF_R, offset, 0, s.length, s.length, 1));
        patches.add(new Object[] {offset, s});
        return this;
    }

    public byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate((int) fileSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < fileSize; i++) b.put(i, fileByte(i));
        b.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        b.put(4, (byte) elfClass).put(5, (byte) data).put(6, (byte) version).put(7, (byte) 0);
        for (int i = 8; i < 16; i++) b.put(i, (byte) 0);
        ByteOrder order = data == Elf.ELFDATA2MSB ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        b.order(order);
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1).putLong(24, entry)
            .putLong(32, phoff).putLong(40, 0).putInt(48, 0).putShort(52, (short) 64)
            .putShort(54, (short) phentsize)
            .putShort(56, (short) (phnumOverride != null ? phnumOverride : phdrs.size()))
            .putShort(58, (short) 64).putShort(60, (short) 0).putShort(62, (short) 0);
        b.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < phdrs.size(); i++) {
            int o = (int) phoff + i * 56;
            if (o < 0 || o + 56 > fileSize) break;
            Phdr p = phdrs.get(i);
            b.putInt(o, p.type()).putInt(o + 4, p.flags()).putLong(o + 8, p.offset()).putLong(o + 16, p.vaddr())
                .putLong(o + 24, p.vaddr()).putLong(o + 32, p.filesz()).putLong(o + 40, p.memsz())
                .putLong(o + 48, p.align());
        }
        for (Object[] patch : patches) b.put((int) (long) (Long) patch[0], (byte[]) patch[1]);
        return b.array();
    }

    public Path write(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes());
        f.toFile().setExecutable(true);
        return f;
    }
}
