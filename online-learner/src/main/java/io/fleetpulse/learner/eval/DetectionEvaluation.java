package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.ingest.report.BenchReport;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.replica.LearnerSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every detector on the same labelled feature vectors and scores them event by event: the
 * FleetPulse learner (models + rules, models only, rules only), Random Cut Forest (alone and with
 * the same rules) and the daily batch baseline.
 */
public final class DetectionEvaluation {

    /**
     * How to run it.
     *
     * @param learner the learner's settings
     * @param replicas learner replicas P
     * @param stragglerTimeoutMs the averager's straggler timeout
     * @param alerts alerting (de-dup, clearing, rate limit), for every detector
     * @param graceMs how long after an episode's last event an alert still matches it
     * @param rcf whether to run Random Cut Forest (the slowest detector)
     * @param models whether the learner trains and scores its models; without them only its rules
     *     run (a check of rule changes in seconds instead of minutes)
     * @param deadlineMs for the "timely" figures: an alert must come at most this long after the
     *     episode ended
     */
    public record Settings(
            LearnerSettings learner,
            int replicas,
            long stragglerTimeoutMs,
            AlertSettings alerts,
            long graceMs,
            boolean rcf,
            boolean models,
            long deadlineMs) {}

    /** One detector's scores, with any delay and within the deadline. */
    public record Outcome(DetectorResult detector, List<KindScore> scores, KindScore timely) {
        public KindScore overall() {
            return scores.get(scores.size() - 1);
        }
    }

    private DetectionEvaluation() {}

    public static List<Outcome> run(LabelledFeatures data, Settings s) {
        List<DetectorResult> detectors = new ArrayList<>();
        if (s.models()) {
            detectors.addAll(
                    LearnerDetectors.run(
                            data.vectors(),
                            s.learner(),
                            s.replicas(),
                            s.stragglerTimeoutMs(),
                            s.alerts()));
        } else {
            detectors.add(
                    LearnerDetectors.rulesOnly(data.vectors(), s.learner().rules(), s.alerts()));
        }
        if (s.rcf()) {
            detectors.addAll(
                    RcfDetectors.run(
                            data.vectors(),
                            s.learner().thresholds(),
                            s.learner().coldStartSamples(),
                            s.learner().rules(),
                            s.alerts(),
                            s.learner().seed()));
        }
        detectors.add(DailyBatchDetector.run(data.vectors(), s.learner().rules()));
        DetectionMatcher matcher = new DetectionMatcher(s.graceMs());
        DetectionMatcher timely = new DetectionMatcher(s.graceMs(), s.deadlineMs());
        List<Outcome> all = new ArrayList<>();
        for (DetectorResult d : detectors) {
            List<KindScore> inTime = timely.score(data.labels(), d.detections());
            all.add(
                    new Outcome(
                            d,
                            matcher.score(data.labels(), d.detections()),
                            inTime.get(inTime.size() - 1)));
        }
        // RCF ran at several margins: keep its best of each variant.
        List<Outcome> out = new ArrayList<>();
        Outcome bestAlone = null;
        Outcome bestWithRules = null;
        for (Outcome o : all) {
            String name = o.detector().name();
            if (name.startsWith(RcfDetectors.WITH_RULES)) {
                bestWithRules = better(bestWithRules, o);
            } else if (name.startsWith(RcfDetectors.ALONE)) {
                bestAlone = better(bestAlone, o);
            } else {
                out.add(o);
            }
        }
        if (bestAlone != null) {
            out.add(out.size() - 1, bestAlone);
            out.add(out.size() - 1, bestWithRules);
        }
        return out;
    }

    private static Outcome better(Outcome a, Outcome b) {
        if (a == null) {
            return b;
        }
        double fa = a.overall().f1();
        double fb = b.overall().f1();
        return Double.isNaN(fa) || (!Double.isNaN(fb) && fb > fa) ? b : a;
    }

    /** The figures as a report: each detector's overall row, then its rows per kind. */
    public static BenchReport report(LabelledFeatures data, Settings s, List<Outcome> outcomes) {
        BenchReport r =
                BenchReport.create(
                        "eval-detection",
                        "Anomaly detection, event level: FleetPulse vs Random Cut Forest vs daily"
                                + " batch aggregates");
        r.setting("input", data.description());
        r.setting("vectors", data.vectors().size());
        r.setting("labelled episodes", data.labels().size());
        r.setting("replicas", s.replicas());
        r.setting("models", s.models());
        r.setting("learner", s.learner());
        r.setting("alerts", s.alerts());
        r.setting("match grace ms", s.graceMs());
        r.setting("timely: alert within ms of the episode's end", s.deadlineMs());
        for (Outcome o : outcomes) {
            for (KindScore k : rowsAllFirst(o.scores())) {
                BenchReport.Row row = r.row(o.detector().name() + " | " + k.kind());
                row.put("episodes", k.labels())
                        .put("detected", k.detected())
                        .put("recall", k.recall())
                        .put("alerts", k.alerts())
                        .put("precision", k.precision())
                        .put("F1", k.f1())
                        .put("delay s", k.meanDelaySeconds());
                if (k.kind().equals(DetectionMatcher.ALL)) {
                    row.put("timely F1", o.timely().f1());
                    row.put("run s", o.detector().nanos() / 1e9);
                }
            }
        }
        if (!outcomes.isEmpty()) {
            Outcome first = outcomes.get(0);
            DetectionMatcher matcher = new DetectionMatcher(s.graceMs());
            List<Detection> detections = first.detector().detections();
            for (AnomalyLabel l : matcher.missed(data.labels(), detections)) {
                r.note(first.detector().name() + " missed: " + describe(l));
            }
            for (Detection d : matcher.unmatched(data.labels(), detections)) {
                r.note(first.detector().name() + " alert matching nothing: " + describe(d));
            }
        }
        r.note(
                "An alert matches an episode of its vehicle when the windows it covers overlap the"
                        + " episode (end + grace) and the kinds agree; model alerts (MODEL_ANOMALY,"
                        + " *_RESIDUAL, RCF_ANOMALY, DAILY_OUTLIER) agree with any kind.");
        r.note(
                "Precision per kind counts that kind's alerts plus model alerts that matched it;"
                        + " unmatched model alerts are the '(unattributed)' row. Delay: first"
                        + " matching alert's detection time minus the episode's start.");
        r.note(
                "The batch baseline flags a vehicle-day when the day ends; the learner runs with"
                        + " event time as its clock and adopts averages at once (no Kafka trip).");
        r.note(
                "Random Cut Forest ran at threshold margins "
                        + java.util.Arrays.toString(RcfDetectors.MARGINS)
                        + " over the same score quantile; its best F1 is shown (tuned in its"
                        + " favour). 'timely F1' counts only alerts raised within the deadline after"
                        + " the episode ended.");
        return r;
    }

    private static String describe(AnomalyLabel l) {
        return String.format(
                Locale.ROOT,
                "%s %s%s %s + %d s",
                l.getVehicleId(),
                l.getKind(),
                l.getSensor() == null ? "" : " (" + l.getSensor() + ")",
                Instant.ofEpochMilli(l.getStartTime()),
                (l.getEndTime() - l.getStartTime()) / 1000);
    }

    private static String describe(Detection d) {
        return String.format(
                Locale.ROOT,
                "%s %s %s + %d s",
                d.vehicleId(),
                d.kind(),
                Instant.ofEpochMilli(d.start()),
                (d.end() - d.start()) / 1000);
    }

    private static List<KindScore> rowsAllFirst(List<KindScore> scores) {
        List<KindScore> out = new ArrayList<>();
        out.add(scores.get(scores.size() - 1));
        out.addAll(scores.subList(0, scores.size() - 1));
        return out;
    }

    /** One summary line per detector. */
    public static String summary(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder();
        for (Outcome o : outcomes) {
            KindScore k = o.overall();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-36s F1 %.3f  precision %.3f  recall %.3f  delay %.0f s  timely F1"
                                    + " %.3f%n",
                            o.detector().name(),
                            k.f1(),
                            k.precision(),
                            k.recall(),
                            k.meanDelaySeconds(),
                            o.timely().f1()));
        }
        return b.toString();
    }
}
