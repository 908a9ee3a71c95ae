package org.jx86.runtime.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium (Debian packages chromium and
 * chromium-driver) loads the page with a test script appended that clicks the top block's row,
 * then dumps the DOM. The flame graph must have a frame for crunch() and the drill-down must
 * show the top block's guest code, as objdump lists it. Skipped only when no chromium is
 * installed.
 */
class HtmlReportChromiumTest {
    @TempDir Path dir;

    static String chromium() {
        for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, c))) return Path.of(d, c).toString();
            }
        }
        return null;
    }

    @Test
    void flameGraphRendersAndClickingABlockShowsItsCode() throws Exception {
        String browser = chromium();
        Assumptions.assumeTrue(browser != null, "chromium is not installed (Debian packages chromium, chromium-driver)");
        Path prog = HotProgram.build(dir, false);
        Path report = dir.resolve("report.html");
        HotProgram.Run r = HotProgram.jx86("profile", "--format", "html", "--output", report.toString(), prog.toString(),
            String.valueOf(HotProgram.ROUNDS));
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(report);
        assertTrue(!page.contains("http://") || page.indexOf("http://") == page.indexOf("http://www.w3.org/2000/svg"),
            "the report must not load anything from the network");

        // The test's "user": click the first row of the blocks table, as a mouse click would.
        String click = "<script>document.querySelector('tr.block').dispatchEvent(new MouseEvent('click', {bubbles: true}));"
            + "document.body.setAttribute('data-clicked', 'yes');</script>";
        Path clicked = dir.resolve("clicked.html");
        Files.writeString(clicked, page.replace("</body>", click + "</body>"));
        String dom = dumpDom(browser, clicked);

        assertTrue(dom.contains("data-clicked=\"yes\""), "the page's scripts did not run:\n" + head(dom));
        assertTrue(dom.contains("<g class=\"frame\" data-name=\"crunch\">"), "no flame-graph frame for crunch:\n" + head(dom));
        assertTrue(dom.contains("<g class=\"frame\" data-name=\"main\">"), "no flame-graph frame for main");
        Matcher row = Pattern.compile("<tr class=\"block selected\" data-rank=\"1\" data-start=\"(0x[0-9a-f]+)\" data-function=\"crunch\">")
            .matcher(dom);
        assertTrue(row.find(), "the top row (crunch) is not selected after the click:\n" + head(dom));
        long start = Long.decode(row.group(1));
        Matcher pre = Pattern.compile("<pre class=\"disasm\" id=\"detail-disasm\">([^<]*)</pre>").matcher(dom);
        assertTrue(pre.find(), "no disassembly shown after the click:\n" + head(dom));
        String firstLine = pre.group(1).split("\n")[0];
        assertEquals(objdumpLine(prog, start), firstLine.replace("&amp;", "&"));
        assertTrue(dom.contains("id=\"detail-ir\""), "no IR shown after the click");
    }

    /** objdump's line for the instruction at addr (the oracle for the page's disassembly), symbol suffix dropped. */
    private static String objdumpLine(Path prog, long addr) throws Exception {
        Process p = new ProcessBuilder("objdump", "-d", "-M", "intel", "--start-address=" + addr,
            "--stop-address=" + (addr + 16), prog.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "objdump failed: " + out);
        String prefix = String.format("%8x:\t", addr);
        for (String line : out.split("\n")) if (line.startsWith(prefix)) return line.replaceAll(" <[^>]*>$", "");
        throw new AssertionError("objdump did not list 0x" + Long.toHexString(addr) + ":\n" + out);
    }

    private Path profileDir() throws Exception { return Files.createTempDirectory(dir, "chromium-profile"); }

    private String dumpDom(String browser, Path page) throws Exception {
        Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profileDir(), "--dump-dom", page.toUri().toString())
            .redirectError(dir.resolve("chromium.log").toFile()).start();
        p.getOutputStream().close();
        String dom = new String(p.getInputStream().readAllBytes());
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertTrue(done && p.exitValue() == 0, "chromium failed: " + Files.readString(dir.resolve("chromium.log")));
        return dom;
    }

    private static String head(String s) { return s.length() > 3000 ? s.substring(0, 3000) + "..." : s; }
}
