package io.fleetpulse.pinot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The library of named analyst queries: {@code queries/INDEX} lists them, {@code
 * queries/<name>.sql} holds each. A file starts with comment lines: the first is the description,
 * then {@code -- @param NAME TYPE DEFAULT DESCRIPTION…} per parameter ({@code -} as DEFAULT:
 * required).
 */
public final class NamedQueries {

    private static final String DIR = "queries/";
    private static final String PARAM = "@param";

    private NamedQueries() {}

    /** Every named query, in INDEX order. */
    public static List<NamedQuery> all() {
        List<NamedQuery> out = new ArrayList<>();
        for (String line : read(DIR + "INDEX").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                out.add(parse(name, read(DIR + name + ".sql")));
            }
        }
        return out;
    }

    /** The named query called {@code name}, if there is one. */
    public static Optional<NamedQuery> find(String name) {
        return all().stream().filter(q -> q.name().equals(name)).findFirst();
    }

    static NamedQuery parse(String name, String text) {
        String description = null;
        List<QueryParam> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (sql.isEmpty() && t.startsWith("--")) {
                String comment = t.substring(2).strip();
                if (comment.startsWith(PARAM)) {
                    params.add(param(name, comment.substring(PARAM.length()).strip()));
                } else if (description == null && !comment.isEmpty()) {
                    description = comment;
                }
            } else if (!t.isEmpty() || !sql.isEmpty()) {
                sql.append(line).append('\n');
            }
        }
        if (description == null) {
            throw new IllegalStateException("query " + name + " has no description comment");
        }
        String template = sql.toString().strip();
        if (template.endsWith(";")) {
            template = template.substring(0, template.length() - 1);
        }
        return new NamedQuery(name, description, params, template);
    }

    private static QueryParam param(String query, String spec) {
        String[] parts = spec.split("\\s+", 4);
        if (parts.length < 4) {
            throw new IllegalStateException(
                    "query "
                            + query
                            + ": '@param "
                            + spec
                            + "' needs NAME TYPE DEFAULT DESCRIPTION");
        }
        QueryParam.Type type = QueryParam.Type.valueOf(parts[1].toUpperCase(Locale.ROOT));
        String defaultValue = parts[2].equals("-") ? null : parts[2];
        return new QueryParam(parts[0], type, defaultValue, parts[3]);
    }

    /** Parses {@code name=value} pairs as given on the command line. */
    public static Map<String, String> parseAssignments(List<String> assignments) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param needs NAME=VALUE, not '" + a + "'");
            }
            out.put(a.substring(0, eq).strip(), a.substring(eq + 1));
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = NamedQueries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
