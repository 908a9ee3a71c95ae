package org.jx86.runtime.sys;

import org.jx86.vmm.sys.SysFeatures;

/** What `jx86 vm` was asked to build: memory, vCPUs, CPU features, the kernel and its command line. */
public final class VmConfig {
    public long memory = 256L << 20;
    public int smp = 1;
    public SysFeatures features = SysFeatures.all();
    public boolean stats;
    public String cmdline = "";

    /** Parses a --cpu list such as {@code lam=on,la57=off,pcid=on,maxphyaddr=46}. */
    public static SysFeatures parseCpu(String spec) {
        boolean lam = true, la57 = true, pcid = true, invpcid = true, smep = true, smap = true;
        int maxPhy = 46;
        if (spec != null && !spec.isBlank()) {
            for (String item : spec.split(",")) {
                String[] kv = item.trim().split("=", 2);
                if (kv.length != 2) throw new IllegalArgumentException("--cpu: expected NAME=VALUE, got '" + item + "'");
                String k = kv[0].trim().toLowerCase(java.util.Locale.ROOT), v = kv[1].trim().toLowerCase(java.util.Locale.ROOT);
                if (k.equals("maxphyaddr")) {
                    try {
                        maxPhy = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--cpu: maxphyaddr must be a number, got '" + v + "'");
                    }
                    if (maxPhy < 36 || maxPhy > 52) throw new IllegalArgumentException("--cpu: maxphyaddr must be in 36..52");
                    continue;
                }
                boolean on = switch (v) {
                    case "on", "1", "yes", "true" -> true;
                    case "off", "0", "no", "false" -> false;
                    default -> throw new IllegalArgumentException("--cpu: " + k + " must be on or off, got '" + v + "'");
                };
                switch (k) {
                    case "lam" -> lam = on;
                    case "la57" -> la57 = on;
                    case "pcid" -> pcid = on;
                    case "invpcid" -> invpcid = on;
                    case "smep" -> smep = on;
                    case "smap" -> smap = on;
                    default -> throw new IllegalArgumentException("--cpu: unknown feature '" + k
                        + "' (known: lam, la57, pcid, invpcid, smep, smap, maxphyaddr)");
                }
            }
        }
        return new SysFeatures(lam, la57, pcid, invpcid, smep, smap, maxPhy);
    }

    /** Parses sizes like 256M, 1G, 65536K, 1048576. */
    public static long parseSize(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        long mul = 1;
        if (t.endsWith("K")) mul = 1L << 10;
        else if (t.endsWith("M")) mul = 1L << 20;
        else if (t.endsWith("G")) mul = 1L << 30;
        if (mul != 1) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t) * mul;
            if (v < (4L << 20) || v > (64L << 30) || (v & 0xFFF) != 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--memory: expected a size from 4M to 64G in 4K units, got '" + s + "'");
        }
    }
}
