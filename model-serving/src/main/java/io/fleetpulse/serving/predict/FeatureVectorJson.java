package io.fleetpulse.serving.predict;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.FeatureColumns;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * Reads one feature vector from JSON that uses the Avro {@link FeatureVector} field names into a
 * {@link FeatureVector}, so a prediction runs through exactly the learner's own scoring path. Every
 * problem is an {@link ApiException} naming the field: unknown field, a required one missing,
 * non-numeric, not finite, not whole where the schema has an integer, a window that ends before it
 * starts.
 */
public final class FeatureVectorJson {

    /** Fields every vector needs: the window length turns totals into rates. */
    static final String WINDOW_START = "windowStart";

    static final String WINDOW_END = "windowEnd";

    private static final Schema SCHEMA = FeatureVector.getClassSchema();

    private FeatureVectorJson() {}

    /**
     * The fields a model reading {@code columns} needs: each column's source field unless the
     * schema lets it be null, and the window bounds.
     */
    public static Set<String> requiredFields(Collection<String> columns) {
        Set<String> out = new TreeSet<>();
        out.add(WINDOW_START);
        out.add(WINDOW_END);
        for (String column : columns) {
            String field = FeatureColumns.sourceField(column);
            if (field != null && !nullable(SCHEMA.getField(field).schema())) {
                out.add(field);
            }
        }
        return out;
    }

    /**
     * The vector in {@code node}.
     *
     * @param required the fields that must be present and not null
     * @throws ApiException naming the field and the reason
     */
    public static FeatureVector read(JsonNode node, Set<String> required) {
        if (node == null || !node.isObject()) {
            throw new ApiException(
                    ApiError.MALFORMED,
                    "a feature vector must be a JSON object with FeatureVector field names");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SCHEMA.getField(name) == null) {
                throw new ApiException(
                        ApiError.UNKNOWN_FIELD,
                        name,
                        -1,
                        "unknown field " + name + "; fields are those of the Avro FeatureVector");
            }
        }
        FeatureVector v = new FeatureVector();
        for (Schema.Field f : SCHEMA.getFields()) {
            JsonNode value = node.get(f.name());
            if (value == null || value.isNull()) {
                if (required.contains(f.name())) {
                    throw new ApiException(
                            ApiError.MISSING, f.name(), -1, "field " + f.name() + " is missing");
                }
                continue;
            }
            v.put(f.pos(), convert(f, value));
        }
        if (v.getWindowEnd() <= v.getWindowStart()) {
            throw new ApiException(
                    ApiError.INVALID,
                    WINDOW_END,
                    -1,
                    "windowEnd ("
                            + v.getWindowEnd()
                            + ") must be after windowStart ("
                            + v.getWindowStart()
                            + ")");
        }
        return v;
    }

    private static Object convert(Schema.Field f, JsonNode value) {
        Schema.Type type = nonNull(f.schema()).getType();
        if (type == Schema.Type.STRING) {
            if (!value.isTextual()) {
                throw new ApiException(
                        ApiError.INVALID, f.name(), -1, "field " + f.name() + " must be a string");
            }
            return value.asText();
        }
        if (!value.isNumber()) {
            throw new ApiException(
                    ApiError.NON_NUMERIC,
                    f.name(),
                    -1,
                    "field " + f.name() + " must be a number, was " + abbreviate(value));
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ApiException(
                    ApiError.NOT_FINITE, f.name(), -1, "field " + f.name() + " is " + d);
        }
        switch (type) {
            case DOUBLE:
                return d;
            case FLOAT:
                return (float) d;
            case INT:
                if (!value.canConvertToInt() || d != Math.rint(d)) {
                    throw notWhole(f, value);
                }
                return (int) d;
            case LONG:
                if (!value.canConvertToLong() || d != Math.rint(d)) {
                    throw notWhole(f, value);
                }
                return value.longValue();
            default:
                throw new ApiException(
                        ApiError.INVALID, f.name(), -1, "field " + f.name() + " is not numeric");
        }
    }

    private static ApiException notWhole(Schema.Field f, JsonNode value) {
        return new ApiException(
                ApiError.INVALID,
                f.name(),
                -1,
                "field " + f.name() + " must be a whole number, was " + abbreviate(value));
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static boolean nullable(Schema s) {
        return s.getType() == Schema.Type.UNION
                && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        return s.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL)
                .findFirst()
                .orElse(s);
    }
}
