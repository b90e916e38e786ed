package io.fleetpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroFramesTest {

    @Test
    void framesSplitBackIntoTheRecords() throws Exception {
        List<byte[]> records = List.of(new byte[] {1, 2, 3}, new byte[0], new byte[] {9});

        byte[] body = AvroFrames.encode(records);

        assertThat(body).hasSize(3 * AvroFrames.LENGTH_PREFIX_BYTES + 4);
        assertThat(ByteBuffer.wrap(body).getInt()).isEqualTo(3); // big-endian length
        assertThat(AvroFrames.split(body, 10)).containsExactlyElementsOf(records);
    }

    @Test
    void brokenFramingIsMalformed() {
        byte[] cutPrefix = {0, 0, 0, 1, 7, 0, 0};
        byte[] tooLong = {0, 0, 0, 9, 1, 2};
        byte[] negative = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
        for (byte[] body : List.of(cutPrefix, tooLong, negative)) {
            assertThatThrownBy(() -> AvroFrames.split(body, 10))
                    .isInstanceOf(RequestRefusedException.class)
                    .extracting(e -> ((RequestRefusedException) e).error())
                    .isEqualTo(RequestError.MALFORMED);
        }
    }

    @Test
    void moreFramesThanTheLimitAreTooMany() {
        byte[] body = AvroFrames.encode(List.of(new byte[1], new byte[1], new byte[1]));
        assertThatThrownBy(() -> AvroFrames.split(body, 2))
                .extracting(e -> ((RequestRefusedException) e).error())
                .isEqualTo(RequestError.TOO_MANY_RECORDS);
    }
}
