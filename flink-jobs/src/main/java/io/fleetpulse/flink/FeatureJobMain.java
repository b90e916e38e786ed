package io.fleetpulse.flink;

import org.apache.flink.configuration.Configuration;

/**
 * Runs {@link FeatureJob} against Kafka. {@code --local} runs it in an embedded Flink mini cluster
 * bound to 127.0.0.1 (the local stack): it prints {@code READY feature-job job-id=…} once the job
 * is submitted, and on SIGTERM cancels the job and keeps its last checkpoint, so the next start
 * resumes from it. Without {@code --local} this is the entry point of the job jar on a Flink
 * cluster ({@code flink run}, or the REST API): it submits the job and leaves its lifecycle to the
 * cluster. Options: {@code --<key> VALUE} for every key in {@link FeatureJobOptions}; {@code
 * --help} lists them.
 */
public final class FeatureJobMain {

    private FeatureJobMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            JobHelp.print(FeatureJobOptions.class, "FeatureJob", System.out);
            return;
        }
        Configuration config;
        try {
            config = JobArgs.parse(args, FeatureJobOptions.class, JobEnvironments.LOCAL_FLAG);
        } catch (IllegalArgumentException e) {
            throw JobUsage.fail("FeatureJob", args, e);
        }
        if (!JobUsage.local(args)) {
            // Attached `flink run` blocks here until the job ends; detached and REST submissions
            // return at once. No shutdown hook: this JVM may be the cluster's own.
            RunningFeatureJob.build(config).execute(RunningFeatureJob.JOB_NAME);
            return;
        }
        RunningFeatureJob job = RunningFeatureJob.start(config);
        System.out.println("READY feature-job job-id=" + job.jobId());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cancel(job), "feature-job-shutdown"));
        job.awaitEnd();
    }

    private static void cancel(RunningFeatureJob job) {
        try {
            job.close();
        } catch (Exception e) {
            System.err.println("FeatureJob: cancelling on shutdown failed: " + e);
        }
    }
}
