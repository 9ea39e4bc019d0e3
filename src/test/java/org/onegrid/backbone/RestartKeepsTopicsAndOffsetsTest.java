package org.onegrid.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.OneGridApplication;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.Records;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded broker keeps its data: a restarted service finds its topics, records and committed offsets. */
class RestartKeepsTopicsAndOffsetsTest {

    private static final String GROUP = "restart-test";

    @TempDir
    Path dataDir;

    @Test
    void keepsTopicsRecordsAndCommittedOffsetsAcrossARestart() throws Exception {
        String[] args = EmbeddedServiceProperties.asArguments(EmbeddedServiceProperties.on(dataDir));
        AvroSerde<GoldenPerson> serde = Topics.GOLDEN.valueSerde(GoldenPerson.class);

        try (ConfigurableApplicationContext first = start(args)) {
            KafkaBackbone backbone = first.getBean(KafkaBackbone.class);
            try (var producer = new KafkaProducer<>(backbone.clientConfig(), new StringSerializer(), serde)) {
                producer.send(new ProducerRecord<>(Topics.GOLDEN.name(), "P1", Records.golden())).get(10, TimeUnit.SECONDS);
            }
            try (var consumer = consumer(backbone, serde)) {
                consumer.assign(consumer.partitionsFor(Topics.GOLDEN.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
                consumer.seekToBeginning(consumer.assignment());
                int read = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (read == 0 && System.nanoTime() < deadline) {
                    read += consumer.poll(Duration.ofMillis(200)).count();
                }
                assertThat(read).isEqualTo(1);
                consumer.commitSync();
            }
        }

        try (ConfigurableApplicationContext second = start(args)) {
            KafkaBackbone backbone = second.getBean(KafkaBackbone.class);
            assertThat(backbone.admin().listTopics().names().get(10, TimeUnit.SECONDS))
                    .contains(Topics.GOLDEN.name(), Topics.SOURCE.name(), Topics.LINKS.name());
            Map<TopicPartition, OffsetAndMetadata> committed = backbone.admin().listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertThat(total).as("committed offsets of the group after restart").isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(OneGridApplication.class).web(WebApplicationType.NONE).run(args);
    }

    private static KafkaConsumer<String, GoldenPerson> consumer(KafkaBackbone backbone, AvroSerde<GoldenPerson> serde) {
        Map<String, Object> config = backbone.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), serde);
    }
}
