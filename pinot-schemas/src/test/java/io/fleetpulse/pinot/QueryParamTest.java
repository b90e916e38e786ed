package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parameter values become the right SQL literals. */
class QueryParamTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:34:56Z");

    private static String time(String value) {
        return new QueryParam("t", QueryParam.Type.TIME, null, "").literal(value, NOW);
    }

    @Test
    void timesAreNowRelativeIsoOrEpochMillis() {
        assertThat(time("now")).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(time("-30m")).isEqualTo(Long.toString(NOW.minusSeconds(1800).toEpochMilli()));
        assertThat(time("-7d"))
                .isEqualTo(Long.toString(NOW.minusSeconds(7 * 86400).toEpochMilli()));
        assertThat(time("-45s")).isEqualTo(Long.toString(NOW.minusSeconds(45).toEpochMilli()));
        assertThat(time("2026-01-31T08:00:00Z"))
                .isEqualTo(Long.toString(Instant.parse("2026-01-31T08:00:00Z").toEpochMilli()));
        assertThat(time("1700000000000")).isEqualTo("1700000000000");
    }

    @Test
    void hoursAreWholeHoursSinceTheEpochRoundedDown() {
        QueryParam hour = new QueryParam("h", QueryParam.Type.HOUR, null, "");

        assertThat(hour.literal("now", NOW)).isEqualTo(Long.toString(NOW.getEpochSecond() / 3600));
        assertThat(hour.literal("1970-01-01T01:59:59Z", NOW)).isEqualTo("1");
    }

    @Test
    void stringsAreQuotedAndIntsValidated() {
        assertThat(new QueryParam("s", QueryParam.Type.STRING, null, "").literal("O'Brien", NOW))
                .isEqualTo("'O''Brien'");
        assertThat(new QueryParam("n", QueryParam.Type.INT, null, "").literal(" 42 ", NOW))
                .isEqualTo("42");
    }
}
