package io.fleetpulse.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest completed checkpoint ({@code <dir>/<job-id>/chk-N/_metadata}) or savepoint
 * ({@code <dir>/savepoint-…/_metadata}) under a local directory, so a restarted job resumes where
 * it stopped.
 */
public final class LatestCheckpoint {

    private LatestCheckpoint() {}

    /** The newest complete checkpoint under {@code dir} (a path or file:// URI), if any. */
    public static Optional<String> under(String dir) {
        return newest(dir, "chk-");
    }

    /**
     * The newest complete snapshot under {@code dir} whose directory name starts with {@code
     * prefix}: {@code chk-} for checkpoints, {@code savepoint-} for savepoints.
     */
    public static Optional<String> newest(String dir, String prefix) {
        Path root = dir.startsWith("file:") ? Path.of(URI.create(dir)) : Path.of(dir);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.walk(root, 3)) {
            return all.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparingLong(LatestCheckpoint::modified))
                    .map(p -> p.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search checkpoints under " + root, e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
