package io.fleetpulse.stack.flink;

import io.fleetpulse.stack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The configuration of the local Flink session cluster, written to {@code conf/config.yaml} as a
 * Flink distribution's {@code conf/} would hold it: every server on 127.0.0.1, every file under the
 * work directory, RocksDB with incremental checkpoints retained on cancellation, DJL loaded
 * parent-first (its native library may be loaded once per JVM). The JVM memory flags and the
 * derived memory options are computed by Flink's own utilities, as its start scripts do.
 */
public final class FlinkClusterConfig {

    private static final String LOOPBACK = Ports.HOST;

    /** What Flink's own config.yaml passes to every JVM on Java 17. */
    private static final List<String> JAVA_17_OPENS =
            List.of(
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String LOG4J_CONSOLE =
            String.join(
                    "\n",
                    "# Flink's JVMs log to stdout, which the stack appends to work/stack/logs/.",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.console.ref = ConsoleAppender",
                    "appender.console.name = ConsoleAppender",
                    "appender.console.type = CONSOLE",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c{1.} - %m%n",
                    "logger.kafka.name = org.apache.kafka",
                    "logger.kafka.level = WARN",
                    "");

    private final FlinkClusterLayout layout;
    private final FlinkClusterSettings settings;

    public FlinkClusterConfig(FlinkClusterLayout layout, FlinkClusterSettings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    /** Every option of the cluster, in the order written to config.yaml. */
    public Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("jobmanager.rpc.address", LOOPBACK);
        o.put("jobmanager.rpc.port", Integer.toString(settings.rpcPort()));
        o.put("jobmanager.bind-host", LOOPBACK);
        o.put("jobmanager.memory.process.size", settings.jobManagerMemory());
        o.put("taskmanager.host", LOOPBACK);
        o.put("taskmanager.bind-host", LOOPBACK);
        o.put("taskmanager.memory.process.size", settings.taskManagerMemory());
        o.put("taskmanager.numberOfTaskSlots", Integer.toString(settings.taskSlots()));
        o.put("rest.address", LOOPBACK);
        o.put("rest.bind-address", LOOPBACK);
        o.put("rest.port", Integer.toString(settings.restPort()));
        o.put("io.tmp.dirs", layout.tmpDir().toString());
        o.put("web.tmpdir", layout.tmpDir().resolve("web").toString());
        o.put("web.upload.dir", layout.uploadDir().toString());
        o.put("web.submit.enable", "true");
        o.put("web.cancel.enable", "true");
        o.put("state.backend.type", "rocksdb");
        o.put("execution.checkpointing.incremental", "true");
        o.put("execution.checkpointing.dir", layout.checkpointsDir().toUri().toString());
        o.put(
                "execution.checkpointing.savepoint-dir",
                layout.root().resolve("savepoints").toUri().toString());
        o.put("classloader.parent-first-patterns.additional", "ai.djl.");
        return o;
    }

    /** Writes config.yaml and the logging configuration, creating the cluster's directories. */
    public void write() {
        try {
            for (Path dir :
                    List.of(
                            layout.confDir(),
                            layout.tmpDir().resolve("web"),
                            layout.uploadDir(),
                            layout.checkpointsDir())) {
                Files.createDirectories(dir);
            }
            StringBuilder yaml =
                    new StringBuilder(
                            "# Written by `fleet up --flink cluster`; rewritten on each start.\n");
            options().forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
            Files.writeString(layout.configFile(), yaml.toString());
            Files.writeString(layout.log4jFile(), LOG4J_CONSOLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + layout.confDir(), e);
        }
    }

    /** JVM options of the JobManager: memory limits as Flink's scripts compute them, logging. */
    public List<String> jobManagerJvmOptions() {
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(flinkConfig());
        return jvmOptions(JobManagerProcessUtils.generateJvmParametersStr(spec, flinkConfig()));
    }

    /** Program arguments of the JobManager: the conf directory and the derived memory options. */
    public List<String> jobManagerArgs() {
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(flinkConfig());
        return args(JobManagerProcessUtils.generateDynamicConfigsStr(spec));
    }

    public List<String> taskManagerJvmOptions() {
        TaskExecutorProcessSpec spec =
                TaskExecutorProcessUtils.processSpecFromConfig(flinkConfig());
        return jvmOptions(ProcessMemoryUtils.generateJvmParametersStr(spec));
    }

    public List<String> taskManagerArgs() {
        TaskExecutorProcessSpec spec =
                TaskExecutorProcessUtils.processSpecFromConfig(flinkConfig());
        return args(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
    }

    private Configuration flinkConfig() {
        return Configuration.fromMap(options());
    }

    private List<String> jvmOptions(String memory) {
        List<String> out = new ArrayList<>(split(memory));
        out.addAll(JAVA_17_OPENS);
        out.add("-Dlog4j.configurationFile=" + layout.log4jFile().toUri());
        return out;
    }

    private List<String> args(String dynamicConfigs) {
        List<String> out = new ArrayList<>(List.of("--configDir", layout.confDir().toString()));
        out.addAll(split(dynamicConfigs));
        return out;
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(t -> !t.isEmpty()).toList();
    }

    private static String quote(String v) {
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
