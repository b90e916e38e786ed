package io.fleetpulse.ingest.gateway;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.NOW;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.validatorAtNow;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.json.TelemetryJson;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.wire.AvroWire;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the gateway decides per record, without HTTP or Kafka: one JSON case per rejection reason
 * the gateway can give (all but LATE, which only the event-time pipeline knows), the same rules on
 * the Avro path, and the limits.
 */
class BatchCheckerTest {

    private static final String IDS = "\"vehicleId\":\"VEH-0001\",\"driverId\":\"DRV-1\"";
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final String VALID_TIME = ",\"eventTime\":" + NOW_MS + ",\"seq\":1";

    /** One JSON element that the gateway rejects for exactly this reason. */
    private static final Map<RejectReason, String> JSON_CASES =
            Map.ofEntries(
                    Map.entry(RejectReason.MALFORMED, "[1,2,3]"),
                    Map.entry(RejectReason.MISSING_ID, "{\"driverId\":\"D\"" + VALID_TIME + "}"),
                    Map.entry(RejectReason.MISSING_FIELD, "{" + IDS + ",\"seq\":1}"),
                    Map.entry(
                            RejectReason.WRONG_TYPE,
                            "{" + IDS + VALID_TIME + ",\"speedKmh\":\"fast\"}"),
                    Map.entry(RejectReason.UNKNOWN_FIELD, "{" + IDS + VALID_TIME + ",\"rpm\":900}"),
                    Map.entry(
                            RejectReason.OUT_OF_RANGE,
                            "{" + IDS + VALID_TIME + ",\"speedKmh\":-1}"),
                    Map.entry(
                            RejectReason.FUTURE_TIMESTAMP,
                            "{" + IDS + ",\"eventTime\":" + (NOW_MS + 3_600_000) + ",\"seq\":1}"),
                    Map.entry(
                            RejectReason.STALE_TIMESTAMP,
                            "{" + IDS + ",\"eventTime\":0,\"seq\":1}"),
                    Map.entry(
                            RejectReason.BAD_SEQUENCE,
                            "{" + IDS + ",\"eventTime\":" + NOW_MS + ",\"seq\":-7}"));

    private final AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
    private final BatchChecker checker = new BatchChecker(validatorAtNow(), wire, 100);

    @Test
    void everyReasonButLateHasACase() {
        Set<RejectReason> covered = EnumSet.copyOf(JSON_CASES.keySet());
        covered.add(RejectReason.UNKNOWN_SCHEMA); // Avro only, see avroRecordsFollowTheSameRules
        covered.add(RejectReason.LATE);
        assertThat(covered).containsExactlyInAnyOrder(RejectReason.values());
    }

    @ParameterizedTest
    @EnumSource(
            value = RejectReason.class,
            names = {"UNKNOWN_SCHEMA", "LATE"},
            mode = EnumSource.Mode.EXCLUDE)
    void jsonRecordIsRejectedForItsReasonAndTheOthersSurvive(RejectReason reason) throws Exception {
        String bad = JSON_CASES.get(reason);
        String good = new String(TelemetryJson.toJson(fullEvent("VEH-0009", 9)), UTF_8);
        byte[] body = ("[" + good + ",\n" + bad + "," + good + "]").getBytes(UTF_8);

        List<CheckedRecord> records = checker.check(BatchFormat.JSON, body);

        assertThat(records).hasSize(3);
        assertThat(records.get(0).valid()).isTrue();
        assertThat(records.get(2).valid()).isTrue();
        CheckedRecord rejected = records.get(1);
        assertThat(rejected.valid()).isFalse();
        assertThat(rejected.violations().get(0).reason()).isEqualTo(reason);
        assertThat(new String(rejected.original(), UTF_8)).isEqualTo(bad);
    }

    @Test
    void nanReadingIsOutOfRange() throws Exception {
        byte[] body = ("[{" + IDS + VALID_TIME + ",\"engineRpm\":NaN}]").getBytes(UTF_8);

        CheckedRecord r = checker.check(BatchFormat.JSON, body).get(0);

        assertThat(r.violations().get(0).reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(r.violations().get(0).field()).isEqualTo("engineRpm");
    }

    @Test
    void avroRecordsFollowTheSameRules() throws Exception {
        Function<TelemetryEvent, byte[]> enc = wire::encode;
        TelemetryEvent valid = fullEvent("VEH-0001", 1);
        valid.setEventTime(NOW_MS);
        TelemetryEvent outOfRange = fullEvent("VEH-0002", 2);
        outOfRange.setEventTime(NOW_MS);
        Sensor.FUEL_LEVEL.set(outOfRange, 101.0);
        TelemetryEvent blankId = fullEvent(" ", 3);
        blankId.setEventTime(NOW_MS);
        byte[] unknownSchema = enc.apply(valid);
        unknownSchema[9] ^= 1;
        byte[] body =
                AvroFrames.encode(
                        List.of(
                                enc.apply(valid),
                                enc.apply(outOfRange),
                                enc.apply(blankId),
                                unknownSchema,
                                new byte[0]));

        List<CheckedRecord> records = checker.check(BatchFormat.AVRO, body);

        assertThat(records)
                .extracting(r -> r.valid() ? null : r.violations().get(0).reason())
                .containsExactly(
                        null,
                        RejectReason.OUT_OF_RANGE,
                        RejectReason.MISSING_ID,
                        RejectReason.UNKNOWN_SCHEMA,
                        RejectReason.MALFORMED);
        assertThat(records.get(0).event()).isEqualTo(valid);
        assertThat(records.get(1).vehicleId()).isEqualTo("VEH-0002");
        assertThat(records.get(3).original()).isEqualTo(unknownSchema);
    }

    @Test
    void limitsAndEmptyBodiesRefuseTheWholeBatch() {
        BatchChecker small = new BatchChecker(validatorAtNow(), wire, 2);
        byte[] three = "[{},{},{}]".getBytes(UTF_8);
        assertRefused(() -> small.check(BatchFormat.JSON, three), RequestError.TOO_MANY_RECORDS);
        assertRefused(() -> checker.check(BatchFormat.JSON, new byte[0]), RequestError.EMPTY_BATCH);
        assertRefused(
                () -> checker.check(BatchFormat.JSON, "[ ]".getBytes(UTF_8)),
                RequestError.EMPTY_BATCH);
        assertRefused(
                () -> checker.check(BatchFormat.JSON, "[{]".getBytes(UTF_8)),
                RequestError.MALFORMED);
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RequestError error) {
        assertThatThrownBy(call)
                .isInstanceOf(RequestRefusedException.class)
                .extracting(e -> ((RequestRefusedException) e).error())
                .isEqualTo(error);
    }
}
