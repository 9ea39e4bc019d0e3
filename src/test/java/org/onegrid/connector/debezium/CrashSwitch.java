package org.onegrid.connector.debezium;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A step woven into a connector route after the raw sink: when armed, it fails the exchange of the n-th batch after
 * Kafka acknowledged it, the way a process killed between the write and the offset commit would leave things.
 */
final class CrashSwitch implements Processor {

    private final AtomicInteger countdown = new AtomicInteger(-1);
    private final AtomicInteger crashes = new AtomicInteger();

    /** The {@code batches}-th batch from now fails (1 = the next one). */
    void armFor(int batches) {
        countdown.set(batches);
    }

    int crashes() {
        return crashes.get();
    }

    @Override
    public void process(Exchange exchange) {
        if (countdown.get() > 0 && countdown.decrementAndGet() == 0) {
            crashes.incrementAndGet();
            throw new IllegalStateException("simulated crash after Kafka acknowledged the batch, before its offsets were committed");
        }
    }
}
