package io.fleetpulse.learner.job;

import io.fleetpulse.flink.JobArgs;
import io.fleetpulse.flink.JobEnvironments;
import io.fleetpulse.flink.JobHelp;
import io.fleetpulse.flink.JobUsage;
import io.fleetpulse.ingest.topics.Topics;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@link LearnerJob} against Kafka. {@code --local} runs it in an embedded Flink mini cluster
 * bound to 127.0.0.1 (the local stack); without it the job goes to the cluster that launched it.
 * Options: {@code --<key> VALUE} for every key in {@link LearnerOptions}; {@code --help} lists
 * them. Prints {@code READY learner-job job-id=…} once the job is submitted; on SIGTERM the job is
 * cancelled and its last checkpoint kept, so the next start with the same checkpoint directory
 * resumes with the models it had.
 *
 * <p>The execution environment (checkpointing, RocksDB, loopback binding) is FeatureJob's {@link
 * JobEnvironments}: {@link LearnerOptions} declares the same keys and defaults for parallelism and
 * checkpoints (a test keeps them equal).
 */
public final class LearnerJobMain {

    private LearnerJobMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            JobHelp.print(LearnerOptions.class, "LearnerJob", System.out);
            return;
        }
        Configuration config;
        try {
            config = JobArgs.parse(args, LearnerOptions.class, JobEnvironments.LOCAL_FLAG);
            LearnerOptions.settings(config);
        } catch (IllegalArgumentException e) {
            throw JobUsage.fail("LearnerJob", args, e);
        }
        StreamExecutionEnvironment env = JobEnvironments.create(config);
        Topics topics = Topics.withPrefix(config.get(LearnerOptions.TOPIC_PREFIX));
        new LearnerJob(
                        LearnerSources.kafka(topics, config),
                        LearnerSinks.kafka(topics, config),
                        config)
                .build(env);
        JobClient job = env.executeAsync("FleetPulse LearnerJob");
        System.out.println("READY learner-job job-id=" + job.getJobID());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cancel(job), "learner-job-shutdown"));
        job.getJobExecutionResult().get();
    }

    private static void cancel(JobClient job) {
        try {
            if (!job.getJobStatus().get().isTerminalState()) {
                job.cancel().get();
            }
        } catch (Exception e) {
            System.err.println("LearnerJob: cancelling on shutdown failed: " + e);
        }
    }
}
