package io.fleetpulse.ingest.json;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.bareEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON codec: round trips, and every structural rejection naming its field. */
class TelemetryJsonReaderTest {

    private static final String IDS_AND_TIME =
            "\"vehicleId\":\"VEH-0001\",\"driverId\":\"DRV-1\",\"eventTime\":1748844000000,\"seq\":3";

    @Test
    void fullEventRoundTrips() throws Exception {
        TelemetryEvent event = fullEvent("VEH-0001", 17);
        Sensor.ACCELERATION.set(event, -0.1 - 0.2); // a double with no short decimal form

        JsonRecord back = TelemetryJsonReader.read(TelemetryJson.toJson(event));

        assertThat(back.violations()).isEmpty();
        assertThat(back.event()).isEqualTo(event);
        assertThat(back.vehicleId()).isEqualTo("VEH-0001");
    }

    @Test
    void everyDoubleSurvivesTheTextForm() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            TelemetryEvent event = bareEvent("VEH-0001", i);
            double bits = Double.longBitsToDouble(random.nextLong());
            double v = Double.isFinite(bits) ? bits : random.nextGaussian() * 1e3;
            Sensor.ODOMETER.set(event, v);
            Sensor.LATITUDE.set(event, random.nextDouble() * 180 - 90);

            assertThat(TelemetryJsonReader.read(TelemetryJson.toJson(event)).event())
                    .isEqualTo(event);
        }
    }

    @Test
    void missingReadingsAreLeftOutAndComeBackNull() throws Exception {
        TelemetryEvent event = bareEvent("VEH-0002", 0);
        Sensor.SPEED.set(event, 0.0);

        byte[] json = TelemetryJson.toJson(event);

        assertThat(new String(json, UTF_8)).doesNotContain("latitude").contains("\"speedKmh\":0.0");
        assertThat(TelemetryJsonReader.read(json).event()).isEqualTo(event);
    }

    @Test
    void nullAndAbsentSensorsAreBothMissing() throws Exception {
        JsonRecord r = read("{" + IDS_AND_TIME + ",\"speedKmh\":null,\"engineRpm\":800}");

        assertThat(r.violations()).isEmpty();
        assertThat(Sensor.SPEED.get(r.event())).isNull();
        assertThat(Sensor.LATITUDE.get(r.event())).isNull();
        assertThat(Sensor.ENGINE_RPM.get(r.event())).isEqualTo(800.0);
    }

    @Test
    void unknownFieldIsRejectedByName() throws Exception {
        JsonRecord r = read("{" + IDS_AND_TIME + ",\"speed\":12.5}");

        assertThat(r.decoded()).isFalse();
        assertThat(r.violations())
                .singleElement()
                .satisfies(v -> assertViolation(v, RejectReason.UNKNOWN_FIELD, "speed"));
        assertThat(r.vehicleId()).isEqualTo("VEH-0001");
    }

    @Test
    void stringForANumberIsWrongType() throws Exception {
        JsonRecord r = read("{" + IDS_AND_TIME + ",\"speedKmh\":\"12.5\"}");

        assertThat(r.violations())
                .singleElement()
                .satisfies(v -> assertViolation(v, RejectReason.WRONG_TYPE, "speedKmh"));
        assertThat(r.violations().get(0).detail()).contains("\"12.5\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "3.0", "1e3", "\"3\"", "true", "[3]", "{\"v\":3}"})
    void seqThatIsNotAnIntegerIsWrongType(String seq) throws Exception {
        JsonRecord r =
                read(
                        "{\"vehicleId\":\"V\",\"driverId\":\"D\",\"eventTime\":1,\"seq\":"
                                + seq
                                + ",\"speedKmh\":5}");

        assertThat(r.violations())
                .singleElement()
                .satisfies(v -> assertViolation(v, RejectReason.WRONG_TYPE, "seq"));
    }

    @Test
    void integerBeyondSixtyFourBitsIsWrongType() throws Exception {
        JsonRecord r =
                read(
                        "{\"vehicleId\":\"V\",\"driverId\":\"D\",\"eventTime\":"
                                + "99999999999999999999,\"seq\":1}");

        assertThat(r.violations())
                .singleElement()
                .satisfies(v -> assertViolation(v, RejectReason.WRONG_TYPE, "eventTime"));
    }

    @Test
    void numberForAnIdIsWrongType() throws Exception {
        JsonRecord r = read("{\"vehicleId\":42,\"driverId\":\"D\",\"eventTime\":1,\"seq\":1}");

        assertThat(r.violations())
                .singleElement()
                .satisfies(v -> assertViolation(v, RejectReason.WRONG_TYPE, "vehicleId"));
        assertThat(r.vehicleId()).isNull();
    }

    @Test
    void absentOrNullEventTimeAndSeqAreMissingFields() throws Exception {
        JsonRecord r = read("{\"vehicleId\":\"V\",\"driverId\":\"D\",\"seq\":null}");

        assertThat(r.violations())
                .extracting(Violation::reason, Violation::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                RejectReason.MISSING_FIELD, "eventTime"),
                        org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_FIELD, "seq"));
    }

    @Test
    void absentOrNullIdsAreMissingIds() throws Exception {
        JsonRecord r = read("{\"driverId\":null,\"eventTime\":1,\"seq\":1}");

        assertThat(r.violations())
                .extracting(Violation::reason, Violation::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_ID, "vehicleId"),
                        org.assertj.core.groups.Tuple.tuple(RejectReason.MISSING_ID, "driverId"));
    }

    @Test
    void everyProblemOfAnElementIsReported() throws Exception {
        JsonRecord r =
                read(
                        "{\"vehicleId\":\"V\",\"eventTime\":\"soon\",\"seq\":1,"
                                + "\"colour\":\"red\",\"speedKmh\":true}");

        assertThat(r.violations())
                .extracting(Violation::reason)
                .containsExactlyInAnyOrder(
                        RejectReason.WRONG_TYPE,
                        RejectReason.UNKNOWN_FIELD,
                        RejectReason.WRONG_TYPE,
                        RejectReason.MISSING_ID);
    }

    @Test
    void duplicateFieldIsMalformedRecord() throws Exception {
        JsonRecord r = read("{" + IDS_AND_TIME + ",\"seq\":4}");

        assertThat(r.violations())
                .singleElement()
                .satisfies(v -> assertViolation(v, RejectReason.MALFORMED, "seq"));
    }

    @Test
    void nanAndInfinityDecodeSoTheValidatorRejectsOnlyThatRecord() throws Exception {
        JsonRecord r = read("{" + IDS_AND_TIME + ",\"speedKmh\":NaN,\"engineRpm\":-Infinity}");

        assertThat(r.violations()).isEmpty();
        assertThat(Sensor.SPEED.get(r.event())).isNaN();
        assertThat(Sensor.ENGINE_RPM.get(r.event())).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void batchElementsKeepTheirExactOriginalBytes() throws Exception {
        String first = "{" + IDS_AND_TIME + ",\"note\":\"ünïcödé ✓\"}";
        String second = "{\"vehicleId\":\"VEH-ß\",\"driverId\":\"D\",\"eventTime\":5,\"seq\":9}";
        String body = "[ \n" + first + " ,\n\t" + second + ", 17 , \"text\",[1, [2]] ,null ]\n";
        byte[] bytes = body.getBytes(UTF_8);

        List<JsonRecord> records = TelemetryJsonReader.readBatch(bytes, 100);

        assertThat(records).hasSize(6);
        assertThat(text(records.get(0), bytes)).isEqualTo(first);
        assertThat(records.get(0).violations())
                .singleElement()
                .satisfies(v -> assertViolation(v, RejectReason.UNKNOWN_FIELD, "note"));
        assertThat(text(records.get(1), bytes)).isEqualTo(second);
        assertThat(records.get(1).event().getVehicleId()).isEqualTo("VEH-ß");
        assertThat(records.subList(2, 6))
                .extracting(r -> text(r, bytes))
                .containsExactly("17", "\"text\"", "[1, [2]]", "null");
        assertThat(records.subList(2, 6))
                .allSatisfy(
                        r ->
                                assertThat(r.violations())
                                        .singleElement()
                                        .extracting(Violation::reason)
                                        .isEqualTo(RejectReason.MALFORMED));
    }

    @Test
    void batchWriterOutputReadsBackInOrder() throws Exception {
        List<TelemetryEvent> events =
                List.of(fullEvent("VEH-1", 1), bareEvent("VEH-2", 2), fullEvent("VEH-3", 3));

        List<JsonRecord> back = TelemetryJsonReader.readBatch(TelemetryJson.toJsonArray(events), 3);

        assertThat(back).extracting(JsonRecord::event).containsExactlyElementsOf(events);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "{\"vehicleId\":\"V\"}",
                "[{\"vehicleId\":\"V\"",
                "[{\"vehicleId\" \"V\"}]",
                "[1,2,]",
                "[1] [2]",
                "[1] x",
                "\"just a string\"",
                "[{\"a\":1}",
                "not json"
            })
    void unreadableBodyIsMalformed(String body) {
        assertThatThrownBy(() -> TelemetryJsonReader.readBatch(body.getBytes(UTF_8), 100))
                .isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        byte[] body = "[\n  {\"seq\": 1,,}\n]".getBytes(UTF_8);
        assertThatThrownBy(() -> TelemetryJsonReader.readBatch(body, 100))
                .hasMessageContaining("line 2");
    }

    @Test
    void moreElementsThanTheLimitIsTooMany() {
        byte[] body = "[{},{},{}]".getBytes(UTF_8);
        assertThatThrownBy(() -> TelemetryJsonReader.readBatch(body, 2))
                .isInstanceOf(TooManyRecordsException.class);
    }

    @Test
    void emptyArrayIsAnEmptyList() throws Exception {
        assertThat(TelemetryJsonReader.readBatch("[]".getBytes(UTF_8), 10)).isEmpty();
    }

    private static JsonRecord read(String json) throws MalformedJsonException {
        return TelemetryJsonReader.read(json.getBytes(UTF_8));
    }

    private static String text(JsonRecord r, byte[] body) {
        return new String(r.originalBytes(body), UTF_8);
    }

    private static void assertViolation(Violation v, RejectReason reason, String field) {
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.field()).isEqualTo(field);
        assertThat(v.detail()).contains(field);
    }

    @Test
    void roadSpeedLimitRoundTripsAndIsOptional() throws Exception {
        TelemetryEvent event = fullEvent("VEH-0001", 4);
        ContextReading.ROAD_SPEED_LIMIT.set(event, 50.0);

        byte[] json = TelemetryJson.toJson(event);
        JsonRecord back = TelemetryJsonReader.read(json);

        assertThat(new String(json, UTF_8)).contains("\"roadSpeedLimitKmh\":50.0");
        assertThat(back.violations()).isEmpty();
        assertThat(back.event()).isEqualTo(event);
        assertThat(
                        ContextReading.ROAD_SPEED_LIMIT.get(
                                TelemetryJsonReader.read(
                                                TelemetryJson.toJson(fullEvent("VEH-0001", 5)))
                                        .event()))
                .isNull();
    }
}
