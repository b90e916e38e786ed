package io.fleetpulse.pinot.bench;

import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.pinot.ApplyResult;
import io.fleetpulse.pinot.PinotApplier;
import io.fleetpulse.pinot.PinotConfigs;
import io.fleetpulse.pinot.PinotControllerClient;
import io.fleetpulse.pinot.PinotTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The benchmark's own topics and tables, so it never writes into the stack's real ones: a prefixed
 * topic set and copies of the FleetPulse tables named {@code <table>_bench} reading it, created
 * before and dropped after a run.
 */
final class BenchTables {

    static final String SUFFIX = "_bench";

    /** Rows per server (split over the partitions it consumes) before a segment is completed. */
    static final String FLUSH_ROWS_KEY = "realtime.segment.flush.threshold.rows";

    private final Topics topics;
    private final List<PinotTable> tables;
    private final Map<String, String> renames = new LinkedHashMap<>();

    /**
     * @param flushRows per production table name, a {@value #FLUSH_ROWS_KEY} replacing the table's
     *     own (to try segment sizes without editing the configs)
     */
    BenchTables(String topicPrefix, String bootstrap, Map<String, Long> flushRows) {
        this.topics = Topics.withPrefix(topicPrefix);
        for (String name : flushRows.keySet()) {
            PinotConfigs.load(name); // fails with a clear message for an unknown table
        }
        this.tables =
                PinotConfigs.all(topics, bootstrap).stream()
                        .map(
                                t ->
                                        flushRows.containsKey(t.name())
                                                ? t.withStreamConfigs(
                                                        Map.of(
                                                                FLUSH_ROWS_KEY,
                                                                flushRows.get(t.name()).toString()))
                                                : t)
                        .map(t -> t.renamed(t.name() + SUFFIX))
                        .toList();
        for (PinotTable t : tables) {
            renames.put(t.name().substring(0, t.name().length() - SUFFIX.length()), t.name());
        }
    }

    Topics topics() {
        return topics;
    }

    /** Production table name to benchmark table name, for rendering the named queries. */
    Map<String, String> renames() {
        return renames;
    }

    String table(String productionName) {
        return renames.get(productionName);
    }

    List<TopicSpec<?, ?>> topicSpecs() {
        return List.of(topics.imputed(), topics.features(), topics.alerts());
    }

    List<ApplyResult> create(Admin admin, PinotControllerClient controller) throws Exception {
        new TopicProvisioner(admin, (short) 1, Map.of()).provision(topicSpecs());
        return new PinotApplier(controller).apply(tables, false);
    }

    /** Drops the tables, schemas and topics; what does not exist is skipped. */
    void drop(Admin admin, PinotControllerClient controller) throws Exception {
        for (PinotTable t : tables) {
            controller.deleteTable(t.name());
        }
        for (PinotTable t : tables) {
            controller.deleteSchema(t.name());
        }
        java.util.Set<String> existing = admin.listTopics().names().get();
        List<String> ours =
                topicSpecs().stream().map(TopicSpec::name).filter(existing::contains).toList();
        admin.deleteTopics(ours).all().get();
    }
}
