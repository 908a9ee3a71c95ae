package org.jx86.x86.disasm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code objdump -d -M intel -w -z} and parses its instruction lines. The byte column gives
 * both the instruction's length and, concatenated, the code itself, so no ELF parsing is needed.
 */
final class ObjdumpListing {
  /** One instruction line: address, raw bytes and the text column as objdump printed it. */
  record Line(long address, byte[] bytes, String text) {}

  private static final Pattern LINE =
      Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{2}(?: [0-9a-f]{2})*)\\s*(?:\\t(.*))?$");
  /** A symbolic address {@code 401020 <sym+0x10>} as objdump prints it when it has symbols. */
  private static final Pattern SYMBOL = Pattern.compile("\\b([0-9a-f]+) <[^>]*>");

  private ObjdumpListing() {}

  static boolean available() {
    try {
      Process p = new ProcessBuilder("objdump", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Disassembles one section of a file (e.g. {@code .text}); extra args go before the file. */
  static List<Line> disassemble(String file, String section, String... extra)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("objdump", "-d", "-M", "intel", "-w", "-z"));
    if (section != null) {
      cmd.add("-j");
      cmd.add(section);
    }
    cmd.addAll(List.of(extra));
    cmd.add(file);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Line> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      for (String s; (s = r.readLine()) != null; ) {
        Line line = parse(s);
        if (line != null) {
          lines.add(line);
        }
      }
    }
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("objdump failed on " + file);
    }
    return lines;
  }

  static Line parse(String s) {
    Matcher m = LINE.matcher(s);
    if (!m.matches()) {
      return null;
    }
    String[] hex = m.group(2).split(" ");
    byte[] bytes = new byte[hex.length];
    for (int i = 0; i < hex.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex[i], 16);
    }
    String text = m.group(3) == null ? "" : m.group(3);
    return new Line(Long.parseUnsignedLong(m.group(1), 16), bytes, text.stripTrailing());
  }

  /** Rewrites {@code 401020 <sym>} to {@code 0x401020}, which is what objdump prints without
   *  symbols and what {@link Disassembler} prints. */
  static String normalize(String text) {
    return SYMBOL.matcher(text).replaceAll("0x$1");
  }
}
