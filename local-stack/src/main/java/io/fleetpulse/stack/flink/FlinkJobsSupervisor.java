package io.fleetpulse.stack.flink;

import io.fleetpulse.stack.StackException;
import io.fleetpulse.stack.StackLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code flink-jobs} process of {@code fleet up --flink cluster}: submits FeatureJob and, where
 * its job jar was built, LearnerJob to the session cluster through the REST API (passing every
 * {@code --fleet.<option> VALUE} pair it was given on to both jobs), prints {@value #READY} with
 * their job ids, logs every change of their state, and on SIGTERM ({@code fleet down}) stops them
 * with savepoints (cancelling a job whose savepoint fails) before it exits.
 */
public final class FlinkJobsSupervisor {

    public static final String MAIN = "io.fleetpulse.stack.flink.FlinkJobsSupervisor";
    public static final String READY = "READY flink-jobs";
    public static final String REST_OPTION = "--rest";
    public static final String BOOTSTRAP_OPTION = "--bootstrap-server";
    public static final String PROJECT_DIR_OPTION = "--project-dir";

    /** Options with this prefix are the jobs' own, passed on to both. */
    private static final String JOB_OPTION_PREFIX = "--fleet.";

    /** Below the stack's stop grace (30 s) so a failed savepoint still leaves time to cancel. */
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofSeconds(20);

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(5);

    private FlinkJobsSupervisor() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        PrintStream out = System.out;
        StackLayout stack = StackLayout.fromSystemProperties();
        FlinkRest rest = new FlinkRest(opts.get(REST_OPTION));
        FlinkArtifacts artifacts = new FlinkArtifacts(Path.of(opts.get(PROJECT_DIR_OPTION)));
        ClusterJobs jobs = new ClusterJobs(FlinkClusterLayout.under(stack.workDir()), rest);
        String bootstrap = opts.get(BOOTSTRAP_OPTION);
        String[] jobOptions = jobOptions(args);

        List<ClusterJob> wanted = new ArrayList<>();
        wanted.add(ClusterJob.featureJob(artifacts, bootstrap, jobOptions));
        try {
            wanted.add(ClusterJob.learnerJob(artifacts, bootstrap, jobOptions));
        } catch (StackException e) {
            out.println("note: running FeatureJob only: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    jobs.stopAll(SAVEPOINT_TIMEOUT, out);
                                    out.flush();
                                    stopped.countDown();
                                },
                                "flink-jobs-stop"));
        StringBuilder ready = new StringBuilder(READY);
        for (ClusterJob job : wanted) {
            ClusterJobs.Submitted s = jobs.submit(job, out);
            ready.append(' ').append(s.name()).append('=').append(s.jobId());
        }
        out.println(ready);
        out.flush();
        watch(rest, jobs, out, stopped);
    }

    /** Logs each job's state when it changes, until the JVM is asked to stop. */
    private static void watch(
            FlinkRest rest, ClusterJobs jobs, PrintStream out, CountDownLatch stopped)
            throws InterruptedException {
        Map<String, String> last = new HashMap<>();
        while (!stopped.await(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
            for (ClusterJobs.Submitted s : jobs.recorded()) {
                try {
                    String state = rest.jobState(s.jobId()).orElse("UNKNOWN");
                    if (!state.equals(last.put(s.name(), state))) {
                        out.printf("%s (job %s): %s%n", s.name(), s.jobId(), state);
                    }
                } catch (FlinkRestException e) {
                    out.println("cannot ask the cluster for " + s.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /** The {@code --fleet.<option> VALUE} pairs among {@code args}, in their order. */
    static String[] jobOptions(String[] args) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].startsWith(JOB_OPTION_PREFIX)) {
                pairs.add(args[i]);
                pairs.add(args[i + 1]);
            }
        }
        return pairs.toArray(String[]::new);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : List.of(REST_OPTION, BOOTSTRAP_OPTION, PROJECT_DIR_OPTION)) {
            if (!opts.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        return opts;
    }
}
