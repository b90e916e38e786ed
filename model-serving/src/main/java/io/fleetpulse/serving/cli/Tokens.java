package io.fleetpulse.serving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where model-serving's bearer tokens come from: token files (one token per line, {@code #}
 * comments), the environment variable {@link #ENV} (comma-separated), and, when neither gives one,
 * a random token generated into {@code <state dir>/token} (owner-only) so that a local stack is
 * never open. Tokens are never printed; only the file they are in.
 */
public final class Tokens {

    /** Environment variable with comma-separated tokens. */
    public static final String ENV = "FLEET_SERVING_TOKENS";

    /** The generated token's file name in the state directory. */
    public static final String GENERATED_FILE = "token";

    private static final int TOKEN_BYTES = 24;

    private Tokens() {}

    /** Tokens from {@code files} and {@code envValue} (may be null). */
    public static List<String> load(List<Path> files, String envValue) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        }
        if (envValue != null) {
            for (String t : envValue.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.strip());
                }
            }
        }
        return out;
    }

    /**
     * The token in {@code stateDir/token}, created (random, readable by the owner only) if absent.
     */
    public static String generated(Path stateDir) throws IOException {
        Path file = stateDir.resolve(GENERATED_FILE);
        if (Files.exists(file)) {
            List<String> existing = load(List.of(file), null);
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
        }
        Files.createDirectories(stateDir);
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Path tmp = file.resolveSibling(GENERATED_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file stays with default permissions
        }
        Files.writeString(tmp, token + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return token;
    }
}
