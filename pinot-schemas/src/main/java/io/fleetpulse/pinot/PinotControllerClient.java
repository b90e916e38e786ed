package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The parts of the Pinot controller's REST API that {@link PinotApplier} needs: validate, read,
 * create and update schemas and REALTIME table configs. Validation answers with the config as Pinot
 * normalises it (the form {@code GET} returns), which is what makes applying idempotent.
 */
public final class PinotControllerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String UNRECOGNIZED = "unrecognizedProperties";
    private static final String REALTIME = "REALTIME";

    private final PinotHttp http;

    public PinotControllerClient(String controllerUrl) {
        this.http = new PinotHttp(controllerUrl, TIMEOUT);
    }

    public String url() {
        return http.baseUrl();
    }

    /** The schema as Pinot would store it; a property Pinot does not know is an error. */
    public ObjectNode validateSchema(ObjectNode schema) {
        String name = schema.path("schemaName").asText();
        JsonNode r =
                PinotHttp.require(
                        http.post("/schemas/validate", schema), "validating schema " + name);
        return withoutUnrecognized(r, "schema " + name);
    }

    /** The stored schema, if there is one. */
    public Optional<ObjectNode> schema(String name) {
        PinotHttp.Response r = http.get("/schemas/" + encode(name));
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of((ObjectNode) PinotHttp.require(r, "reading schema " + name));
    }

    public void createSchema(ObjectNode schema) {
        String name = schema.path("schemaName").asText();
        PinotHttp.require(http.post("/schemas?override=false", schema), "creating schema " + name);
    }

    /** Replaces a schema; existing segments are reloaded so added columns get default values. */
    public void updateSchema(ObjectNode schema) {
        String name = schema.path("schemaName").asText();
        PinotHttp.require(
                http.put("/schemas/" + encode(name) + "?reload=true", schema),
                "updating schema " + name);
    }

    /** The REALTIME table config as Pinot would store it; unknown properties are an error. */
    public ObjectNode validateRealtimeTable(ObjectNode tableConfig) {
        String name = tableConfig.path("tableName").asText();
        JsonNode r =
                PinotHttp.require(
                        http.post("/tables/validate", tableConfig), "validating table " + name);
        ObjectNode validated = withoutUnrecognized(r, "table " + name);
        return (ObjectNode) validated.path(REALTIME);
    }

    /** The stored REALTIME table config, if the table exists. */
    public Optional<ObjectNode> realtimeTable(String name) {
        PinotHttp.Response r = http.get("/tables/" + encode(name) + "?type=realtime");
        if (r.status() == 404) {
            return Optional.empty();
        }
        JsonNode config = PinotHttp.require(r, "reading table " + name).path(REALTIME);
        return config.isObject() ? Optional.of((ObjectNode) config) : Optional.empty();
    }

    public void createTable(ObjectNode tableConfig) {
        String name = tableConfig.path("tableName").asText();
        PinotHttp.require(http.post("/tables", tableConfig), "creating table " + name);
    }

    public void updateTable(ObjectNode tableConfig) {
        String name = tableConfig.path("tableName").asText();
        PinotHttp.require(
                http.put("/tables/" + encode(name), tableConfig), "updating table " + name);
    }

    /** Drops a REALTIME table and its segments (benchmarks clean up with it). */
    public void deleteTable(String name) {
        PinotHttp.Response r = http.delete("/tables/" + encode(name) + "?type=realtime");
        if (r.status() != 404) {
            PinotHttp.require(r, "deleting table " + name);
        }
    }

    /** Drops a schema that no table uses any more. */
    public void deleteSchema(String name) {
        PinotHttp.Response r = http.delete("/schemas/" + encode(name));
        if (r.status() != 404) {
            PinotHttp.require(r, "deleting schema " + name);
        }
    }

    private static ObjectNode withoutUnrecognized(JsonNode response, String what) {
        ObjectNode out = ((ObjectNode) response).deepCopy();
        JsonNode unknown = out.remove(UNRECOGNIZED);
        if (unknown != null && unknown.size() > 0) {
            throw new PinotException(
                    what + " has properties Pinot does not know (typos?): " + unknown);
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
