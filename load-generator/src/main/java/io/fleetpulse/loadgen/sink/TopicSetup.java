package io.fleetpulse.loadgen.sink;

import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.TopicSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Checks that the broker answers and that the topics the simulator writes exist as the registry
 * declares them (creating them if needed), so a wrong address fails fast with a clear message
 * instead of a producer blocking for a minute.
 */
public final class TopicSetup {

    private static final int TIMEOUT_MS = 15_000;

    private TopicSetup() {}

    /**
     * Provisions {@code topics} on the broker at {@code bootstrapServers}.
     *
     * @return what was done, one line per topic
     * @throws IllegalStateException with a readable message when the broker cannot be reached
     */
    public static List<String> ensure(
            String bootstrapServers,
            Collection<TopicSpec<?, ?>> topics,
            Map<String, String> overrides)
            throws InterruptedException {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS))) {
            List<String> done = provisionRetrying(admin, topics, overrides);
            awaitLeaders(admin, topics.stream().map(TopicSpec::name).toList());
            return done;
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause =
                    e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot reach Kafka at "
                            + bootstrapServers
                            + " or create topics: "
                            + cause.getMessage(),
                    e);
        }
    }

    /**
     * Provisions, retrying while the broker reports retriable errors (a topic created a moment ago
     * may not be known to every part of the broker yet).
     */
    private static List<String> provisionRetrying(
            Admin admin, Collection<TopicSpec<?, ?>> topics, Map<String, String> overrides)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            try {
                return new TopicProvisioner(admin, (short) 1, overrides)
                        .provision(topics).stream()
                                .map(o -> o.topic() + ": " + o.action() + " (" + o.detail() + ")")
                                .toList();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)
                        || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until the leader of every partition serves requests (a list-offsets answer), so the
     * first sends to a new topic are not refused while leadership is still being taken up.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(names)
                        .allTopicNames()
                        .get()
                        .values()
                        .forEach(
                                d ->
                                        d.partitions()
                                                .forEach(
                                                        p ->
                                                                latest.put(
                                                                        new TopicPartition(
                                                                                d.name(),
                                                                                p.partition()),
                                                                        OffsetSpec.latest())));
                admin.listOffsets(latest).all().get();
                return;
            } catch (ExecutionException e) {
                // Just created: leadership not taken up yet.
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "partitions of " + names + " have no serving leader: " + e.getCause());
                }
            }
            Thread.sleep(100);
        }
    }

    /**
     * Deletes topics (for benchmarks that use throw-away topics); errors are reported, not thrown.
     */
    public static String delete(String bootstrapServers, Collection<String> names)
            throws InterruptedException {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS))) {
            admin.deleteTopics(names).all().get();
            return null;
        } catch (ExecutionException | RuntimeException e) {
            return "could not delete " + names + ": " + e.getMessage();
        }
    }
}
