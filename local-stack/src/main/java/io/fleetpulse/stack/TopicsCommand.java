package io.fleetpulse.stack;

import io.fleetpulse.ingest.topics.TopicProvisioner;
import io.fleetpulse.ingest.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet topics}: creates every FleetPulse topic of the {@link Topics} registry on any Kafka
 * cluster (idempotent; existing topics are checked, not changed), for clusters {@code fleet up}
 * does not run: the docker-compose provisioning container, or a user's own Kafka.
 */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = {
            "Creates every FleetPulse topic (the Topics registry) on a Kafka cluster; existing"
                    + " topics are reported, not changed."
        })
public final class TopicsCommand implements Callable<Integer> {

    @Option(
            names = "--bootstrap-server",
            defaultValue = "${sys:fleet.bootstrap:-127.0.0.1:19092}",
            description = "Kafka bootstrap servers (default ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(
            names = "--replication-factor",
            defaultValue = "1",
            description = "Replication factor of new topics (default ${DEFAULT-VALUE})")
    short replication;

    @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every name")
    String prefix;

    @Override
    public Integer call() throws Exception {
        if (replication < 1) {
            System.err.println("fleet topics: --replication-factor must be at least 1");
            return 2;
        }
        try (KafkaInspector k = new KafkaInspector(bootstrap)) {
            List<TopicProvisioner.Outcome> outcomes =
                    new TopicProvisioner(k.admin(), replication, Map.of())
                            .provision(Topics.withPrefix(prefix).all());
            TextTable t = new TextTable("topic", "action", "detail");
            outcomes.forEach(o -> t.row(o.topic(), o.action(), o.detail()));
            t.print(System.out, 0);
        }
        return 0;
    }
}
