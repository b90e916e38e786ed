package io.fleetpulse.stack;

import java.io.PrintStream;
import java.time.Duration;

/** Creates the demo's load: the fleet simulator of module load-generator. */
final class DemoLoads {

    private DemoLoads() {}

    static DemoLoad simulator(
            String bootstrap, int rate, int vehicles, Duration duration, PrintStream out) {
        throw new StackException("the fleet simulator is not part of this build yet");
    }
}
