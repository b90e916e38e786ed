package io.fleetpulse.flink;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * FeatureJob's options, each declared once with its key, type, default and description. Command
 * lines and configuration files are parsed elsewhere into a Flink {@code Configuration}; operators
 * read their settings from it through these options.
 */
public final class FeatureJobOptions {

    private FeatureJobOptions() {}

    /** How far ahead of the job's clock an event time may be (device clocks running fast). */
    public static final ConfigOption<Duration> MAX_CLOCK_SKEW =
            ConfigOptions.key("fleet.validate.max-clock-skew")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "Events whose eventTime is further ahead of the job's clock than this"
                                    + " go to the dead-letter topic as FUTURE_TIMESTAMP.");

    /**
     * The oldest event time accepted, relative to the job's clock; unset means no limit, so the job
     * can replay recorded history of any age.
     */
    public static final ConfigOption<Duration> MAX_EVENT_AGE =
            ConfigOptions.key("fleet.validate.max-event-age")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Events older than this (event time against the job's clock) go to the"
                                    + " dead-letter topic as STALE_TIMESTAMP. Unset (the default):"
                                    + " no age limit, so replays of old history pass.");
}
