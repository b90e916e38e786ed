package io.fleetpulse.ingest.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.avro.DeadLetter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void firstViolationNamesTheReasonAndAllAreInTheDetail() {
        byte[] payload = "{\"seq\":-1}".getBytes(UTF_8);
        DeadLetter letter =
                DeadLetters.of(
                        "gateway",
                        null,
                        "VEH-1",
                        "application/json",
                        payload,
                        List.of(
                                new Violation(RejectReason.BAD_SEQUENCE, "seq", "seq is -1"),
                                new Violation(RejectReason.OUT_OF_RANGE, "speedKmh", "too fast")),
                        123L);

        assertThat(letter.getReasonCode()).isEqualTo("BAD_SEQUENCE");
        assertThat(letter.getDetail())
                .isEqualTo("BAD_SEQUENCE(seq): seq is -1; OUT_OF_RANGE(speedKmh): too fast");
        assertThat(letter.getStage()).isEqualTo("gateway");
        assertThat(letter.getVehicleId()).isEqualTo("VEH-1");
        assertThat(letter.getRejectedAt()).isEqualTo(123L);
        assertThat(letter.getPayload().array()).isEqualTo(payload);
    }

    @Test
    void aDeadLetterNeedsAReason() {
        assertThatThrownBy(
                        () ->
                                DeadLetters.of(
                                        "gateway", null, null, null, new byte[0], List.of(), 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
