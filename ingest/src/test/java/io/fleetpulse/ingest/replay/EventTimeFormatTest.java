package io.fleetpulse.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeFormatTest {

    private static final long T = Instant.parse("2024-03-01T12:30:15.250Z").toEpochMilli();

    @Test
    void autoReadsEpochMillisAndIsoForms() {
        assertThat(EventTimeFormat.AUTO.parse(Long.toString(T))).isEqualTo(T);
        assertThat(EventTimeFormat.AUTO.parse("2024-03-01T12:30:15.250Z")).isEqualTo(T);
        assertThat(EventTimeFormat.AUTO.parse("2024-03-01T14:30:15.250+02:00")).isEqualTo(T);
        assertThat(EventTimeFormat.AUTO.parse("2024-03-01T12:30:15.250")).isEqualTo(T);
        assertThat(EventTimeFormat.AUTO.parse("2024-03-01 12:30:15.250")).isEqualTo(T);
    }

    @Test
    void epochSecondsWithFraction() {
        assertThat(EventTimeFormat.EPOCH_S.parse(Double.toString(T / 1000.0))).isEqualTo(T);
        assertThat(EventTimeFormat.EPOCH_S.parse("1709296215")).isEqualTo(1709296215000L);
    }

    @Test
    void explicitFormatsRejectTheOtherForm() {
        assertThatThrownBy(() -> EventTimeFormat.EPOCH_MS.parse("2024-03-01T12:30:15Z"))
                .hasMessageContaining("not epoch milliseconds");
        assertThatThrownBy(() -> EventTimeFormat.ISO.parse(Long.toString(T)))
                .hasMessageContaining("not an ISO-8601 time");
    }

    @Test
    void garbageIsReportedWithTheValue() {
        assertThatThrownBy(() -> EventTimeFormat.AUTO.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday'");
    }
}
