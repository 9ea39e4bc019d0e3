package org.onegrid.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonView;
import org.onegrid.security.Subscriber;

/**
 * Keeps one subscriber's view topic equal to its view of the golden table: publishes a person's view when it
 * changes, and a tombstone when a person it held leaves the scope (moved away, merged into another id, retired).
 * Its store remembers, per person id, a digest of the view last published, so people who were never in the view
 * cause no tombstones and an unchanged view is not published again.
 */
final class ViewProcessor implements Processor<String, GoldenPerson, String, PersonView> {

    private static final AvroSerde<PersonView> VIEWS = AvroSerde.of(PersonView.class);

    private final Subscriber subscriber;
    private ProcessorContext<String, PersonView> context;
    private KeyValueStore<String, String> published;

    ViewProcessor(Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    static String storeName(Subscriber subscriber) {
        return "view-" + subscriber.id();
    }

    @Override
    public void init(ProcessorContext<String, PersonView> context) {
        this.context = context;
        this.published = context.getStateStore(storeName(subscriber));
    }

    @Override
    public void process(Record<String, GoldenPerson> record) {
        String personId = record.key();
        if (personId == null) {
            return;
        }
        Optional<PersonView> view = subscriber.view(record.value());
        String before = published.get(personId);
        if (view.isPresent()) {
            String digest = digest(view.get());
            if (!digest.equals(before)) {
                published.put(personId, digest);
                context.forward(record.withValue(view.get()));
            }
        } else if (before != null) {
            published.delete(personId);
            context.forward(record.<PersonView>withValue(null));
        }
    }

    private static String digest(PersonView view) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(VIEWS.encode(view)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
