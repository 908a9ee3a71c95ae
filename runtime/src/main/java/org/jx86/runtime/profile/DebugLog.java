package org.jx86.runtime.profile;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code -d ITEM,...} logging, after qemu's {@code -d}: what is logged and the formats of the
 * items the profile package writes (in_asm, exec). The IR and bytecode items are written by
 * the translator from {@link org.jx86.runtime.EngineOptions#logItems}. Off means no listener
 * at all, so no cost.
 */
public final class DebugLog {
    /** Item names and their one-line descriptions, in -d help order. */
    public static final Map<String, String> ITEMS = new LinkedHashMap<>();

    static {
        ITEMS.put("in_asm", "guest disassembly of each translated block");
        ITEMS.put("op_lift", "IR of each block as lifted, before optimisation");
        ITEMS.put("op", "IR of each block after optimisation (what is compiled or interpreted)");
        ITEMS.put("out_asm", "JVM bytecode generated for each compiled block (ASM Textifier)");
        ITEMS.put("exec", "one line per executed block (slow)");
    }

    final boolean inAsm;
    final boolean exec;
    private final PrintStream out;

    public DebugLog(Set<String> items, PrintStream out) {
        this.inAsm = items.contains("in_asm");
        this.exec = items.contains("exec");
        this.out = out;
    }

    /** The -d help text. */
    public static String help() {
        StringBuilder sb = new StringBuilder("Log items (-d ITEM[,ITEM...], -D FILE for the log file):\n");
        for (Map.Entry<String, String> e : ITEMS.entrySet())
            sb.append(String.format("%-10s %s%n", e.getKey(), e.getValue()));
        sb.append(String.format("%-10s %s%n", "all", "all of the above"));
        return sb.toString();
    }

    /**
     * Parses "in_asm,op"; "op_opt" is accepted as qemu's name for op, "all" means every item.
     *
     * @throws IllegalArgumentException naming an unknown item
     */
    public static Set<String> parse(String spec) {
        Set<String> items = new LinkedHashSet<>();
        for (String s : spec.split(",")) {
            String item = s.trim();
            if (item.isEmpty()) continue;
            if (item.equals("all")) items.addAll(ITEMS.keySet());
            else if (item.equals("op_opt")) items.add("op");
            else if (ITEMS.containsKey(item) || item.equals("help")) items.add(item);
            else throw new IllegalArgumentException("-d: unknown log item '" + item + "' (try -d help)");
        }
        return items;
    }

    /** qemu's in_asm block: a rule, "IN: symbol", one line per instruction, a blank line. */
    void inAsm(long rip, byte[] code, Symbolizer.Location where) {
        String listing = GuestCode.listing(code, rip, true);
        synchronized (out) {
            out.print("----------------\nIN: " + where.label(rip) + "\n" + listing + "\n");
        }
    }

    /** qemu's exec line: "Trace CPU: [guest address] symbol". */
    void exec(int cpu, BlockInfo b) {
        out.println("Trace " + cpu + ": 0x" + Long.toHexString(System.identityHashCode(b.translation)) + " ["
            + String.format("%016x", b.rip) + "] " + b.label());
    }

    public void flush() { out.flush(); }
}
