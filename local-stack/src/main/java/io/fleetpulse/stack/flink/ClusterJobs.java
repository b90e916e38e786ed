package io.fleetpulse.stack.flink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpulse.flink.LatestCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Submits FleetPulse jobs to a Flink cluster through its REST API (upload the job jar, run it) and
 * stops them again: stop-with-savepoint, or cancel where the savepoint fails. A job submitted again
 * resumes from its newest savepoint or retained checkpoint. The jobs are recorded in {@link
 * FlinkClusterLayout#jobsFile()}.
 */
public final class ClusterJobs {

    /** One submitted job; {@code running} is false once it was stopped. */
    public record Submitted(String name, String jobId, String jarId, boolean running) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final FlinkClusterLayout layout;
    private final FlinkRest rest;

    public ClusterJobs(FlinkClusterLayout layout, FlinkRest rest) {
        this.layout = layout;
        this.rest = rest;
    }

    /**
     * Uploads {@code job}'s jar and runs it, restored from its newest snapshot if there is one. A
     * recorded run of it that the cluster still runs is adopted instead (no second copy).
     */
    public Submitted submit(ClusterJob job, PrintStream out) throws IOException {
        Optional<Submitted> live =
                load().stream()
                        .filter(s -> s.name().equals(job.name()) && s.running())
                        .filter(s -> !isTerminal(rest.jobState(s.jobId()).orElse("UNKNOWN")))
                        .findFirst();
        if (live.isPresent()) {
            out.printf("%s already runs on the cluster (job %s)%n", job.name(), live.get().jobId());
            return live.get();
        }
        Optional<String> restore = restorePoint(job.name());
        out.printf(
                "submitting %s (%s) to %s%s ...%n",
                job.name(),
                job.jar().getFileName(),
                rest.baseUrl(),
                restore.map(r -> ", restoring " + r).orElse(""));
        String jarId = rest.uploadJar(job.jar());
        String jobId = rest.runJar(jarId, job.entryClass(), job.args(), restore);
        Submitted s = new Submitted(job.name(), jobId, jarId, true);
        save(with(load(), s));
        return s;
    }

    /** The recorded jobs. */
    public List<Submitted> recorded() {
        return load();
    }

    /**
     * Stops every recorded running job (newest first) with a savepoint, cancelling it if that fails
     * within {@code timeout}, and deletes its uploaded jar.
     */
    public void stopAll(Duration timeout, PrintStream out) {
        List<Submitted> jobs = new ArrayList<>(load());
        for (int i = jobs.size() - 1; i >= 0; i--) {
            Submitted s = jobs.get(i);
            if (!s.running()) {
                continue;
            }
            stop(s, timeout, out);
            jobs.set(i, new Submitted(s.name(), s.jobId(), s.jarId(), false));
            save(jobs);
        }
    }

    private void stop(Submitted s, Duration timeout, PrintStream out) {
        String state = rest.jobState(s.jobId()).orElse("UNKNOWN");
        if ("RUNNING".equals(state)) {
            out.printf("stopping %s (job %s) with a savepoint ...", s.name(), s.jobId());
            out.flush();
            try {
                String savepoint =
                        rest.stopWithSavepoint(s.jobId(), layout.savepointsDir(s.name()), timeout);
                out.println(" " + savepoint);
                pruneSavepoints(s.name(), savepoint, out);
            } catch (FlinkRestException e) {
                out.println(" failed (" + e.getMessage() + "); cancelling it");
                rest.cancel(s.jobId());
            }
        } else if (!isTerminal(state)) {
            out.printf("cancelling %s (job %s, %s)%n", s.name(), s.jobId(), state);
            rest.cancel(s.jobId());
        } else {
            out.printf("%s (job %s) already %s%n", s.name(), s.jobId(), state);
        }
        awaitTerminal(s, timeout, out);
        try {
            rest.deleteJar(s.jarId());
        } catch (FlinkRestException e) {
            out.printf("note: could not delete jar %s: %s%n", s.jarId(), e.getMessage());
        }
    }

    /**
     * Deletes the job's older savepoints once a new one exists (savepoints are self-contained), so
     * {@code down}/{@code up} cycles do not fill the disk.
     */
    private void pruneSavepoints(String name, String newest, PrintStream out) {
        Path keep = Path.of(URI.create(newest)).normalize();
        Path dir = layout.savepointsDir(name);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p :
                    old.filter(p -> p.getFileName().toString().startsWith("savepoint-"))
                            .filter(p -> !p.normalize().equals(keep))
                            .toList()) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            out.printf("note: could not prune old savepoints in %s: %s%n", dir, e.getMessage());
        }
    }

    /** A stopped or cancelled job ends a moment after the call returns: wait for that. */
    private void awaitTerminal(Submitted s, Duration timeout, PrintStream out) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = rest.jobState(s.jobId()).orElse("UNKNOWN");
        while (!isTerminal(state) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            state = rest.jobState(s.jobId()).orElse("UNKNOWN");
        }
        if (!isTerminal(state)) {
            out.printf("note: %s (job %s) still %s%n", s.name(), s.jobId(), state);
        }
    }

    private static boolean isTerminal(String state) {
        return List.of("FINISHED", "CANCELED", "FAILED", "UNKNOWN").contains(state);
    }

    /**
     * The newest of the job's savepoints and the retained checkpoints of its last run (a cancelled
     * job keeps them), as a URI.
     */
    public Optional<String> restorePoint(String name) {
        List<String> candidates = new ArrayList<>();
        LatestCheckpoint.newest(layout.savepointsDir(name).toString(), "savepoint-")
                .ifPresent(candidates::add);
        load().stream()
                .filter(s -> s.name().equals(name))
                .reduce((a, b) -> b)
                .flatMap(
                        s ->
                                LatestCheckpoint.under(
                                        layout.checkpointsDir().resolve(s.jobId()).toString()))
                .ifPresent(candidates::add);
        return candidates.stream().max(Comparator.comparingLong(ClusterJobs::metadataTime));
    }

    private static long metadataTime(String snapshot) {
        try {
            return Files.getLastModifiedTime(Path.of(URI.create(snapshot)).resolve("_metadata"))
                    .toMillis();
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static List<Submitted> with(List<Submitted> jobs, Submitted s) {
        return Stream.concat(jobs.stream().filter(j -> !j.name().equals(s.name())), Stream.of(s))
                .toList();
    }

    private List<Submitted> load() {
        Path f = layout.jobsFile();
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            return JSON.readValue(f.toFile(), new TypeReference<List<Submitted>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private void save(List<Submitted> jobs) {
        try {
            Files.createDirectories(layout.root());
            JSON.writerWithDefaultPrettyPrinter().writeValue(layout.jobsFile().toFile(), jobs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + layout.jobsFile(), e);
        }
    }
}
