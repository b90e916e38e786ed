package io.fleetpulse.ingest.json;

import static io.fleetpulse.ingest.json.TelemetryJson.DRIVER_ID;
import static io.fleetpulse.ingest.json.TelemetryJson.EVENT_TIME;
import static io.fleetpulse.ingest.json.TelemetryJson.SEQ;
import static io.fleetpulse.ingest.json.TelemetryJson.VEHICLE_ID;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Reads JSON telemetry strictly with Jackson's streaming parser (no tree, no reflection): an
 * unknown key is UNKNOWN_FIELD, a value of the wrong JSON type (a string for a number, a fraction
 * for {@code eventTime}/{@code seq}) is WRONG_TYPE, an absent or null {@code eventTime}/{@code seq}
 * is MISSING_FIELD, an absent or null id is MISSING_ID, and a null or absent sensor is a missing
 * reading. Such problems reject only their own element; only a body that is not a JSON array at all
 * is {@link MalformedJsonException}. Value rules (ranges, NaN, timestamps) are the {@link
 * io.fleetpulse.ingest.validate.TelemetryValidator}'s job. Stateless and thread-safe.
 */
public final class TelemetryJsonReader {

    private static final int SLOT_VEHICLE_ID = 0;
    private static final int SLOT_DRIVER_ID = 1;
    private static final int SLOT_EVENT_TIME = 2;
    private static final int SLOT_SEQ = 3;
    private static final int FIRST_SENSOR_SLOT = 4;

    /** Longest field name quoted back in a violation (keys are client-controlled). */
    private static final int MAX_QUOTED_NAME = 64;

    private static final Sensor[] SENSORS = Sensor.ALL.toArray(new Sensor[0]);
    private static final ContextReading[] CONTEXT =
            ContextReading.ALL.toArray(new ContextReading[0]);
    private static final Map<String, Integer> SLOTS = slots();

    private TelemetryJsonReader() {}

    /**
     * Reads a batch: a JSON array whose elements should be telemetry objects.
     *
     * @param body the request body (UTF-8, UTF-16 or UTF-32 JSON)
     * @param maxRecords the most elements accepted
     * @return one record per array element, in order
     * @throws MalformedJsonException if the body is not a syntactically valid JSON array
     * @throws TooManyRecordsException as soon as the array has more than {@code maxRecords}
     *     elements
     */
    public static List<JsonRecord> readBatch(byte[] body, int maxRecords)
            throws MalformedJsonException, TooManyRecordsException {
        try (JsonParser p = TelemetryJson.FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new MalformedJsonException(
                        "expected a JSON array of telemetry objects but the body "
                                + (first == null ? "is empty" : "starts with " + describe(first)));
            }
            List<JsonRecord> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new MalformedJsonException("the array is not closed");
                }
                if (out.size() == maxRecords) {
                    throw new TooManyRecordsException(maxRecords);
                }
                out.add(readElement(p, t, body));
            }
            if (p.nextToken() != null) {
                throw new MalformedJsonException("content after the end of the array");
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e), e);
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable body: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one telemetry object (e.g. a stored dead letter's payload).
     *
     * @throws MalformedJsonException if {@code json} is not exactly one syntactically valid value
     */
    public static JsonRecord read(byte[] json) throws MalformedJsonException {
        try (JsonParser p = TelemetryJson.FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedJsonException("empty input");
            }
            JsonRecord record = readElement(p, first, json);
            if (p.nextToken() != null) {
                throw new MalformedJsonException("content after the end of the object");
            }
            return record;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e), e);
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable input: " + e.getMessage(), e);
        }
    }

    private static JsonRecord readElement(JsonParser p, JsonToken t, byte[] body)
            throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            int end = scalarOrArrayEnd(p, t, body);
            return new JsonRecord(
                    null,
                    null,
                    List.of(
                            new Violation(
                                    RejectReason.MALFORMED,
                                    null,
                                    "batch element is " + describe(t) + ", not a JSON object")),
                    start,
                    end - start);
        }
        return readObject(p, start);
    }

    private static JsonRecord readObject(JsonParser p, int start) throws IOException {
        TelemetryEvent event = new TelemetryEvent();
        List<Violation> violations = null;
        String vehicleId = null;
        String driverId = null;
        boolean hasEventTime = false;
        boolean hasSeq = false;
        long seen = 0L;
        long wrongType = 0L;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken v = p.nextToken();
            Integer boxed = SLOTS.get(name);
            if (boxed == null) {
                violations =
                        add(
                                violations,
                                RejectReason.UNKNOWN_FIELD,
                                quote(name),
                                quote(name) + " is not a field of TelemetryEvent");
                p.skipChildren();
                continue;
            }
            int slot = boxed;
            long bit = 1L << slot;
            if ((seen & bit) != 0) {
                violations = add(violations, RejectReason.MALFORMED, name, name + " appears twice");
                p.skipChildren();
                continue;
            }
            seen |= bit;
            String problem = null;
            switch (slot) {
                case SLOT_VEHICLE_ID -> {
                    if (v == JsonToken.VALUE_STRING) {
                        vehicleId = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        problem = "must be a string";
                    }
                }
                case SLOT_DRIVER_ID -> {
                    if (v == JsonToken.VALUE_STRING) {
                        driverId = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        problem = "must be a string";
                    }
                }
                case SLOT_EVENT_TIME, SLOT_SEQ -> {
                    if (v == JsonToken.VALUE_NULL) {
                        break;
                    }
                    problem = integerProblem(p, v);
                    if (problem == null) {
                        if (slot == SLOT_EVENT_TIME) {
                            event.setEventTime(p.getLongValue());
                            hasEventTime = true;
                        } else {
                            event.setSeq(p.getLongValue());
                            hasSeq = true;
                        }
                    }
                }
                default -> {
                    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        setReading(event, slot - FIRST_SENSOR_SLOT, p.getDoubleValue());
                    } else if (v != JsonToken.VALUE_NULL) {
                        problem = "must be a number or null";
                    }
                }
            }
            if (problem != null) {
                wrongType |= bit;
                violations =
                        add(
                                violations,
                                RejectReason.WRONG_TYPE,
                                name,
                                name + " " + problem + " but was " + describeValue(p, v));
                p.skipChildren();
            }
        }
        int end = (int) p.currentTokenLocation().getByteOffset() + 1;
        if (vehicleId == null && (wrongType & (1L << SLOT_VEHICLE_ID)) == 0) {
            violations =
                    add(
                            violations,
                            RejectReason.MISSING_ID,
                            VEHICLE_ID,
                            VEHICLE_ID + " is missing or null");
        }
        if (driverId == null && (wrongType & (1L << SLOT_DRIVER_ID)) == 0) {
            violations =
                    add(
                            violations,
                            RejectReason.MISSING_ID,
                            DRIVER_ID,
                            DRIVER_ID + " is missing or null");
        }
        if (!hasEventTime && (wrongType & (1L << SLOT_EVENT_TIME)) == 0) {
            violations =
                    add(
                            violations,
                            RejectReason.MISSING_FIELD,
                            EVENT_TIME,
                            EVENT_TIME + " is missing or null");
        }
        if (!hasSeq && (wrongType & (1L << SLOT_SEQ)) == 0) {
            violations =
                    add(violations, RejectReason.MISSING_FIELD, SEQ, SEQ + " is missing or null");
        }
        if (violations != null) {
            return new JsonRecord(null, vehicleId, violations, start, end - start);
        }
        event.setVehicleId(vehicleId);
        event.setDriverId(driverId);
        return new JsonRecord(event, vehicleId, List.of(), start, end - start);
    }

    /** Null when the current token is a JSON integer that fits a long, else what is wrong. */
    private static String integerProblem(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            return type == JsonParser.NumberType.BIG_INTEGER
                    ? "must fit a signed 64-bit integer"
                    : null;
        }
        return "must be an integer";
    }

    private static List<Violation> add(
            List<Violation> list, RejectReason reason, String field, String detail) {
        List<Violation> out = list == null ? new ArrayList<>(2) : list;
        out.add(new Violation(reason, field, detail));
        return out;
    }

    /** End offset (exclusive) of a non-object element that the parser has just passed. */
    private static int scalarOrArrayEnd(JsonParser p, JsonToken t, byte[] body) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            return (int) p.currentTokenLocation().getByteOffset() + 1;
        }
        p.finishToken();
        int end = (int) Math.min(body.length, p.currentLocation().getByteOffset());
        // The parser may already have consumed the delimiter after a scalar; no scalar's text
        // ends in whitespace, ',' or ']', so trimming them gives exactly the element.
        while (end > 0 && isDelimiter(body[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static String quote(String name) {
        return name.length() <= MAX_QUOTED_NAME ? name : name.substring(0, MAX_QUOTED_NAME) + "…";
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static String describeValue(JsonParser p, JsonToken v) throws IOException {
        if (!v.isScalarValue() || v == JsonToken.VALUE_NULL) {
            return describe(v);
        }
        String text = p.getText();
        if (v == JsonToken.VALUE_STRING) {
            text = "\"" + text + "\"";
        }
        return describe(v) + " " + quote(text);
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where =
                at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "invalid JSON" + where + ": " + e.getOriginalMessage();
    }

    /** Sets the i-th numeric reading: a sensor, or after the sensors a context reading. */
    private static void setReading(TelemetryEvent event, int i, double value) {
        if (i < SENSORS.length) {
            SENSORS[i].set(event, value);
        } else {
            CONTEXT[i - SENSORS.length].set(event, value);
        }
    }

    private static Map<String, Integer> slots() {
        Map<String, Integer> slots = new HashMap<>();
        slots.put(VEHICLE_ID, SLOT_VEHICLE_ID);
        slots.put(DRIVER_ID, SLOT_DRIVER_ID);
        slots.put(EVENT_TIME, SLOT_EVENT_TIME);
        slots.put(SEQ, SLOT_SEQ);
        for (int i = 0; i < SENSORS.length; i++) {
            slots.put(SENSORS[i].field(), FIRST_SENSOR_SLOT + i);
        }
        for (int i = 0; i < CONTEXT.length; i++) {
            slots.put(CONTEXT[i].field(), FIRST_SENSOR_SLOT + SENSORS.length + i);
        }
        if (slots.size() > Long.SIZE) {
            throw new IllegalStateException("more fields than the reader's bit masks hold");
        }
        for (Schema.Field f : TelemetryEvent.getClassSchema().getFields()) {
            if (!slots.containsKey(f.name())) {
                throw new IllegalStateException(
                        "TelemetryEvent field " + f.name() + " has no JSON mapping");
            }
        }
        return Map.copyOf(slots);
    }
}
