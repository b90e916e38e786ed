package io.fleetpulse.serving.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Bearer-token check for every endpoint but health: {@code Authorization: Bearer <token>} must
 * carry one of the configured tokens. Only SHA-256 digests of the tokens are kept and compared in
 * constant time against all of them; a token is never logged or printed ({@link #toString()} says
 * how many there are).
 */
public final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private final List<byte[]> digests = new ArrayList<>();

    /**
     * @throws IllegalArgumentException if there is no token or one is blank or has whitespace
     */
    public BearerAuth(Collection<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one bearer token is needed");
        }
        for (String t : tokens) {
            if (t == null || t.isBlank() || !t.strip().equals(t) || t.contains(" ")) {
                throw new IllegalArgumentException(
                        "a bearer token must be non-empty without whitespace");
            }
            digests.add(digest(t));
        }
    }

    /** Refuses {@code ctx} with 401 unless it carries a known token. */
    public void check(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fleetpulse\"");
            throw new ApiException(
                    ApiError.UNAUTHORIZED,
                    "Authorization",
                    -1,
                    "missing bearer token (Authorization: Bearer <token>)");
        }
        byte[] presented = digest(header.substring(PREFIX.length()).strip());
        boolean known = false;
        for (byte[] d : digests) {
            known |= MessageDigest.isEqual(d, presented);
        }
        if (!known) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fleetpulse\", error=\"invalid_token\"");
            throw new ApiException(
                    ApiError.UNAUTHORIZED, "Authorization", -1, "unknown bearer token");
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "BearerAuth[" + digests.size() + " token(s)]";
    }
}
