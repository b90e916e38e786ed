package io.fleetpulse.loadgen.sim;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.TelemetryEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The fleet on one simulated clock: message slot {@code g} belongs to vehicle {@code g mod N} and
 * happens {@code g / rate} seconds after the start, so every vehicle reports at the same steady
 * period with the fleet's messages evenly interleaved in event-time order. {@link #next} produces
 * the next message that is not lost; lost messages use up their slot and their vehicle's seq.
 *
 * <p>A fleet can be {@link #partitioned} into simulators that each own a share of the vehicles and
 * step only their slots, in the same order: since vehicles share no state, every vehicle produces
 * exactly the messages (and labels) it produces in the whole fleet's simulator, whichever share it
 * is in, and each share may run on its own thread.
 *
 * <p>Deterministic: the same {@link SimulationConfig} gives the same events and labels. Not
 * thread-safe; one simulator per producing thread.
 */
public final class FleetSimulator {

    private final SimulationConfig config;
    private final VehicleSimulator[] fleet;
    private final VehicleSimulator[] own;
    private final int[] ownIndex;
    private final VehicleSimulator[] groupedOwn;
    private final int[] groupedIndex;
    private VehicleSimulator[] roundOwn;
    private int[] roundIndex;
    private final Consumer<AnomalyLabel> labels;
    private final double nanosPerSlot;
    private final double periodS;
    private int cursor;
    private long round;
    private long simulated;
    private long slot = -1;
    private VehicleSimulator last;
    private long lost;

    /** Sum of the vehicles' prefetch stages' results, kept only so they are not dropped. */
    private long prefetched;

    /**
     * The whole fleet.
     *
     * @param config what to simulate
     * @param labels receives ground-truth labels as anomaly episodes end (on the calling thread)
     */
    public FleetSimulator(SimulationConfig config, Consumer<AnomalyLabel> labels) {
        this(config, createFleet(config), allOf(config.vehicles()), null, labels);
    }

    private FleetSimulator(
            SimulationConfig config,
            VehicleSimulator[] fleet,
            int[] ownIndex,
            ToIntFunction<VehicleSimulator> groupOf,
            Consumer<AnomalyLabel> labels) {
        this.config = config;
        this.fleet = fleet;
        this.ownIndex = ownIndex;
        this.own = vehicles(fleet, ownIndex);
        this.groupedIndex = groupOf == null ? null : grouped(fleet, ownIndex, groupOf);
        this.groupedOwn = groupOf == null ? null : vehicles(fleet, groupedIndex);
        this.roundOwn = own;
        this.roundIndex = ownIndex;
        SensorFrame frame = new SensorFrame();
        for (VehicleSimulator v : own) {
            v.shareFrame(frame);
        }
        this.labels = labels;
        this.nanosPerSlot = 1e9 / config.eventsPerSecond();
        this.periodS = config.periodS();
    }

    /**
     * Splits the fleet into up to {@code shares} simulators: vehicle {@code v} goes to share {@code
     * shareOf(v)} (0 to shares - 1). Shares without vehicles are left out.
     *
     * @param groupOf null, or a group per vehicle (its Kafka partition): then a share steps each
     *     round that lies wholly before the end it is given group by group (in index order within a
     *     group), so a group's messages are the same in the same order but come in runs; the round
     *     an end cuts is stepped in slot order, so the cut stays exact
     * @param labels receives labels, on the thread that runs the share (must be thread-safe when
     *     shares run on several threads)
     */
    public static List<FleetSimulator> partitioned(
            SimulationConfig config,
            int shares,
            ToIntFunction<VehicleSimulator> shareOf,
            ToIntFunction<VehicleSimulator> groupOf,
            Consumer<AnomalyLabel> labels) {
        if (shares < 1) {
            throw new IllegalArgumentException("need at least one share");
        }
        VehicleSimulator[] fleet = createFleet(config);
        int[] share = new int[fleet.length];
        int[] counts = new int[shares];
        for (int v = 0; v < fleet.length; v++) {
            share[v] = shareOf.applyAsInt(fleet[v]);
            if (share[v] < 0 || share[v] >= shares) {
                throw new IllegalArgumentException(
                        "vehicle " + v + " assigned to share " + share[v] + " of " + shares);
            }
            counts[share[v]]++;
        }
        List<FleetSimulator> result = new ArrayList<>();
        for (int s = 0; s < shares; s++) {
            if (counts[s] == 0) {
                continue;
            }
            int[] members = new int[counts[s]];
            int n = 0;
            for (int v = 0; v < fleet.length; v++) {
                if (share[v] == s) {
                    members[n++] = v;
                }
            }
            result.add(new FleetSimulator(config, fleet, members, groupOf, labels));
        }
        return result;
    }

    private static VehicleSimulator[] createFleet(SimulationConfig config) {
        int n = config.vehicles();
        int digits = Math.max(5, Integer.toString(n - 1).length());
        String format = "%0" + digits + "d";
        SplittableRandom master = new SplittableRandom(config.seed());
        VehicleSimulator[] vehicles = new VehicleSimulator[n];
        for (int i = 0; i < n; i++) {
            String number = String.format(format, i);
            vehicles[i] = new VehicleSimulator("V" + number, "D" + number, config, master.split());
        }
        return vehicles;
    }

    private static VehicleSimulator[] vehicles(VehicleSimulator[] fleet, int[] indexes) {
        VehicleSimulator[] out = new VehicleSimulator[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            out[i] = fleet[indexes[i]];
        }
        return out;
    }

    /** The indexes ordered by group, stably (ascending within a group). */
    private static int[] grouped(
            VehicleSimulator[] fleet, int[] indexes, ToIntFunction<VehicleSimulator> groupOf) {
        return Arrays.stream(indexes)
                .boxed()
                .sorted(
                        Comparator.<Integer>comparingInt(v -> groupOf.applyAsInt(fleet[v]))
                                .thenComparingInt(v -> v))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] allOf(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    public SimulationConfig config() {
        return config;
    }

    /**
     * Simulates up to the next message that is sent and writes it into {@code event}.
     *
     * @return the message's slot (see {@link #offsetNanos(long)})
     */
    public long next(TelemetryEvent event) {
        long g = advance();
        last.fill(event);
        return g;
    }

    /**
     * Simulates up to the next message that is sent, which {@link #message()} then reads.
     *
     * @return the message's slot (see {@link #offsetNanos(long)})
     */
    public long advance() {
        return advanceWithin(Long.MAX_VALUE);
    }

    /**
     * As {@link #advance()}, but simulates no slot at or after {@code endNanos} (offset from the
     * start): at the end of a run no vehicle takes a step, or shows an anomaly, that is not sent.
     *
     * @return the message's slot, or -1 if the next message would be at or after the end
     */
    public long advanceWithin(long endNanos) {
        while (true) {
            if (cursor == 0) {
                chooseRoundOrder(endNanos);
            }
            int i = cursor;
            long g = round * fleet.length + roundIndex[i];
            if (offsetNanos(g) >= endNanos) {
                return -1;
            }
            if (++cursor == own.length) {
                cursor = 0;
                round++;
            }
            simulated++;
            VehicleSimulator v = roundOwn[i];
            VehicleSimulator[] order = roundOwn;
            if (i + 3 < order.length) {
                prefetched += order[i + 3].prefetchVehicle();
            }
            if (i + 2 < order.length) {
                prefetched += order[i + 2].prefetchParts();
            }
            if (i + 1 < order.length) {
                prefetched += order[i + 1].prefetchDeep();
            }
            if (v.step(periodS, eventTimeMs(g), labels)) {
                slot = g;
                last = v;
                return g;
            }
            lost++;
        }
    }

    /** At a round's start: by group if there are groups and the whole round is before the end. */
    private void chooseRoundOrder(long endNanos) {
        long lastSlot = round * fleet.length + ownIndex[ownIndex.length - 1];
        boolean byGroup = groupedIndex != null && offsetNanos(lastSlot) < endNanos;
        roundIndex = byGroup ? groupedIndex : ownIndex;
        roundOwn = byGroup ? groupedOwn : own;
    }

    /** The latest message from {@link #advance} or {@link #next}, valid until the next call. */
    public TelemetryMessage message() {
        return last;
    }

    /** Nanoseconds from the start at which slot {@code g} happens (its intended send time). */
    public long offsetNanos(long g) {
        return (long) (g * nanosPerSlot);
    }

    /** Event time of slot {@code g}. */
    public long eventTimeMs(long g) {
        return config.startEpochMs() + offsetNanos(g) / 1_000_000;
    }

    /** Slot of the latest message from {@link #next}. */
    public long slot() {
        return slot;
    }

    /** Slots this simulator has simulated so far, sent or lost. */
    public long slotsSimulated() {
        return simulated;
    }

    /** Messages lost so far. */
    public long messagesLost() {
        return lost;
    }

    /** How many vehicles this simulator steps (the whole fleet unless partitioned). */
    public int vehicleCount() {
        return own.length;
    }

    /** The vehicle of the latest message (its truth and state, for tests and diagnostics). */
    public VehicleSimulator lastVehicle() {
        return last;
    }

    /** The fleet's vehicle with this index (0 to N - 1), whichever share steps it. */
    public VehicleSimulator vehicle(int index) {
        return fleet[index];
    }

    /** Closes every open anomaly episode of its vehicles, handing over the visible labels. */
    public void finish() {
        for (VehicleSimulator v : own) {
            v.finish(labels);
        }
    }
}
