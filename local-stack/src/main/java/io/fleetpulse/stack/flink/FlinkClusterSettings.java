package io.fleetpulse.stack.flink;

/**
 * The size and ports of the local Flink session cluster: one JobManager, one TaskManager.
 *
 * @param restPort web UI and REST API port on 127.0.0.1
 * @param rpcPort the JobManager's RPC port on 127.0.0.1
 * @param taskSlots slots of the TaskManager (FeatureJob and LearnerJob each take their parallelism)
 * @param jobManagerMemory {@code jobmanager.memory.process.size}, e.g. {@code 1024m}
 * @param taskManagerMemory {@code taskmanager.memory.process.size}, e.g. {@code 2560m}
 */
public record FlinkClusterSettings(
        int restPort,
        int rpcPort,
        int taskSlots,
        String jobManagerMemory,
        String taskManagerMemory) {

    /** Flink's own defaults (8081, 6123) moved up by 10,000 as the stack's other ports are. */
    public static final int REST_PORT = 18081;

    public static final int RPC_PORT = 16123;

    /** Two jobs at the default parallelism of 2. */
    public static final int TASK_SLOTS = 4;

    public static final String JOB_MANAGER_MEMORY = "1024m";
    public static final String TASK_MANAGER_MEMORY = "2560m";

    public FlinkClusterSettings {
        for (int p : new int[] {restPort, rpcPort}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("ports must be 0..65535, not " + p);
            }
        }
        if (restPort != 0 && restPort == rpcPort) {
            throw new IllegalArgumentException("REST and RPC need different ports");
        }
        if (taskSlots < 1) {
            throw new IllegalArgumentException("task slots must be at least 1");
        }
    }

    /** The defaults above. */
    public static FlinkClusterSettings defaults() {
        return new FlinkClusterSettings(
                REST_PORT, RPC_PORT, TASK_SLOTS, JOB_MANAGER_MEMORY, TASK_MANAGER_MEMORY);
    }

    /** The same cluster on other ports (tests use free ones). */
    public FlinkClusterSettings withPorts(int rest, int rpc) {
        return new FlinkClusterSettings(rest, rpc, taskSlots, jobManagerMemory, taskManagerMemory);
    }
}
