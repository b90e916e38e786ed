package io.fleetpulse.flink;

import java.io.PrintStream;
import org.apache.flink.configuration.ConfigOption;

/** Prints a job's options with their defaults and descriptions. */
public final class JobHelp {

    private JobHelp() {}

    public static void print(Class<?> optionsClass, String job, PrintStream out) {
        out.println("Usage: " + job + " [--local] [--<option> VALUE]...");
        out.println("  --local  run in an embedded Flink mini cluster on 127.0.0.1");
        for (ConfigOption<?> o : JobArgs.declared(optionsClass).values()) {
            out.printf(
                    "  --%s  (default: %s)%n      %s%n",
                    o.key(),
                    o.hasDefaultValue() ? o.defaultValue() : "none",
                    o.description().toString().replaceAll("<[^>]+>", ""));
        }
    }
}
