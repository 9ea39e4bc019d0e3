package org.onegrid.publish;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.onegrid.backbone.TopicSpec;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonView;
import org.onegrid.security.Subscriber;
import org.onegrid.security.Subscribers;

/**
 * The publishing topology, defined once for the service and its tests.
 *
 * <pre>
 * onegrid.person.golden ─┬─► view of subscriber a (store view-a: what its view holds) ─► onegrid.view.a
 *                        ├─► view of subscriber b (store view-b)                      ─► onegrid.view.b
 *                        └─► query table (stores query-persons, query-index)           (read by the query API)
 * </pre>
 *
 * Every processor and store is named after its subscriber, so adding a subscriber adds a branch and leaves the
 * others' state where it was.
 */
public final class ViewTopology {

    private ViewTopology() {}

    public static Topology build(Subscribers subscribers) {
        Serde<String> keys = Serdes.String();
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, GoldenPerson> golden = builder.stream(Topics.GOLDEN.name(),
                Consumed.with(keys, Topics.GOLDEN.valueSerde(GoldenPerson.class)).withName("golden"));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PersonTable.PERSONS), keys, Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PersonTable.INDEX), keys, Serdes.String()));
        golden.process(QueryTableProcessor::new, Named.as("query-table"), PersonTable.PERSONS, PersonTable.INDEX);

        for (Subscriber subscriber : subscribers.all()) {
            String store = ViewProcessor.storeName(subscriber);
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys, Serdes.String()));
            TopicSpec topic = Topics.view(subscriber.id(), subscriber.json());
            Serde<PersonView> values = subscriber.json() ? ViewJson.serde() : topic.valueSerde(PersonView.class);
            golden.process(() -> new ViewProcessor(subscriber), Named.as("view-of-" + subscriber.id()), store)
                    .to(topic.name(), Produced.with(keys, values).withName("to-view-of-" + subscriber.id()));
        }
        return builder.build();
    }
}
