package io.fleetpulse.stack.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.embedded.pinot.PinotClusterConfig;
import io.fleetpulse.ingest.topics.TopicSpec;
import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.serving.ServingSettings;
import io.fleetpulse.stack.StackConfig;
import io.fleetpulse.stack.flink.ClusterJob;
import io.fleetpulse.stack.flink.FlinkArtifacts;
import io.fleetpulse.stack.flink.FlinkClusterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine here, so this checks what can be checked of the root docker-compose.yml
 * without one: it parses; every image (and every Dockerfile's base image) is pinned to a version;
 * host ports bind 127.0.0.1 and match the stack's defaults; topic and table names are the Topics
 * registry's and pinot-schemas'; the mounted job jars and Flink libraries are the files the build
 * produces.
 */
class DockerComposeFileTest {

    /** {@code name:tag} with a tag that starts with a digit (a version, never {@code latest}). */
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+:[0-9][A-Za-z0-9._-]*");

    /** A topic-like name not part of an option ({@code --fleet.kafka…}, {@code -Dfleet.work…}). */
    private static final Pattern TOPIC_NAME = Pattern.compile("(?<![-\\w./])fleet(\\.[a-z]+)+");

    /** Model-serving's port of the contract. */
    private static final int SERVING_PORT = ServingSettings.DEFAULT_PORT;

    /** The local stack's Pinot ports (embedded-pinot), mapped to Pinot's container defaults. */
    private static final int PINOT_CONTROLLER_PORT = PinotClusterConfig.DEFAULT_CONTROLLER_PORT;

    private static final int PINOT_BROKER_PORT = PinotClusterConfig.DEFAULT_BROKER_PORT;

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        compose = ProjectFiles.compose();
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyImageIsPinnedToAVersion() throws Exception {
        List<String> images = new ArrayList<>();
        services.forEach(
                (name, s) -> {
                    assertThat(s.containsKey("image") || s.containsKey("build"))
                            .as("%s has an image or a build", name)
                            .isTrue();
                    if (s.containsKey("image")) {
                        images.add((String) s.get("image"));
                    }
                });
        for (Map<String, Object> s : services.values()) {
            if (s.get("build") instanceof Map<?, ?> build) {
                Path file = ProjectFiles.projectDir().resolve((String) build.get("dockerfile"));
                assertThat(file).exists();
                images.addAll(ProjectFiles.baseImages(file));
            }
        }
        assertThat(images).isNotEmpty().allMatch(i -> PINNED.matcher(i).matches());
        assertThat(images).noneMatch(i -> i.contains("latest"));
    }

    @Test
    void hostPortsAreLoopbackOnlyAndMatchTheLocalStack() {
        Map<String, List<String>> ports = new LinkedHashMap<>();
        services.forEach((name, s) -> ports.put(name, strings(s.get("ports"))));
        assertThat(ports.values().stream().flatMap(List::stream))
                .isNotEmpty()
                .allMatch(p -> p.startsWith("127.0.0.1:"));
        assertThat(ports.get("kafka"))
                .contains("127.0.0.1:" + StackConfig.KAFKA_PORT + ":" + StackConfig.KAFKA_PORT);
        assertThat(ports.get("jobmanager"))
                .containsExactly("127.0.0.1:" + FlinkClusterSettings.REST_PORT + ":8081");
        assertThat(ports.get("model-serving"))
                .containsExactly("127.0.0.1:" + SERVING_PORT + ":" + SERVING_PORT);
        assertThat(strings(services.get("model-serving").get("command")))
                .containsSequence("--port", Integer.toString(SERVING_PORT));
        assertThat(ports.get("pinot-controller"))
                .containsExactly("127.0.0.1:" + PINOT_CONTROLLER_PORT + ":9000");
        assertThat(ports.get("pinot-broker"))
                .containsExactly("127.0.0.1:" + PINOT_BROKER_PORT + ":8099");
    }

    @Test
    @SuppressWarnings("unchecked")
    void topicsAreTheRegistrysAndNoOtherTopicIsNamed() throws Exception {
        Map<String, Integer> declared =
                (Map<String, Integer>)
                        ((Map<String, Object>) compose.get("x-fleetpulse")).get("topics");
        Map<String, Integer> registry = new LinkedHashMap<>();
        for (TopicSpec<?, ?> t : Topics.DEFAULT.all()) {
            registry.put(t.name(), t.partitions());
        }
        assertThat(declared).isEqualTo(registry);

        String text = Files.readString(ProjectFiles.projectDir().resolve("docker-compose.yml"));
        Matcher m = TOPIC_NAME.matcher(text);
        TreeSet<String> named = new TreeSet<>();
        while (m.find()) {
            named.add(m.group());
        }
        assertThat(named).isNotEmpty().isSubsetOf(registry.keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void pinotTablesAreThoseOfPinotSchemasAndReadRegistryTopics() throws Exception {
        List<String> declared =
                (List<String>)
                        ((Map<String, Object>) compose.get("x-fleetpulse")).get("pinot-tables");
        Path configs = ProjectFiles.projectDir().resolve("pinot-schemas/src/main/resources/pinot");
        List<String> tables;
        try (Stream<Path> dirs = Files.list(configs)) {
            tables = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(tables);
        List<String> topicNames = Topics.DEFAULT.all().stream().map(TopicSpec::name).toList();
        for (String table : tables) {
            String config = Files.readString(configs.resolve(table).resolve("table.json"));
            Matcher m =
                    Pattern.compile("\"stream\\.kafka\\.topic\\.name\"\\s*:\\s*\"([^\"]+)\"")
                            .matcher(config);
            assertThat(m.find()).as("%s streams from a topic", table).isTrue();
            assertThat(topicNames).as("topic of %s", table).contains(m.group(1));
        }
        assertThat(strings(services.get("provision").get("command")).get(0))
                .contains("fleet topics")
                .contains("fleet pinot apply");
    }

    @Test
    void flinkMountsTheJobJarsAndLibrariesTheBuildProduces() throws Exception {
        List<String> volumes = strings(services.get("jobmanager").get("volumes"));
        assertThat(strings(services.get("taskmanager").get("volumes"))).isEqualTo(volumes);
        Map<String, String> jobJars =
                Map.of(
                        FlinkArtifacts.FEATURE_JOB_MODULE, ClusterJob.FEATURE_JOB_MAIN,
                        FlinkArtifacts.LEARNER_JOB_MODULE, ClusterJob.LEARNER_JOB_MAIN);
        String submit = strings(services.get("flink-jobs").get("command")).get(0);
        for (Map.Entry<String, String> job : jobJars.entrySet()) {
            String source =
                    "./" + job.getKey() + "/target/" + ProjectFiles.jobJarName(job.getKey());
            String mount =
                    volumes.stream()
                            .filter(v -> v.startsWith(source + ":"))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    "no mount of " + source + " in " + volumes));
            String inContainer = mount.split(":")[1];
            assertThat(submit).contains("-c " + job.getValue() + " " + inContainer);
            assertThat(
                            ProjectFiles.pom(
                                    job.getKey() + "/pom.xml",
                                    "/project/properties/job.main.class"))
                    .isEqualTo(job.getValue());
        }
        String lib =
                ProjectFiles.pom(
                                "flink-cluster/pom.xml",
                                "//execution[id='flink-lib-djl']//outputDirectory")
                        .replace("${project.build.directory}", "./flink-cluster/target");
        assertThat(volumes).anyMatch(v -> v.startsWith(lib + ":/opt/flink/lib/"));
    }

    private static List<String> strings(Object yaml) {
        if (yaml == null) {
            return List.of();
        }
        if (yaml instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(yaml));
    }
}
