package org.onegrid.backbone;

import org.apache.kafka.streams.KafkaStreams;

/** What a Kafka Streams application of this instance has done, from its own metrics. */
public final class StreamsCounts {

    private StreamsCounts() {}

    /** Records its threads have processed since they started (each input record once, by its first processor). */
    public static long processed(KafkaStreams streams) {
        double total = 0;
        for (var metric : streams.metrics().entrySet()) {
            if (metric.getKey().group().equals("stream-thread-metrics") && metric.getKey().name().equals("process-total")
                    && metric.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return (long) total;
    }
}
