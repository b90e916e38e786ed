package io.fleetpulse.learner.eval;

import java.util.Queue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink of an in-process job that keeps what it receives in an {@link InProcess} queue, or only
 * counts it ({@code keep = false}: one placeholder per record).
 */
final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Object COUNTED = new Object();

    private final String id;
    private final boolean keep;

    CollectingSink(String id, boolean keep) {
        this.id = id;
        this.keep = keep;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = InProcess.sink(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                queue.add(keep ? element : COUNTED);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
