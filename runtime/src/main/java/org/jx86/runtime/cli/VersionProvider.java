package org.jx86.runtime.cli;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** "jx86 VERSION" from the pom.properties Maven puts in the jar, plus the JVM it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    static final String POM = "/META-INF/maven/org.jx86/jx86-runtime/pom.properties";

    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null) return v;
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "jx86 " + version(),
            "x86-64 Linux binaries on the JVM; running on Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")",
        };
    }
}
