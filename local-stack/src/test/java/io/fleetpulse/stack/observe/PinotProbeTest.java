package io.fleetpulse.stack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Reading the broker's answer: rows and freshness, an empty table, Pinot's own error text. */
class PinotProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void freshnessIsNowMinusTheNewestEventTimeQueryable() throws Exception {
        String body =
                "{\"resultTable\":{\"dataSchema\":{},\"rows\":[[1234,1.7E12]]},"
                        + "\"exceptions\":[],\"timeUsedMs\":7}";
        PinotProbe.Reading r = PinotProbe.parse(JSON.readTree(body), 1_700_000_001_500L, 9);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).isEqualTo(1234);
        assertThat(r.newestEventTime()).isEqualTo(1_700_000_000_000L);
        assertThat(r.freshnessMillis()).isEqualTo(1_500);
        assertThat(r.brokerMillis()).isEqualTo(7);
        assertThat(r.clientMillis()).isEqualTo(9);
    }

    @Test
    void anEmptyTableHasNoFreshnessAndAnErrorIsPinotsMessage() throws Exception {
        String empty =
                "{\"resultTable\":{\"rows\":[[0,\"-Infinity\"]]},\"exceptions\":[],\"timeUsedMs\":1}";
        PinotProbe.Reading e = PinotProbe.parse(JSON.readTree(empty), 5, 1);
        assertThat(e.rows()).isZero();
        assertThat(e.freshnessMillis()).isEqualTo(-1);

        String noSegmentYet = "{\"resultTable\":{\"rows\":[]},\"exceptions\":[],\"timeUsedMs\":2}";
        PinotProbe.Reading none = PinotProbe.parse(JSON.readTree(noSegmentYet), 5, 1);
        assertThat(none.error()).isNull();
        assertThat(none.rows()).isZero();
        assertThat(none.freshnessMillis()).isEqualTo(-1);
        assertThat(none.brokerMillis()).isEqualTo(2);
        PinotProbe.Reading noTable =
                PinotProbe.parse(
                        JSON.readTree("{\"exceptions\":[],\"numServersQueried\":0}"), 5, 1);
        assertThat(noTable.error()).isNull();
        assertThat(noTable.rows()).isZero();

        String failed =
                "{\"exceptions\":[{\"errorCode\":190,\"message\":\"TableDoesNotExistError\"}]}";
        assertThat(PinotProbe.parse(JSON.readTree(failed), 5, 1).error())
                .isEqualTo("TableDoesNotExistError");
        assertThat(new PinotProbe("http://127.0.0.1:1").read().error()).isNotBlank();
    }
}
