package io.fleetpulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Starts harmless stand-in processes ({@code sleep}) whose command line names a main class. */
final class TestProcesses {

    private TestProcesses() {}

    /**
     * A {@code sleep} whose command line reads {@code fleet-test MAIN WORKDIR 60}; with {@code
     * ignoreTerm} it ignores SIGTERM (only SIGKILL ends it).
     */
    static Process sleeper(String mainClass, String workDir, boolean ignoreTerm) {
        String exec = "exec -a \"fleet-test " + mainClass + " " + workDir + "\" sleep 60";
        String script = ignoreTerm ? "trap '' TERM; " + exec : exec;
        try {
            Process p = new ProcessBuilder(List.of("bash", "-c", script)).start();
            // Wait until bash has exec'd sleep, so the command line is the final one.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline
                    && !Processes.commandLine(p.pid()).orElse("").startsWith("fleet-test")) {
                Thread.sleep(20);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
