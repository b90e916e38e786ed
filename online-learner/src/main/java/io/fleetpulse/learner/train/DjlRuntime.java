package io.fleetpulse.learner.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How FleetPulse runs DJL's PyTorch engine: offline (the native libraries come from the {@code
 * pytorch-native-cpu} jar on the classpath, or the CUDA jar of the {@code gpu} profile, and are
 * extracted once into {@code <work>/djl-cache}, never into the home directory or /tmp), one
 * intra-op and one inter-op thread (small models on few cores; more threads were up to 50x slower),
 * and the device chosen at run time.
 *
 * <p>DJL's PyTorch gradient collector is a JVM-wide singleton (a second one throws while the first
 * is open), so replicas sharing a JVM — the subtasks of one task manager — take {@link #GRADIENTS}
 * around their forward and backward passes.
 */
public final class DjlRuntime {

    /** Held while recording gradients; one collector may be open per JVM. */
    public static final ReentrantLock GRADIENTS = new ReentrantLock();

    /** Where a model runs. */
    public enum DeviceChoice {
        /** The GPU if DJL finds one (it needs libcudart and the CUDA native jar), else the CPU. */
        AUTO,
        CPU,
        /** GPU 0; fails if there is none. */
        GPU;

        /** Parses {@code auto}, {@code cpu} or {@code gpu}, case-insensitively. */
        public static DeviceChoice parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "device must be auto, cpu or gpu, was '" + s + "'", e);
            }
        }
    }

    private static final String ENGINE = "PyTorch";

    private DjlRuntime() {}

    /**
     * Sets DJL's system properties unless already set: offline, the cache under the work directory
     * ({@code fleet.work.dir}, default {@code ./work}), one thread each. Must run before the first
     * use of the engine; later calls do nothing.
     */
    public static synchronized void configure() {
        Path work = Path.of(System.getProperty("fleet.work.dir", "work")).toAbsolutePath();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", work.resolve("djl-cache").toString());
        setIfAbsent("ai.djl.default_engine", ENGINE);
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The PyTorch engine, configured first. */
    public static Engine engine() {
        configure();
        return Engine.getEngine(ENGINE);
    }

    /** The device {@code choice} resolves to on this machine. */
    public static Device device(DeviceChoice choice) {
        Engine engine = engine();
        return switch (choice) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException(
                            "no GPU found by DJL (needs libcudart and the gpu Maven profile)");
                }
                yield Device.gpu(0);
            }
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        };
    }
}
