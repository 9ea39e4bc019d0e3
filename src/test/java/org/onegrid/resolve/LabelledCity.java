package org.onegrid.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.onegrid.backbone.Topics;
import org.onegrid.embedded.population.Department;
import org.onegrid.embedded.population.DepartmentRecord;
import org.onegrid.embedded.population.Population;
import org.onegrid.embedded.population.PopulationFiles;
import org.onegrid.embedded.population.PopulationSpec;
import org.onegrid.embedded.population.Resident;
import org.onegrid.mapping.GridRegisterFile;
import org.onegrid.mapping.Mapper;
import org.onegrid.mapping.MappingDefinition;
import org.onegrid.mapping.MappingResult;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.resolve.match.ScoringMatcher;
import org.onegrid.schema.Operation;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.SourcePerson;
import org.onegrid.standardize.GridLocator;
import org.onegrid.testing.PairwiseAccuracy;

/**
 * A generated city with ground truth, run through the production mapping and resolver topology (on Streams' test
 * driver, without a broker), and scored: pairwise precision and recall of "same person" against the truth, and
 * whether any twins were merged.
 */
final class LabelledCity {

    /** What the pipeline made of the city, and how many records the mapping rejected. */
    record Result(PairwiseAccuracy accuracy, int rejected, long millis) {

        @Override
        public String toString() {
            return accuracy + String.format("; rejected %d; %d ms", rejected, millis);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<Department, String> FIXTURES = Map.of(Department.PUBLIC_SECURITY, "public-security",
            Department.CIVIL_AFFAIRS, "civil-affairs", Department.HEALTH, "health", Department.PARTY, "party");

    private LabelledCity() {}

    static Result run(PopulationSpec spec, Path workDir) {
        long start = System.currentTimeMillis();
        Population population = Population.generate(spec);
        Map<String, Mapper> mappers = mappers(population, workDir);
        Map<String, String> truth = new HashMap<>();
        Set<Set<String>> twins = new HashSet<>();
        population.residents().filter(r -> r.twinOf() != null).forEach(r -> twins.add(Set.of(r.personId(), r.twinOf())));
        int[] rejected = {0};
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "labelled-city");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("streams").toString());
        Map<String, String> predicted = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ResolverTopology.build(Sharding.BIRTH_DATE, new ScoringMatcher(), Survivorship.RECENCY_ONLY,
                        ResolverTopology.Storage.IN_MEMORY), config)) {
            var source = driver.createInputTopic(Topics.SOURCE.name(), new StringSerializer(), Topics.SOURCE.valueSerde(SourcePerson.class));
            var links = driver.createOutputTopic(Topics.LINKS.name(), new StringDeserializer(), Topics.LINKS.valueSerde(PersonLink.class));
            population.records().forEach(record -> {
                String ref = record.department() + "/" + record.sourceKey();
                truth.put(ref, record.personId());
                MappingResult result = mappers.get(record.department()).map(raw(record));
                if (result instanceof MappingResult.Mapped mapped) {
                    source.pipeInput(ref, mapped.person());
                } else {
                    rejected[0]++;
                }
            });
            links.readKeyValuesToMap().forEach((key, link) -> predicted.put(key, link.getPersonId()));
        }
        return new Result(PairwiseAccuracy.score(truth, predicted, twins), rejected[0], System.currentTimeMillis() - start);
    }

    /**
     * The city's department records as the production mappers make them, in generation order, keyed as on
     * onegrid.person.source ({@code connector/sourceKey}); records a mapper rejects are left out.
     */
    static Map<String, SourcePerson> sourceRecords(PopulationSpec spec, Path workDir) {
        Population population = Population.generate(spec);
        Map<String, Mapper> mappers = mappers(population, workDir);
        Map<String, SourcePerson> records = new LinkedHashMap<>();
        population.records().forEach(record -> {
            if (mappers.get(record.department()).map(raw(record)) instanceof MappingResult.Mapped mapped) {
                records.put(record.department() + "/" + record.sourceKey(), mapped.person());
            }
        });
        return records;
    }

    private static RawRecord raw(DepartmentRecord record) {
        try {
            return RawRecord.newBuilder()
                    .setConnector(record.department()).setSourceKey(record.sourceKey()).setOperation(Operation.SNAPSHOT)
                    .setSourcePosition("generated").setIngestTime(Instant.EPOCH)
                    .setPayload(ByteBuffer.wrap(JSON.writeValueAsBytes(record.columns())))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Mapper> mappers(Population population, Path workDir) {
        Path register = workDir.resolve("grid-register.yaml");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PopulationFiles.writeRegister(population.city(), register);
        GridLocator locator = GridLocator.of(GridRegisterFile.load(register));
        Map<String, Mapper> mappers = new HashMap<>();
        FIXTURES.forEach((department, fixture) -> {
            try (InputStream in = LabelledCity.class.getResourceAsStream("/mapping/" + fixture + "/mapping.yaml")) {
                JsonNode mapping = YAML.readTree(in).get("mapping");
                mappers.put(department.id(), Mapper.of(MappingDefinition.parse(department.id(), mapping), locator));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return mappers;
    }
}
