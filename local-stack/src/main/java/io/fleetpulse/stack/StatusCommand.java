package io.fleetpulse.stack;

import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.stack.component.PinotComponent;
import io.fleetpulse.stack.component.PinotStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code fleet status}: what runs, and if Kafka is up, its topics and consumer groups. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows the stack's processes and, when Kafka runs, topics and consumer lag.")
public final class StatusCommand implements Callable<Integer> {

    @ParentCommand FleetCli cli;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StackLayout layout = cli.layout();
        StackState state = StackState.load(layout);
        if (state.components().isEmpty()) {
            out.println("no stack running in " + layout.workDir() + " (start it with ./fleet up)");
            return 0;
        }
        TextTable t = new TextTable("component", "pid", "alive", "address", "uptime", "log");
        ComponentState kafka = null;
        ComponentState pinot = null;
        for (ComponentState c : state.components()) {
            boolean ours = Processes.isOurs(c, layout.workDir());
            String alive =
                    ours
                            ? (c.port() == 0 || Ports.isListening(c.port())
                                    ? "yes"
                                    : "yes, not listening")
                            : Processes.isAlive(c.pid()) ? "no (pid reused)" : "no";
            t.row(
                    c.name(),
                    c.pid(),
                    alive,
                    c.address(),
                    ours ? uptime(c.startedAt()) : "-",
                    c.logFile());
            if (ours && c.name().equals(StackManager.KAFKA)) {
                kafka = c;
            }
            if (ours && c.name().equals(PinotComponent.NAME)) {
                pinot = c;
            }
        }
        t.print(out, 0);
        if (kafka != null) {
            out.println();
            kafkaReport(kafka.address(), out);
        }
        if (pinot != null) {
            out.println();
            PinotStatus.print(pinot, out);
        }
        return 0;
    }

    static void kafkaReport(String bootstrap, PrintStream out) {
        try (KafkaInspector k = new KafkaInspector(bootstrap)) {
            List<String> names = Topics.DEFAULT.all().stream().map(TopicSpec::name).toList();
            List<KafkaInspector.TopicInfo> topics = k.topics(names);
            TextTable t = new TextTable("topic", "partitions", "end offsets (records)");
            topics.forEach(
                    i -> t.row(i.name(), i.partitions(), String.format("%,d", i.endOffsets())));
            out.println("topics on " + bootstrap + ":");
            if (t.isEmpty()) {
                out.println("  none provisioned (./fleet up provisions them)");
            } else {
                t.print(out, 2);
            }
            List<KafkaInspector.GroupLag> lags = k.groupLags();
            if (lags.isEmpty()) {
                out.println("consumer groups: no consumers yet (no pipeline job runs yet)");
            } else {
                TextTable g = new TextTable("consumer group", "partitions", "lag (records)");
                lags.forEach(l -> g.row(l.group(), l.partitions(), String.format("%,d", l.lag())));
                out.println("consumer groups:");
                g.print(out, 2);
            }
        } catch (KafkaInspector.KafkaQueryException e) {
            out.println("Kafka at " + bootstrap + " does not answer: " + e.getMessage());
        }
    }

    static String uptime(Instant startedAt) {
        if (startedAt == null) {
            return "?";
        }
        Duration d = Duration.between(startedAt, Instant.now());
        if (d.toHours() > 0) {
            return String.format("%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
