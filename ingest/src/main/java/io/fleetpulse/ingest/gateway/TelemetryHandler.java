package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.ingest.http.BoundedBody;
import io.fleetpulse.ingest.validate.DeadLetters;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.Violation;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/telemetry}: reads the body within the size limit, checks every record, writes
 * valid ones to the raw topic and rejected ones (and unreadable bodies) to the dead-letter topic,
 * and answers only once every write is acknowledged: 200 with per-record results, 400 for an
 * unreadable body, or 503 when Kafka did not acknowledge (the client retries the batch; consumers
 * can drop repeats by vehicle id and sequence number).
 */
final class TelemetryHandler implements Handler {

    static final String STAGE = "gateway";

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryHandler.class);

    private final BatchChecker checker;
    private final TelemetrySink sink;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final int maxBodyBytes;

    TelemetryHandler(
            BatchChecker checker,
            TelemetrySink sink,
            GatewayMetrics metrics,
            Clock clock,
            int maxBodyBytes) {
        this.checker = checker;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(@NotNull Context ctx) throws Exception {
        BatchFormat format = BatchFormat.ofContentType(ctx.contentType());
        if (format == null) {
            throw new RequestRefusedException(
                    RequestError.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be "
                            + BatchFormat.JSON.mediaType()
                            + " or "
                            + BatchFormat.AVRO.mediaType()
                            + " but was "
                            + (ctx.contentType() == null ? "absent" : ctx.contentType()));
        }
        byte[] body = readBody(ctx);
        List<CheckedRecord> records;
        try {
            records = checker.check(format, body);
        } catch (RequestRefusedException e) {
            if (e.error() == RequestError.MALFORMED) {
                deadLetterWholeBody(ctx, format, body, e.getMessage());
                return;
            }
            throw e;
        }
        long now = clock.millis();
        CompletableFuture<?>[] writes = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < writes.length; i++) {
            CheckedRecord r = records.get(i);
            writes[i] =
                    r.valid()
                            ? sink.send(r.event())
                            : sink.sendDeadLetter(deadLetter(r, format, now));
        }
        ctx.future(
                () ->
                        CompletableFuture.allOf(writes)
                                .handle(
                                        (ok, error) -> {
                                            if (error != null) {
                                                kafkaFailed(ctx, error);
                                            } else {
                                                answer(ctx, format, records);
                                            }
                                            return null;
                                        }));
    }

    private void answer(Context ctx, BatchFormat format, List<CheckedRecord> records) {
        int accepted = 0;
        for (CheckedRecord r : records) {
            if (r.valid()) {
                accepted++;
            } else {
                metrics.rejected(format, r.violations().get(0).reason());
            }
        }
        metrics.accepted(format, accepted);
        ctx.status(200)
                .contentType(ResponseBodies.JSON)
                .result(ResponseBodies.batchResult(records));
    }

    /** An unreadable body is kept whole in the dead-letter topic before the client gets 400. */
    private void deadLetterWholeBody(Context ctx, BatchFormat format, byte[] body, String why) {
        DeadLetter letter =
                DeadLetters.of(
                        STAGE,
                        null,
                        null,
                        format.mediaType(),
                        body,
                        List.of(new Violation(RejectReason.MALFORMED, null, why)),
                        clock.millis());
        CompletableFuture<Void> write = sink.sendDeadLetter(letter);
        ctx.future(
                () ->
                        write.handle(
                                (ok, error) -> {
                                    if (error != null) {
                                        kafkaFailed(ctx, error);
                                    } else {
                                        IngestGateway.refuse(
                                                ctx, metrics, RequestError.MALFORMED, why);
                                    }
                                    return null;
                                }));
    }

    private void kafkaFailed(Context ctx, Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        LOG.warn("Kafka did not acknowledge a batch: {}", cause.toString());
        IngestGateway.refuse(
                ctx,
                metrics,
                RequestError.KAFKA_UNAVAILABLE,
                "Kafka did not acknowledge the batch ("
                        + cause.getClass().getSimpleName()
                        + "); nothing is confirmed, retry the whole batch");
    }

    private static DeadLetter deadLetter(CheckedRecord r, BatchFormat format, long now) {
        String key = r.vehicleId() == null || r.vehicleId().isBlank() ? null : r.vehicleId();
        return DeadLetters.of(
                STAGE, null, key, format.recordContentType(), r.original(), r.violations(), now);
    }

    /** The body, or 413 as soon as it is known to exceed the limit (declared or actual size). */
    private byte[] readBody(Context ctx) throws RequestRefusedException {
        return BoundedBody.read(
                ctx,
                maxBodyBytes,
                m -> new RequestRefusedException(RequestError.BODY_TOO_LARGE, m),
                m -> new RequestRefusedException(RequestError.MALFORMED, m));
    }
}
