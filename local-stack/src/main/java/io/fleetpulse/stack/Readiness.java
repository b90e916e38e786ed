package io.fleetpulse.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Waits for a started process to become ready: a line in its log, or an HTTP health check answering
 * 200. Gives up early, with the log's last lines, when the process dies.
 */
public final class Readiness {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int TAIL_LINES = 15;

    private Readiness() {}

    /**
     * Waits until a line starting with {@code prefix} appears after byte {@code from} of the log.
     */
    public static void awaitLogLine(
            String component, Process p, Path log, long from, String prefix, Duration timeout) {
        await(component, p, log, timeout, () -> logContains(log, from, prefix));
    }

    /** Waits until {@code GET url} answers 200. */
    public static void awaitHttpOk(
            String component, Process p, Path log, String url, Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(1))
                        .build();
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2))
                        .GET()
                        .build();
        await(
                component,
                p,
                log,
                timeout,
                () -> {
                    try {
                        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
    }

    /** Waits until {@code ready} holds; fails early, with the log's tail, if {@code p} dies. */
    public static void await(
            String component, Process p, Path log, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!p.isAlive()) {
                throw new StackException(
                        component
                                + " exited with code "
                                + p.exitValue()
                                + " while starting; last lines of "
                                + log
                                + ":\n"
                                + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(
                        component
                                + " (pid "
                                + p.pid()
                                + ") did not become ready within "
                                + timeout.toSeconds()
                                + " s; last lines of "
                                + log
                                + ":\n"
                                + tail(log));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + component, e);
            }
        }
    }

    /** Current size of {@code log}, 0 if it does not exist (the offset new output starts at). */
    public static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean logContains(Path log, long from, String prefix) {
        if (!Files.exists(log)) {
            return false;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(Math.min(from, f.length()));
            String line;
            while ((line = f.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of {@code log}, indented, for error messages. */
    public static String tail(Path log) {
        try {
            List<String> lines =
                    new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            List<String> last =
                    new ArrayList<>(
                            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
            last.replaceAll(l -> "    " + l);
            return String.join("\n", last);
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")";
        }
    }
}
