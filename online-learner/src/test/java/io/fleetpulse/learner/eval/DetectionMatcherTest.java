package io.fleetpulse.learner.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetpulse.avro.AnomalyLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionMatcherTest {

    private static final long T = 1_767_225_600_000L;

    private static AnomalyLabel label(String vehicle, String kind, long startS, long endS) {
        return AnomalyLabel.newBuilder()
                .setVehicleId(vehicle)
                .setDriverId("D")
                .setKind(kind)
                .setStartTime(T + startS * 1000)
                .setEndTime(T + endS * 1000)
                .setDescription("")
                .build();
    }

    private static Detection alert(
            String vehicle, String kind, boolean any, long startS, long detectedS, long endS) {
        return new Detection(
                vehicle, kind, any, T + startS * 1000, T + detectedS * 1000, T + endS * 1000);
    }

    @Test
    void matchesOverlappingAlertsOfTheRightVehicleAndKindAndMeasuresDelay() {
        List<AnomalyLabel> labels =
                List.of(
                        label("V1", "ENGINE_OVERHEATING", 100, 300),
                        label("V1", "GPS_JUMP", 1_000, 1_002),
                        label("V2", "FUEL_LEAK", 500, 700),
                        label("V3", "SENSOR_DRIFT", 0, 100));
        List<Detection> alerts =
                List.of(
                        alert("V1", "ENGINE_OVERHEATING", false, 110, 120, 310), // hit, 20 s late
                        alert(
                                "V1",
                                "ENGINE_OVERHEATING",
                                false,
                                2_000,
                                2_010,
                                2_020), // false alarm
                        alert("V1", "GPS_JUMP", false, 1_005, 1_010, 1_010), // within the grace
                        alert("V2", "GPS_JUMP", false, 500, 510, 520), // wrong kind
                        alert("V2", "MODEL_ANOMALY", true, 590, 600, 650), // any kind: hit
                        alert("V4", "MODEL_ANOMALY", true, 0, 10, 20)); // nothing there

        List<KindScore> scores = new DetectionMatcher(10_000).score(labels, alerts);

        KindScore all = scores.get(scores.size() - 1);
        assertThat(all.kind()).isEqualTo(DetectionMatcher.ALL);
        assertThat(all.labels()).isEqualTo(4);
        assertThat(all.detected()).isEqualTo(3);
        assertThat(all.alerts()).isEqualTo(6);
        assertThat(all.correctAlerts()).isEqualTo(3);
        assertThat(all.recall()).isEqualTo(0.75);
        assertThat(all.precision()).isEqualTo(0.5);
        assertThat(all.f1()).isCloseTo(0.6, within(1e-12));
        assertThat(all.meanDelaySeconds()).isCloseTo((20 + 10 + 100) / 3.0, within(1e-9));

        KindScore hot = byKind(scores, "ENGINE_OVERHEATING");
        assertThat(hot.recall()).isEqualTo(1.0);
        assertThat(hot.precision()).isEqualTo(0.5);
        KindScore leak = byKind(scores, "FUEL_LEAK");
        assertThat(leak.detected()).isEqualTo(1);
        assertThat(leak.alerts()).isEqualTo(1); // the model alert attributed to it
        assertThat(byKind(scores, "SENSOR_DRIFT").recall()).isZero();
        assertThat(byKind(scores, DetectionMatcher.UNMATCHED_ANY_KIND).alerts()).isEqualTo(1);
        assertThat(byKind(scores, "GPS_JUMP").alerts()).isEqualTo(2);
    }

    @Test
    void anAlertBeforeTheEpisodeOrAfterItsGraceDoesNotMatch() {
        List<AnomalyLabel> labels = List.of(label("V1", "GPS_JUMP", 100, 102));
        assertThat(
                        new DetectionMatcher(10_000)
                                .score(labels, List.of(alert("V1", "GPS_JUMP", false, 80, 90, 99)))
                                .get(1)
                                .detected())
                .isZero();
        assertThat(
                        new DetectionMatcher(10_000)
                                .score(
                                        labels,
                                        List.of(alert("V1", "GPS_JUMP", false, 113, 120, 130)))
                                .get(1)
                                .detected())
                .isZero();
    }

    @Test
    void aDeadlineDropsAlertsRaisedTooLongAfterTheEpisode() {
        List<AnomalyLabel> labels = List.of(label("V1", "ENGINE_OVERHEATING", 0, 100));
        // A daily batch alert: covers the episode, raised at the end of the day.
        List<Detection> daily =
                List.of(alert("V1", "ENGINE_OVERHEATING", false, 0, 86_400, 86_400));
        assertThat(new DetectionMatcher(10_000).score(labels, daily).get(1).detected())
                .isEqualTo(1);
        assertThat(new DetectionMatcher(10_000, 900_000).score(labels, daily).get(1).detected())
                .isZero();
    }

    private static KindScore byKind(List<KindScore> scores, String kind) {
        return scores.stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void namesTheMissedEpisodesAndTheAlertsThatMatchedNothing() {
        AnomalyLabel hit = label("V1", "ENGINE_OVERHEATING", 100, 300);
        AnomalyLabel wrongKind = label("V2", "FUEL_LEAK", 500, 700);
        AnomalyLabel silent = label("V3", "SENSOR_DRIFT", 0, 100);
        Detection good = alert("V1", "ENGINE_OVERHEATING", false, 110, 120, 310);
        Detection leakAsTheft = alert("V2", "FUEL_THEFT", false, 500, 510, 520);
        Detection elsewhere = alert("V4", "GPS_JUMP", false, 0, 10, 20);
        List<AnomalyLabel> labels = List.of(hit, wrongKind, silent);
        List<Detection> alerts = List.of(good, leakAsTheft, elsewhere);

        DetectionMatcher matcher = new DetectionMatcher(10_000);
        assertThat(matcher.missed(labels, alerts)).containsExactly(wrongKind, silent);
        assertThat(matcher.unmatched(labels, alerts)).containsExactly(leakAsTheft, elsewhere);
    }
}
