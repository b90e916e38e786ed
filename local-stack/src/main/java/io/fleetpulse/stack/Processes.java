package io.fleetpulse.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Operating-system process checks for the local stack: whether a PID is alive, its command line,
 * whether it is one of ours, and stopping it (SIGTERM, wait, SIGKILL). "Ours" means alive, started
 * at the recorded time (no PID reuse) and its command line names our main class and our work
 * directory: {@code fleet down} never signals anything else.
 */
public final class Processes {

    /** Allowed difference between recorded and observed start time (clock granularity). */
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(2);

    private Processes() {}

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The full command line of {@code pid} (arguments joined by blanks), or empty if the process is
     * gone or cannot be inspected. Reads {@code /proc/PID/cmdline} where it exists (never
     * truncated), else asks the JDK.
     */
    public static Optional<String> commandLine(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                byte[] raw = Files.readAllBytes(proc);
                if (raw.length > 0) {
                    return Optional.of(
                            new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
                }
            } catch (IOException e) {
                return Optional.empty(); // exited between the check and the read
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
    }

    /** When {@code pid} started, if known. */
    public static Optional<Instant> startTime(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    }

    /**
     * Whether the recorded component is still the process we started: alive, same start time (when
     * both are known), command line containing its main class and {@code workDir}.
     */
    public static boolean isOurs(ComponentState c, Path workDir) {
        if (c.pid() <= 0 || !isAlive(c.pid())) {
            return false;
        }
        Optional<Instant> started = startTime(c.pid());
        if (c.startedAt() != null
                && started.isPresent()
                && Duration.between(c.startedAt(), started.get())
                                .abs()
                                .compareTo(START_TIME_TOLERANCE)
                        > 0) {
            return false;
        }
        return commandLine(c.pid())
                .map(cmd -> cmd.contains(c.mainClass()) && cmd.contains(workDir.toString()))
                .orElse(false);
    }

    /**
     * Sends SIGTERM, waits up to {@code grace} for the process to exit, then SIGKILL and waits
     * again. Returns true if it is gone. The caller must have checked {@link #isOurs}.
     */
    public static boolean stop(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        ProcessHandle h = handle.get();
        h.destroy();
        if (awaitExit(h, grace)) {
            return true;
        }
        h.destroyForcibly();
        return awaitExit(h, Duration.ofSeconds(10));
    }

    private static boolean awaitExit(ProcessHandle h, Duration timeout) {
        try {
            h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !h.isAlive();
        } catch (ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        }
    }
}
