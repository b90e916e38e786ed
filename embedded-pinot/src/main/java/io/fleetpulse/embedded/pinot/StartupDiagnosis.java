package io.fleetpulse.embedded.pinot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Explains why a Pinot node failed to start from what it wrote to its logs: a port taken, memory
 * exhausted, a missing {@code --add-opens} option, or else the last error line.
 */
final class StartupDiagnosis {

    /** A failure signature: a reason and a human explanation. */
    record Finding(PinotStartException.Reason reason, String explanation) {}

    private static final int TAIL_BYTES = 256 * 1024;
    private static final List<String> PORT_TAKEN =
            List.of("Address already in use", "BindException");
    private static final List<String> HEAP_EXHAUSTED =
            List.of("OutOfMemoryError", "Terminating due to java.lang.OutOfMemoryError");
    private static final List<String> MEMORY_UNAVAILABLE =
            List.of(
                    "Could not reserve enough space",
                    "insufficient memory for the Java Runtime",
                    "Cannot allocate memory");
    private static final List<String> MISSING_OPTION =
            List.of("InaccessibleObjectException", "does not \"opens", "module java.base does not");

    private StartupDiagnosis() {}

    /** Reads the node's logs and names the most likely cause. */
    static Finding diagnose(PinotNode node, List<Path> logs) {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            text.append(tail(log)).append('\n');
        }
        return diagnose(node, text.toString());
    }

    /** As {@link #diagnose(PinotNode, List)} on log text. */
    static Finding diagnose(PinotNode node, String text) {
        String who = "the Pinot " + node.id();
        String line = firstLineWith(text, MEMORY_UNAVAILABLE);
        if (line != null) {
            return new Finding(
                    PinotStartException.Reason.OUT_OF_MEMORY,
                    who
                            + " could not get the memory it asked for ("
                            + line.strip()
                            + "); lower its heap or free memory on this machine");
        }
        line = firstLineWith(text, HEAP_EXHAUSTED);
        if (line != null) {
            return new Finding(
                    PinotStartException.Reason.OUT_OF_MEMORY,
                    who + " ran out of memory (" + line.strip() + "); give it a larger heap");
        }
        line = firstLineWith(text, PORT_TAKEN);
        if (line != null) {
            return new Finding(
                    PinotStartException.Reason.PORT_TAKEN,
                    who + " could not bind its port: " + line.strip());
        }
        line = firstLineWith(text, MISSING_OPTION);
        if (line != null) {
            return new Finding(
                    PinotStartException.Reason.MISSING_JAVA_OPTION,
                    who
                            + " needs a Java option it did not get ("
                            + line.strip()
                            + "); Pinot 0.11 on Java 17 needs "
                            + String.join(" ", PinotRuntime.JAVA_17_OPTIONS));
        }
        line = lastLineWith(text, List.of("ERROR", "Exception", "Error:"));
        return new Finding(
                PinotStartException.Reason.EXITED,
                who
                        + " failed"
                        + (line == null ? " without logging an error" : ": " + line.strip()));
    }

    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] all = Files.readAllBytes(log);
            int from = Math.max(0, all.length - TAIL_BYTES);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLineWith(String text, List<String> needles) {
        for (String line : text.split("\n")) {
            for (String needle : needles) {
                if (line.contains(needle)) {
                    return line;
                }
            }
        }
        return null;
    }

    private static String lastLineWith(String text, List<String> needles) {
        String found = null;
        for (String line : text.split("\n")) {
            for (String needle : needles) {
                if (line.contains(needle) && !line.toLowerCase(Locale.ROOT).startsWith("\tat ")) {
                    found = line;
                }
            }
        }
        return found;
    }
}
