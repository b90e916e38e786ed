package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.embedded.pinot.testing.PinotClusterExtension;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.testing.KafkaBrokerExtension;
import io.fleetpulse.ingest.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The tables applied to a real Pinot 0.11 cluster (own JVMs) reading a real Kafka broker: configs
 * accepted and applied idempotently, rows produced to Kafka become queryable (committed ones only,
 * older writer schemas too, bad records skipped), and every named query answers right on a small
 * known data set.
 */
class PinotTablesITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final PinotClusterExtension PINOT = new PinotClusterExtension();

    private static final Duration INGEST_TIMEOUT = Duration.ofSeconds(90);

    private static Topics topics;
    private static FleetDataSet data;
    private static FleetAlerts alerts;
    private static List<ApplyResult> firstApply;
    private static PinotControllerClient controller;
    private static PinotBrokerClient broker;
    private static TestProducer producer;

    @BeforeAll
    static void applyAndLoad() throws Exception {
        topics = KAFKA.freshTopics();
        controller = new PinotControllerClient(PINOT.controllerUrl());
        broker = new PinotBrokerClient(PINOT.brokerUrl());
        firstApply = new PinotApplier(controller).apply(tables(), false);
        data = new FleetDataSet(Instant.now());
        producer = new TestProducer(KAFKA.bootstrapServers(), topics);
        producer.sendGarbage(topics.imputed().name(), "V1");
        producer.sendAborted(
                FleetDataSet.event("GHOST", "D0", data.ago(Duration.ofHours(48)), 1, Set.of()));
        producer.sendCommitted(data.telemetry, data.features);
        ImputedTelemetry afterGhost =
                FleetDataSet.event(
                        "AFTER-GHOST", "D0", data.ago(Duration.ofHours(48)), 2, Set.of());
        producer.sendCommitted(List.of(afterGhost), List.of(), "GHOST");
        producer.sendWithOlderSchema(
                FleetDataSet.event("OLDV", "D0", data.ago(Duration.ofHours(48)), 1, Set.of()));
        alerts = new FleetAlerts(data);
        producer.sendAlerts(alerts.sent);
        awaitCount("telemetry", data.telemetry.size() + 2);
        awaitCount("vehicle_features", data.features.size());
        // Every record, superseded ones included, before asserting on the latest states.
        awaitCount("alerts OPTION(skipUpsert=true)", alerts.sent.size());
    }

    private static List<PinotTable> tables() {
        List<PinotTable> out = new ArrayList<>(PinotConfigs.all(topics, KAFKA.bootstrapServers()));
        // Accept the older ImputedTelemetry version TestProducer writes (the real history has one).
        out.set(
                0,
                out.get(0)
                        .withStreamConfigs(
                                Map.of(
                                        AvroDecoderProps.WRITER_SCHEMAS_KEY,
                                        TestProducer.olderWriterSchemasJson())));
        return out;
    }

    @Test
    void theFirstApplyCreatesEverySchemaAndTable() {
        assertThat(firstApply)
                .extracting(ApplyResult::describe)
                .containsExactly(
                        "schema telemetry: created",
                        "table telemetry: created",
                        "schema vehicle_features: created",
                        "table vehicle_features: created",
                        "schema alerts: created",
                        "table alerts: created");
        assertThat(controller.schema("telemetry")).isPresent();
        assertThat(controller.realtimeTable("vehicle_features")).isPresent();
    }

    @Test
    void aSecondApplyChangesNothing() {
        List<ApplyResult> again = new PinotApplier(controller).apply(tables(), false);

        assertThat(again)
                .allSatisfy(r -> assertThat(r.action()).isEqualTo(ApplyResult.Action.UNCHANGED));
    }

    @Test
    void theApplyCommandReportsWhatChangedAndAChangeIsApplied() {
        PinotTable changed = withRetentionDays(tables().get(0), "31");
        List<ApplyResult> update = new PinotApplier(controller).apply(List.of(changed), false);
        List<ApplyResult> restore =
                new PinotApplier(controller).apply(List.of(tables().get(0)), false);

        assertThat(update)
                .extracting(ApplyResult::describe)
                .containsExactly(
                        "schema telemetry: unchanged",
                        "table telemetry: updated (segmentsConfig.retentionTimeValue)");
        assertThat(restore.get(1).action()).isEqualTo(ApplyResult.Action.UPDATED);
        assertThat(
                        controller
                                .realtimeTable("telemetry")
                                .orElseThrow()
                                .path("segmentsConfig")
                                .path("retentionTimeValue")
                                .asText())
                .isEqualTo("30");
    }

    @Test
    void theApplyCommandPrintsASummaryAndExitsZero() {
        StringWriter out = new StringWriter();
        int exit =
                new CommandLine(new PinotApplyCommand())
                        .setOut(new PrintWriter(out))
                        .execute(
                                "--controller",
                                PINOT.controllerUrl(),
                                "--bootstrap-server",
                                KAFKA.bootstrapServers(),
                                "--topic-prefix",
                                topics.prefix(),
                                "--dry-run");

        assertThat(exit).isZero();
        // The dry run renders the real history (no older test version), so telemetry would change.
        assertThat(out.toString())
                .contains("schema telemetry: unchanged")
                .contains("table vehicle_features: unchanged")
                .contains("(dry run)");
    }

    @Test
    void aConfigWithAPropertyPinotDoesNotKnowIsRefusedWithPinotsReason() {
        PinotTable typo = tables().get(1);
        ObjectNode config = typo.tableConfigJson();
        ((ObjectNode) config.path("tableIndexConfig"))
                .putArray("invertedIndexColumnz")
                .add("driverId");
        PinotTable bad = new PinotTable(typo.name(), typo.schemaJson(), config);

        assertThatThrownBy(() -> new PinotApplier(controller).apply(List.of(bad), false))
                .isInstanceOf(PinotException.class)
                .hasMessageContaining("invertedIndexColumnz");
    }

    @Test
    void committedRowsBecomeQueryableWithEveryValueAndNullsStayNull() {
        QueryResult r =
                broker.query("SELECT * FROM telemetry WHERE vehicleId = 'V2' AND seq = 3 LIMIT 10");
        ImputedTelemetry expected = data.telemetry.get(8);

        assertThat(r.rows()).hasSize(1);
        for (Sensor s : Sensor.ALL) {
            if (s != Sensor.BRAKE_PAD) {
                assertThat(r.value(0, s.field()).asDouble())
                        .as(s.field())
                        .isEqualTo(ImputedFields.value(expected, s));
            }
        }
        assertThat(r.value(0, "driverId").asText()).isEqualTo("D2");
        assertThat(r.value(0, "eventTime").asLong()).isEqualTo(expected.getEventTime());
        assertThat(r.value(0, "coldStartSensors").get(0).asText()).isEqualTo("brakePadMm");
        assertThat(count("SELECT COUNT(*) FROM telemetry WHERE brakePadMm IS NULL")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM telemetry WHERE speedKmhImputed = true"))
                .isEqualTo(2);
    }

    @Test
    void abortedRowsAreNeverQueryableAndBadRecordsAreSkipped() {
        // AFTER-GHOST was keyed GHOST, so it sits outside its vehicle's partition: find it by
        // driver and sequence number (a vehicleId filter is pruned to the vehicle's partition).
        assertThat(count("SELECT COUNT(*) FROM telemetry WHERE driverId = 'D0' AND seq = 2"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM telemetry WHERE vehicleId = 'GHOST'")).isZero();
        // The garbage record went first into V1's partition; V1's rows behind it all arrived.
        assertThat(count("SELECT COUNT(*) FROM telemetry WHERE vehicleId = 'V1'")).isEqualTo(6);
    }

    @Test
    void rowsWrittenWithAnOlderSchemaVersionAreReadWithDefaults() {
        QueryResult r =
                broker.query(
                        "SELECT processedAt, speedKmh FROM telemetry WHERE vehicleId = 'OLDV'");

        assertThat(r.rows()).hasSize(1);
        assertThat(r.value(0, "processedAt").asLong()).isZero();
        assertThat(r.value(0, "speedKmh").asDouble()).isPositive();
    }

    @Test
    void fuelEfficiencyIsFuelOverDistancePerVehicleAndHourFromTumblingWindowsOnly() {
        QueryResult r = named("fuel_efficiency_by_vehicle_hour", Map.of());

        long since = data.ago(Duration.ofHours(24));
        Map<List<Object>, double[]> expected =
                new java.util.TreeMap<>(
                        java.util.Comparator.<List<Object>, Long>comparing(k -> -(Long) k.get(1))
                                .thenComparing(k -> (String) k.get(0)));
        for (FeatureVector f : data.features) {
            if (f.getWindowKind().equals("TUMBLING_10S") && f.getWindowStart() >= since) {
                long hour = f.getWindowStart() - Math.floorMod(f.getWindowStart(), 3_600_000L);
                double[] sums =
                        expected.computeIfAbsent(
                                List.of(f.getVehicleId(), hour), k -> new double[2]);
                sums[0] += f.getFuelUsedL();
                sums[1] += f.getDistanceKm();
            }
        }
        assertThat(r.rows()).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<List<Object>, double[]> e : expected.entrySet()) {
            assertThat(r.value(i, "vehicleId").asText()).isEqualTo(e.getKey().get(0));
            assertThat(r.value(i, "hourStart").asLong()).isEqualTo(e.getKey().get(1));
            assertThat(r.value(i, "litres").asDouble()).isCloseTo(e.getValue()[0], within());
            assertThat(r.value(i, "km").asDouble()).isCloseTo(e.getValue()[1], within());
            assertThat(r.value(i, "litresPer100Km").asDouble())
                    .isCloseTo(100 * e.getValue()[0] / e.getValue()[1], within());
            i++;
        }
        // V2's one window: 3 L over 20 km.
        assertThat(rowsOf(r, "vehicleId", "V2"))
                .singleElement()
                .satisfies(
                        row ->
                                assertThat(r.value(row, "litresPer100Km").asDouble())
                                        .isCloseTo(15.0, within()));
    }

    @Test
    void topHarshBrakingDriversCountOnlyTheLast24HoursOfTumblingWindows() {
        QueryResult r = named("top_harsh_braking_drivers", Map.of());

        assertThat(column(r, "driverId")).containsExactly("D3", "D1", "D2");
        assertThat(column(r, "harshBrakes")).containsExactly("5", "3", "1");
        assertThat(column(r, "windows")).containsExactly("1", "2", "1");
        assertThat(r.value(1, "km").asDouble()).isCloseTo(20.0, within());
    }

    @Test
    void aVehiclesTrajectoryIsItsEventsInTheIntervalInTimeOrder() {
        QueryResult r = named("vehicle_trajectory", Map.of("vehicle", "V1"));

        assertThat(column(r, "seq")).containsExactly("1", "2", "3", "4", "5");
        List<ImputedTelemetry> v1 = data.telemetry.subList(0, 5);
        for (int i = 0; i < v1.size(); i++) {
            assertThat(r.value(i, "eventTime").asLong()).isEqualTo(v1.get(i).getEventTime());
            for (Sensor s : Sensor.ALL) {
                assertThat(r.value(i, s.field()).asDouble())
                        .as(s.field())
                        .isEqualTo(ImputedFields.value(v1.get(i), s));
            }
        }
        assertThat(named("vehicle_trajectory", Map.of("vehicle", "V1", "from", "-4h")).rows())
                .hasSize(6);
    }

    @Test
    void imputationRatePerSensorIsTheShareOfImputedValues() {
        QueryResult r = named("imputation_rate_per_sensor", Map.of());

        assertThat(r.value(0, "events").asLong()).isEqualTo(data.telemetry.size());
        for (Sensor s : Sensor.ALL) {
            double expected =
                    data.telemetry.stream().filter(t -> ImputedFields.imputed(t, s)).count()
                            / (double) data.telemetry.size();
            assertThat(r.value(0, s.field()).asDouble())
                    .as(s.field())
                    .isCloseTo(expected, within());
        }
        assertThat(r.value(0, "speedKmh").asDouble()).isCloseTo(0.2, within());
        assertThat(r.value(0, "fuelRateLph").asDouble()).isCloseTo(0.3, within());
    }

    @Test
    void silentVehiclesAreThoseNotSeenForNMinutesLongestSilentFirst() {
        QueryResult tenMinutes = named("silent_vehicles", Map.of("minutes", "10"));
        QueryResult halfAnHour = named("silent_vehicles", Map.of("minutes", "30"));

        assertThat(column(tenMinutes, "vehicleId")).containsExactly("V1", "V3");
        assertThat(tenMinutes.value(0, "silentMinutes").asDouble()).isBetween(41.0, 42.0);
        assertThat(column(halfAnHour, "vehicleId")).containsExactly("V1");
    }

    @Test
    void upsertKeepsOneRowPerAlertInItsLatestState() {
        QueryResult cleared =
                broker.query(
                        "SELECT status, endTime, explanationJson FROM alerts WHERE alertId = '"
                                + FleetAlerts.OPENED_THEN_CLEARED
                                + "'");
        QueryResult outOfOrder =
                broker.query(
                        "SELECT status FROM alerts WHERE alertId = '"
                                + FleetAlerts.CLEARED_BEFORE_OPEN
                                + "'");

        assertThat(count("SELECT COUNT(*) FROM alerts")).isEqualTo(alerts.latest().size());
        assertThat(cleared.rows()).hasSize(1);
        assertThat(cleared.value(0, "status").asText()).isEqualTo(FleetAlerts.CLEARED);
        assertThat(cleared.value(0, "endTime").asLong())
                .isEqualTo(alerts.latest().get(FleetAlerts.OPENED_THEN_CLEARED).getEndTime());
        assertThat(cleared.value(0, "explanationJson").asText())
                .contains("\"feature\":\"" + FleetAlerts.EXPLAINED_BY + "\"");
        // The older OPEN record arrived last; the comparison column (emittedAt) keeps CLEARED.
        assertThat(column(outOfOrder, "status")).containsExactly(FleetAlerts.CLEARED);
    }

    @Test
    void alertsByKindAndSeverityCountEachAlertOnceInItsLatestStatePerHour() {
        QueryResult r = named("alerts_by_kind_severity", Map.of());

        long since = data.ago(Duration.ofHours(24));
        Map<List<Object>, long[]> expected =
                new java.util.TreeMap<>(
                        java.util.Comparator.<List<Object>, Long>comparing(k -> -(Long) k.get(0))
                                .thenComparing(k -> (String) k.get(1))
                                .thenComparing(k -> (String) k.get(2)));
        for (Alert a : alerts.latest().values()) {
            if (a.getStartTime() >= since) {
                long hour = a.getStartTime() - Math.floorMod(a.getStartTime(), 3_600_000L);
                long[] counts =
                        expected.computeIfAbsent(
                                List.of(hour, a.getKind(), a.getSeverity()), k -> new long[3]);
                counts[0]++;
                counts[1] += a.getStatus().equals(FleetAlerts.OPEN) ? 1 : 0;
                counts[2] += a.getSource().equals("MODEL") ? 1 : 0;
            }
        }
        assertThat(r.rows()).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<List<Object>, long[]> e : expected.entrySet()) {
            assertThat(r.value(i, "hourStart").asLong()).isEqualTo(e.getKey().get(0));
            assertThat(r.value(i, "kind").asText()).isEqualTo(e.getKey().get(1));
            assertThat(r.value(i, "severity").asText()).isEqualTo(e.getKey().get(2));
            assertThat(r.value(i, "alerts").asLong()).isEqualTo(e.getValue()[0]);
            assertThat(r.value(i, "stillOpen").asLong()).isEqualTo(e.getValue()[1]);
            assertThat(r.value(i, "fromModels").asLong()).isEqualTo(e.getValue()[2]);
            i++;
        }
        // Known totals: 4 alerts in the last 24 h, 2 still open (V1's second, V2's overheating).
        long total = 0;
        long open = 0;
        for (int row = 0; row < r.rows().size(); row++) {
            total += r.value(row, "alerts").asLong();
            open += r.value(row, "stillOpen").asLong();
        }
        assertThat(total).isEqualTo(4);
        assertThat(open).isEqualTo(2);
    }

    @Test
    void theQueryCommandPrintsATableAndExitsZero() {
        StringWriter out = new StringWriter();
        int exit = query(out, new StringWriter(), "--named", "top_harsh_braking_drivers");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("driverId", "D3", "3 rows in");
    }

    @Test
    void badSqlGivesPinotsMessageWithoutAStackTraceAndExitsOne() {
        StringWriter err = new StringWriter();
        int exit = query(new StringWriter(), err, "SELEC vehicleId FROM telemetry");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("SQLParsingError").doesNotContain("\tat ");
    }

    @Test
    void anUnknownTableGivesPinotsMessageAndExitsOne() {
        StringWriter err = new StringWriter();
        int exit = query(new StringWriter(), err, "SELECT COUNT(*) FROM no_such_table");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("TableDoesNotExistError");
    }

    @Test
    void aNamedQueryWithoutItsRequiredParameterIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = query(new StringWriter(), err, "--named", "vehicle_trajectory");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("needs --param vehicle=");
    }

    private static int query(StringWriter out, StringWriter err, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--broker";
        all[1] = PINOT.brokerUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(new QueryCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(all);
    }

    private static QueryResult named(String name, Map<String, String> params) {
        return broker.query(NamedQueries.find(name).orElseThrow().render(params, Instant.now()));
    }

    private static List<String> column(QueryResult r, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            out.add(ResultPrinter.format(r.value(i, name)));
        }
        return out;
    }

    private static List<Integer> rowsOf(QueryResult r, String column, String value) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            if (r.value(i, column).asText().equals(value)) {
                out.add(i);
            }
        }
        return out;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private static PinotTable withRetentionDays(PinotTable t, String days) {
        ObjectNode config = t.tableConfigJson();
        ((ObjectNode) config.path("segmentsConfig")).put("retentionTimeValue", days);
        return new PinotTable(t.name(), t.schemaJson(), config);
    }

    /** A COUNT(*) query's answer; 0 while the table has no queryable segment yet. */
    static long count(String sql) {
        QueryResult r = broker.query(sql);
        return r.rows().isEmpty() ? 0 : r.rows().get(0).get(0).asLong();
    }

    private static void awaitCount(String table, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + INGEST_TIMEOUT.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            try {
                seen = count("SELECT COUNT(*) FROM " + table);
                if (seen >= expected) {
                    return;
                }
            } catch (PinotException notYet) {
                // the table's first segments are still being created
            }
            Thread.sleep(250);
        }
        throw new AssertionError(table + ": " + seen + " rows queryable, expected " + expected);
    }
}
