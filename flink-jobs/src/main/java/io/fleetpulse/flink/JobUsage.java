package io.fleetpulse.flink;

import java.util.Arrays;

/**
 * How a job's {@code main} reports a bad command line. In its own JVM ({@code --local}) it prints
 * the message and exits with status 2. On a cluster the {@code main} may run inside the JobManager
 * (REST submission, application mode), where {@code System.exit} would stop the whole cluster:
 * there it throws, and Flink reports the message to whoever submitted the jar.
 */
public final class JobUsage {

    /** Exit status for a command-line error, as every FleetPulse command uses. */
    public static final int USAGE_EXIT_STATUS = 2;

    private JobUsage() {}

    /** Whether {@code args} ask for the embedded mini cluster ({@code --local}). */
    public static boolean local(String[] args) {
        String flag = "--" + JobEnvironments.LOCAL_FLAG;
        return Arrays.stream(args).anyMatch(a -> a.equals(flag) || a.startsWith(flag + "="));
    }

    /**
     * Reports {@code error} for {@code job}: exits the JVM when {@code args} run locally, else
     * throws an {@link IllegalArgumentException} naming the job.
     */
    public static IllegalArgumentException fail(
            String job, String[] args, IllegalArgumentException error) {
        String message = job + ": " + error.getMessage();
        if (local(args)) {
            System.err.println(message);
            System.exit(USAGE_EXIT_STATUS);
        }
        return new IllegalArgumentException(message, error);
    }
}
