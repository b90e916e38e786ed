package io.fleetpulse.pinot;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One analyst query from the library in {@code src/main/resources/queries/}: a SQL file whose first
 * comment line is its description and whose {@code -- @param} lines declare its parameters. {@code
 * ${now}} is always available: the time the query is rendered, in epoch milliseconds.
 *
 * @param name the file name without {@code .sql}
 * @param description one line saying what it answers
 * @param params declared parameters
 * @param template the SQL with {@code ${param}} placeholders
 */
public record NamedQuery(
        String name, String description, List<QueryParam> params, String template) {

    /** The built-in parameter holding the render time. */
    public static final String NOW = "now";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    public NamedQuery {
        params = List.copyOf(params);
    }

    /**
     * The SQL with every placeholder replaced by the literal of its value (given, else default).
     *
     * @throws IllegalArgumentException if a value is missing, unknown or malformed
     */
    public String render(Map<String, String> values, Instant now) {
        return render(values, now, Map.of());
    }

    /**
     * As {@link #render(Map, Instant)}, reading from other tables: {@code tables} maps a table name
     * the query uses (after {@code FROM}) to the one to read instead.
     */
    public String render(Map<String, String> values, Instant now, Map<String, String> tables) {
        Map<String, String> literals = new HashMap<>();
        literals.put(NOW, Long.toString(now.toEpochMilli()));
        for (String given : values.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(given))) {
                throw new IllegalArgumentException(
                        "query "
                                + name
                                + " has no parameter "
                                + given
                                + "; it has "
                                + paramNames());
            }
        }
        for (QueryParam p : params) {
            String value = values.getOrDefault(p.name(), p.defaultValue());
            if (value == null) {
                throw new IllegalArgumentException(
                        "query "
                                + name
                                + " needs --param "
                                + p.name()
                                + "=… ("
                                + p.description()
                                + ")");
            }
            literals.put(p.name(), p.literal(value, now));
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String literal = literals.get(m.group(1));
            if (literal == null) {
                throw new IllegalStateException(
                        "query " + name + " uses ${" + m.group(1) + "} but does not declare it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(literal));
        }
        m.appendTail(out);
        String sql = out.toString().strip();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            sql =
                    sql.replaceAll(
                            "(?i)\\bFROM\\s+" + Pattern.quote(t.getKey()) + "\\b",
                            "FROM " + Matcher.quoteReplacement(t.getValue()));
        }
        return sql;
    }

    private List<String> paramNames() {
        return params.stream().map(QueryParam::name).toList();
    }
}
