package io.fleetpulse.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a stack component as its own JVM with the launcher's classpath: the same Java, {@code
 * java.io.tmpdir} and {@code fleet.work.dir} under the work directory, stdout and stderr appended
 * to the component's log file, stdin from /dev/null. Where {@code setsid} exists the JVM gets its
 * own session, so a Ctrl-C in the terminal reaches only the launcher, which then stops what it
 * started in order.
 */
public final class JvmLauncher {

    private static final String SETSID = "/usr/bin/setsid";

    private final StackLayout layout;
    private final String classpath;

    /**
     * @param layout the work directory layout
     * @param classpath the classpath for the new JVMs (the launcher's own, normally)
     */
    public JvmLauncher(StackLayout layout, String classpath) {
        this.layout = layout;
        this.classpath = classpath;
    }

    /** A launcher for this JVM's work directory and classpath. */
    public static JvmLauncher forThisJvm(StackLayout layout) {
        return new JvmLauncher(layout, System.getProperty("java.class.path"));
    }

    public String classpath() {
        return classpath;
    }

    /**
     * Starts {@code mainClass} with {@code args}.
     *
     * @param component name used for the log file and the {@code fleet.component} property
     * @param heap maximum heap, e.g. {@code 1g}
     */
    public Process start(String component, String heap, String mainClass, List<String> args) {
        return start(component, List.of("-Xmx" + heap), mainClass, args);
    }

    /**
     * Starts {@code mainClass} with {@code args} and the given JVM options (memory limits among
     * them) in place of a plain maximum heap.
     */
    public Process start(
            String component, List<String> jvmOptions, String mainClass, List<String> args) {
        try {
            Files.createDirectories(layout.logsDir());
            Files.createDirectories(layout.tmpDir());
            Path log = layout.logFile(component);
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of(SETSID))) {
                cmd.add(SETSID);
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.add("-Djava.io.tmpdir=" + layout.tmpDir());
            cmd.add("-D" + StackLayout.WORK_DIR_PROPERTY + "=" + layout.workDir());
            cmd.add("-Dfleet.component=" + component);
            cmd.add("-Dfleet.log.level=INFO");
            cmd.add("-Djava.awt.headless=true");
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(mainClass);
            cmd.addAll(args);
            ProcessBuilder pb =
                    new ProcessBuilder(cmd)
                            .directory(layout.workDir().toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + component + ": " + e.getMessage(), e);
        }
    }
}
