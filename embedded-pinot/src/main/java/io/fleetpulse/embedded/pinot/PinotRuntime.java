package io.fleetpulse.embedded.pinot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where Pinot's own runtime lives on this machine: the classpath that the standalone build {@code
 * embedded-pinot/pinot-runtime/pom.xml} resolved from Maven Central (Pinot 0.11 and its
 * dependencies, written to a file) with FleetPulse's small plugin jar in front of it. Only the
 * Pinot JVMs this module launches ever get this classpath; no application JVM does.
 *
 * <p>The locations come from {@code runtime.properties}, written by the build; the system
 * properties {@value #CLASSPATH_PROPERTY} (a complete classpath) overrides them.
 */
public final class PinotRuntime {

    /** System property holding a complete Pinot classpath, overriding the built one. */
    public static final String CLASSPATH_PROPERTY = "fleet.pinot.classpath";

    /**
     * JVM options Pinot 0.11 needs on Java 17 (from Pinot's own launch scripts): without them it
     * fails with {@code InaccessibleObjectException} while starting.
     */
    public static final List<String> JAVA_17_OPTIONS =
            List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    private static final String RESOURCE = "runtime.properties";

    private final String classpath;
    private final String pinotVersion;

    private PinotRuntime(String classpath, String pinotVersion) {
        this.classpath = classpath;
        this.pinotVersion = pinotVersion;
    }

    /**
     * The runtime the build prepared.
     *
     * @throws PinotStartException (reason {@code RUNTIME_MISSING}) if it was not built or a jar is
     *     gone from the local Maven repository
     */
    public static PinotRuntime locate() {
        Properties props = new Properties();
        try (InputStream in = PinotRuntime.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw missing("resource " + RESOURCE + " is not on the classpath");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = props.getProperty("pinotVersion", "?");
        String override = System.getProperty(CLASSPATH_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new PinotRuntime(override, version);
        }
        Path pluginJar = Path.of(props.getProperty("pluginJar"));
        Path classpathFile = Path.of(props.getProperty("classpathFile"));
        requireFile(pluginJar);
        requireFile(classpathFile);
        String resolved;
        try {
            resolved = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile, e);
        }
        for (String jar : resolved.split(java.io.File.pathSeparator)) {
            requireFile(Path.of(jar));
        }
        // The plugin jar goes first: it carries the decoder and the patched QueryServer that must
        // shadow pinot-core's copy.
        return new PinotRuntime(pluginJar + java.io.File.pathSeparator + resolved, version);
    }

    /** The complete classpath for a Pinot JVM. */
    public String classpath() {
        return classpath;
    }

    /** The Pinot version the classpath holds. */
    public String pinotVersion() {
        return pinotVersion;
    }

    /** The java executable of this JVM's Java installation. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw missing(file + " does not exist");
        }
    }

    private static PinotStartException missing(String detail) {
        return new PinotStartException(
                PinotStartException.Reason.RUNTIME_MISSING,
                "the Pinot runtime is not built ("
                        + detail
                        + "); build it with: mvn -B -q -ntp -pl embedded-pinot package",
                null);
    }
}
