package io.fleetpulse.serving.predict;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import java.util.List;

/**
 * Reads {@code {"inputs":[...]}}: a model's input values in the order {@code GET
 * /v1/models/{model}} lists them (already per-hour rates, as the learner computes them). Wrong
 * length, non-numbers and non-finite numbers are refused naming the position and column.
 */
final class RawInputs {

    private RawInputs() {}

    static double[] read(JsonNode node, List<String> names) {
        if (node.size() != 1) {
            throw new ApiException(
                    ApiError.MALFORMED,
                    PredictHandler.INPUTS,
                    -1,
                    "an inputs object holds only \"inputs\"; found fields " + fields(node));
        }
        JsonNode values = node.get(PredictHandler.INPUTS);
        if (!values.isArray()) {
            throw new ApiException(
                    ApiError.MALFORMED, PredictHandler.INPUTS, -1, "inputs must be an array");
        }
        if (values.size() != names.size()) {
            throw new ApiException(
                    ApiError.WRONG_LENGTH,
                    PredictHandler.INPUTS,
                    -1,
                    "expected "
                            + names.size()
                            + " input values, got "
                            + values.size()
                            + "; GET /v1/models/{model} lists them in order");
        }
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = values.get(i);
            String field = PredictHandler.INPUTS + "[" + i + "]";
            if (x == null || x.isNull()) {
                throw new ApiException(
                        ApiError.MISSING, field, -1, field + " (" + names.get(i) + ") is null");
            }
            if (!x.isNumber()) {
                throw new ApiException(
                        ApiError.NON_NUMERIC,
                        field,
                        -1,
                        field + " (" + names.get(i) + ") must be a number");
            }
            out[i] = x.doubleValue();
            if (!Double.isFinite(out[i])) {
                throw new ApiException(
                        ApiError.NOT_FINITE,
                        field,
                        -1,
                        field + " (" + names.get(i) + ") is " + out[i]);
            }
        }
        return out;
    }

    private static String fields(JsonNode node) {
        StringBuilder out = new StringBuilder("[");
        node.fieldNames().forEachRemaining(n -> out.append(out.length() > 1 ? ", " : "").append(n));
        return out.append(']').toString();
    }
}
