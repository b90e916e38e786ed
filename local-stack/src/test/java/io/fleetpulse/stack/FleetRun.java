package io.fleetpulse.stack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One {@code fleet} command run in this JVM as a user would type it, with its exit code and what it
 * printed on stdout and stderr (the streams are captured for the call, then restored).
 */
record FleetRun(int rc, String out, String err) {

    static FleetRun of(StackLayout layout, String classpath, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = FleetCli.commandLine(new FleetCli(layout, classpath)).execute(args);
            return new FleetRun(
                    rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }
}
