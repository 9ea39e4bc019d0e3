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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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

/**
 * A generated city with ground truth, run through the production mapping and resolver topology (on Streams' test
 * driver, without a broker), and scored: pairwise precision and recall of "same person" against the truth, and
 * whether any twins were merged.
 */
final class LabelledCity {

    /** What the pipeline made of the city. */
    record Accuracy(int records, int rejected, long truePairs, long predictedPairs, long correctPairs,
                    int personsExact, int persons, int twinMerges, long millis) {

        double precision() {
            return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        }

        double f1() {
            return 2 * precision() * recall() / (precision() + recall());
        }

        @Override
        public String toString() {
            return String.format("records %d (rejected %d), pairs true %d predicted %d correct %d: precision %.4f recall %.4f F1 %.4f;"
                            + " persons exact %d of %d; twin merges %d; %d ms",
                    records, rejected, truePairs, predictedPairs, correctPairs, precision(), recall(), f1(), personsExact,
                    persons, twinMerges, millis);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<Department, String> FIXTURES = Map.of(Department.PUBLIC_SECURITY, "public-security",
            Department.CIVIL_AFFAIRS, "civil-affairs", Department.HEALTH, "health", Department.PARTY, "party");

    private LabelledCity() {}

    static Accuracy run(PopulationSpec spec, Path workDir) {
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
        return score(truth, predicted, twins, rejected[0], System.currentTimeMillis() - start);
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

    private static Accuracy score(Map<String, String> truth, Map<String, String> predicted, Set<Set<String>> twins,
                                  int rejected, long millis) {
        Map<String, Map<String, Integer>> byPredicted = new TreeMap<>();
        Map<String, Integer> trueSizes = new HashMap<>();
        truth.values().forEach(person -> trueSizes.merge(person, 1, Integer::sum));
        predicted.forEach((ref, person) -> {
            if (person != null) {
                byPredicted.computeIfAbsent(person, p -> new HashMap<>()).merge(truth.get(ref), 1, Integer::sum);
            }
        });
        long truePairs = trueSizes.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
        long predictedPairs = 0;
        long correctPairs = 0;
        int exact = 0;
        int twinMerges = 0;
        for (Map<String, Integer> cluster : byPredicted.values()) {
            int size = cluster.values().stream().mapToInt(Integer::intValue).sum();
            predictedPairs += (long) size * (size - 1) / 2;
            correctPairs += cluster.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
            if (cluster.size() == 1 && cluster.values().iterator().next().equals(trueSizes.get(cluster.keySet().iterator().next()))) {
                exact++;
            }
            List<String> people = List.copyOf(cluster.keySet());
            for (int i = 0; i < people.size(); i++) {
                for (int j = i + 1; j < people.size(); j++) {
                    if (twins.contains(Set.of(people.get(i), people.get(j)))) {
                        twinMerges++;
                    }
                }
            }
        }
        return new Accuracy(truth.size(), rejected, truePairs, predictedPairs, correctPairs, exact, trueSizes.size(),
                twinMerges, millis);
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
