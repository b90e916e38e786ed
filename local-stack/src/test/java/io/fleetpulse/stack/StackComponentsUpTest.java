package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link StackManager#up} treats its components, with stand-in processes: order, skipping,
 * finding a running one again, and a failing component that is or is not essential.
 */
class StackComponentsUpTest {

    @TempDir Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<Process> processes = new ArrayList<>();
    private final List<String> afterUp = new ArrayList<>();

    @AfterEach
    void killStandIns() {
        processes.forEach(Process::destroyForcibly);
    }

    /** Starts a sleeper, records it, then fails if asked to (like a readiness timeout). */
    private StackComponent component(String name, boolean essential, boolean fails) {
        return new StackComponent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean essential() {
                return essential;
            }

            @Override
            public ComponentState start(StackContext ctx) {
                Process p = TestProcesses.sleeper("main." + name, dir.toString(), false);
                processes.add(p);
                ComponentState c =
                        ctx.record(name, p, "main." + name, "-", 0, 0, dir.resolve(name + ".log"));
                if (fails) {
                    throw new StackException(name + " did not answer in time");
                }
                return c;
            }

            @Override
            public void afterUp(ComponentState running, StackContext ctx) {
                afterUp.add(name);
            }
        };
    }

    private static StackConfig config(String... skipped) {
        return new StackConfig(
                19092, 19093, 18088, 64L << 20, Set.of(skipped), Duration.ofSeconds(5));
    }

    private StackManager manager(StackComponent... components) {
        StackLayout layout = new StackLayout(dir);
        return new StackManager(layout, new JvmLauncher(layout, "-"), List.of(components));
    }

    @Test
    void startsInOrderSkipsWhatIsSwitchedOffAndFindsRunningOnesAgain() {
        StackManager stack =
                manager(
                        component("a", true, false),
                        component("b", true, false),
                        component("c", true, false));
        StackManager.UpResult first = stack.up(config("b"), out);
        assertThat(first.started()).extracting(ComponentState::name).containsExactly("a", "c");
        assertThat(afterUp).containsExactly("a", "c");

        StackManager.UpResult second = stack.up(config(), out);
        assertThat(second.alreadyRunning())
                .extracting(ComponentState::name)
                .containsExactly("a", "c");
        assertThat(second.started()).extracting(ComponentState::name).containsExactly("b");
        assertThat(afterUp).containsExactly("a", "c", "a", "b", "c");
        assertThat(processes).hasSize(3);
    }

    @Test
    void aFailingOptionalComponentIsReportedAndStoppedWhileTheRestRuns() {
        StackManager stack =
                manager(
                        component("a", true, false),
                        component("pinot", false, true),
                        component("c", true, false));
        StackManager.UpResult up = stack.up(config(), out);

        assertThat(up.started()).extracting(ComponentState::name).containsExactly("a", "c");
        assertThat(up.failed())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.name()).isEqualTo("pinot");
                            assertThat(f.reason()).contains("did not answer in time");
                        });
        assertThat(processes.get(1).isAlive()).as("half-started pinot stopped").isFalse();
        assertThat(processes.get(0).isAlive()).isTrue();
        assertThat(processes.get(2).isAlive()).isTrue();
        assertThat(stack.running("pinot")).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("pinot did not start: pinot did not answer in time")
                .contains("the rest of the stack runs without it");
        assertThat(stack.down(false, out)).hasSize(2);
    }

    @Test
    void aFailingEssentialComponentFailsUpAndLeavesItsProcessForDown() {
        StackManager stack =
                manager(component("kafka-like", true, true), component("c", true, false));
        assertThatThrownBy(() -> stack.up(config(), out))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("did not answer in time");
        assertThat(processes).hasSize(1);
        assertThat(stack.down(false, out)).containsExactly(processes.get(0).pid());
    }
}
