package io.fleetpulse.flink;

import org.apache.flink.configuration.Configuration;

/**
 * Runs {@link FeatureJob} against Kafka. {@code --local} runs it in an embedded Flink mini cluster
 * bound to 127.0.0.1 (the local stack); without it the job goes to the cluster that launched it
 * ({@code flink run}). Options: {@code --<key> VALUE} for every key in {@link FeatureJobOptions};
 * {@code --help} lists them. Prints {@code READY feature-job job-id=…} once the job is submitted;
 * on SIGTERM the job is cancelled and its last checkpoint kept, so the next start resumes from it.
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
            System.err.println("FeatureJob: " + e.getMessage());
            System.exit(2);
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
