package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.embedded.population.City;
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
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.Operation;
import org.onegrid.schema.PersonView;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.SourcePerson;
import org.onegrid.standardize.GridLocator;
import org.onegrid.standardize.IdNumber;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Personal data never reaches a log. The whole service runs on its embedded broker in secure mode with a generated
 * city, sandbox-like: the party-building department's GBK CSV export through a real file-drop connector and the
 * mapping stage, the other departments' records mapped onto the source topic, the resolver, the views and the query
 * API read by a city-wide subscriber that sees everything (searches by name and by ID number, also with ID numbers
 * and phones typed where they do not belong, and with a forged key). Then every line the service logged, to its file and to the console, is searched
 * for every ID number, mobile number and name of the city, for any valid ID number at all, and for the broker's
 * passwords. On the same secure service, the subscriber reads its view topic with its own Kafka login over TLS,
 * trusting the broker's certificate, and is denied the golden table.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Read while the environment is prepared, before dynamic properties are.
        properties = {"onegrid.sandbox.enabled=false", "logging.file.name=" + NoPersonalDataInLogsTest.LOG})
class NoPersonalDataInLogsTest {

    static final String LOG = "target/log-scan/onegrid.log";
    private static final Path WORK = Path.of("target", "log-scan-" + ProcessHandle.current().pid()).toAbsolutePath();
    private static final Population CITY = Population.generate(new PopulationSpec(11, 300));
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static String apiKey;

    static {
        try {
            // Logging appends: start from an empty file, so only this run's lines are searched.
            Files.deleteIfExists(Path.of(LOG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Logging is set up once while any service runs in this JVM, and another test class's cached service may still
        // run: have this service set it up again, so that its lines (and any other's) reach LOG.
        LoggingSystem.get(NoPersonalDataInLogsTest.class.getClassLoader()).cleanUp();
    }

    @DynamicPropertySource
    static void city(DynamicPropertyRegistry registry) throws IOException {
        PopulationFiles.writeAll(CITY, WORK.resolve("city"), Charset.forName("GBK"), n -> { });
        Path inbox = Files.createDirectories(WORK.resolve("party-inbox"));
        Files.copy(WORK.resolve("city").resolve(PopulationFiles.fileName(Department.PARTY)), inbox.resolve("export.csv"));
        Path connectors = Files.createDirectories(WORK.resolve("connectors"));
        String party = Files.readString(Path.of("connectors/party-building.yaml"))
                .replace("path: var/sandbox/party-building/inbox", "path: " + inbox);
        Files.writeString(connectors.resolve("party-building.yaml"), party);
        Path subscribers = Files.createDirectories(WORK.resolve("subscribers"));
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        apiKey = HexFormat.of().formatHex(bytes);
        Files.writeString(WORK.resolve("auditor.key"), apiKey);
        Files.writeString(subscribers.resolve("auditor.yaml"), """
                description: sees everything the city has, to prove none of it reaches a log
                kafka: { principal: auditor, password: "${file:%s}" }
                api: { key: "${file:%s}" }
                scope: { city: true }
                fields: { idNumber: show, name: show, gender: show, birthDate: show, ethnicity: show, phones: show,
                          address: show, grid: show, provenance: show }
                groups: { "*": show, health: show, subsidy: show, key-person: show }
                """.formatted(WORK.resolve("auditor.key"), WORK.resolve("auditor.key")));
        // The connectors and subscribers folders are the ones EmbeddedServiceProperties names under WORK.
        Map<String, Object> properties = EmbeddedServiceProperties.on(WORK);
        // Set in the annotation, which is read first.
        properties.remove("onegrid.sandbox.enabled");
        properties.remove("logging.file.name");
        properties.put("onegrid.kafka.embedded.secure", true);
        properties.put("onegrid.mapping.grid-register", WORK.resolve("city").resolve(PopulationFiles.REGISTER).toString());
        properties.forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    TestRestTemplate http;

    @Test
    void logsNoIdNumberPhoneOrNameOfTheCity(CapturedOutput output) throws Exception {
        publishDepartments();
        HttpHeaders key = new HttpHeaders();
        key.set("X-API-Key", apiKey);
        key.setContentType(MediaType.APPLICATION_JSON);
        Resident someone = CITY.residents().filter(r -> r.partyJoined() != null).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(120)).until(() -> !persons(search(someone.name(), key)).isEmpty());

        for (String grid : grids().subList(0, Math.min(5, grids().size()))) {
            http.exchange("/api/grids/" + grid + "/persons", HttpMethod.GET, new HttpEntity<>(key), Map.class);
        }
        List<Resident> residents = CITY.residents().limit(30).toList();
        int foundByIdNumber = 0;
        for (Resident r : residents) {
            for (Map<?, ?> person : persons(search(r.name(), key))) {
                http.exchange("/api/persons/" + person.get("personId"), HttpMethod.GET, new HttpEntity<>(key), Map.class);
            }
            http.exchange("/api/persons/" + r.idNumber(), HttpMethod.GET, new HttpEntity<>(key), Map.class);
            search(r.mobile() == null ? r.idNumber() : r.mobile(), key);
            foundByIdNumber += persons(http.exchange("/api/persons/search", HttpMethod.POST,
                    new HttpEntity<>(Map.of("idNumber", r.idNumber()), key), Map.class).getBody()).size();
        }
        assertThat(foundByIdNumber).as("residents found by their ID numbers").isPositive();
        HttpHeaders forged = new HttpHeaders();
        forged.set("X-API-Key", residents.get(0).idNumber());
        http.exchange("/api/persons/" + residents.get(0).idNumber(), HttpMethod.GET, new HttpEntity<>(forged), Map.class);

        String logged = Files.readString(Path.of(LOG), StandardCharsets.UTF_8) + "\n" + output.getAll();
        assertThat(logged).as("the service logged its work").contains("Publishing started", "Subscriber auditor");
        List<String> found = new ArrayList<>();
        for (String secret : personalData()) {
            if (logged.contains(secret)) {
                found.add(secret.substring(0, 3) + "…");
            }
        }
        Matcher ids = ID_NUMBER.matcher(logged);
        while (ids.find()) {
            if (IdNumber.parse(ids.group()).status() == IdStatus.VALID) {
                found.add("a valid ID number at offset " + ids.start());
            }
        }
        assertThat(found).as("personal data in the logs").isEmpty();
        List<String> passwords = brokerPasswords();
        assertThat(passwords).as("the broker's users' and TLS stores' passwords").hasSize(4);
        assertThat(passwords.stream().filter(logged::contains).count()).as("broker passwords in the logs").isZero();
    }

    /** The passwords the secure broker made: its users' in secrets/, its keystore's and truststore's in tls/. */
    private static List<String> brokerPasswords() throws IOException {
        try (Stream<Path> files = Files.walk(WORK.resolve("kafka"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".password")).map(f -> {
                try {
                    return Files.readString(f).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void theSubscriberReadsItsViewWithItsOwnKafkaLoginAndIsDeniedTheGoldenTable() {
        // What the subscriber is handed: the broker's truststore and its own login.
        Map<String, Object> login = new HashMap<>(EmbeddedKafkaBroker.clientTrust(WORK.resolve("kafka")));
        login.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, backbone.bootstrapServers());
        login.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        login.put("sasl.mechanism", EmbeddedKafkaBroker.SCRAM);
        login.put("sasl.jaas.config", EmbeddedKafkaBroker.scramJaas("auditor", apiKey));
        login.put(ConsumerConfig.GROUP_ID_CONFIG, "auditor-check");
        login.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        login.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var view = Topics.view("auditor", false);
        List<PersonView> views = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(login, new StringDeserializer(), view.valueSerde(PersonView.class))) {
            consumer.subscribe(List.of(view.name()));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> views.add(r.value()));
                return !views.isEmpty();
            });
        }
        assertThat(views).anySatisfy(v -> assertThat(v.getSubscriber()).isEqualTo("auditor"));
        login.put(ConsumerConfig.GROUP_ID_CONFIG, "auditor-golden");
        try (var consumer = new KafkaConsumer<>(login, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.GOLDEN.name()));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Every ID number, mobile number and full name the city's residents and department records carry. */
    private static Set<String> personalData() {
        Set<String> data = new LinkedHashSet<>();
        CITY.residents().forEach(r -> {
            Stream.of(r.idNumber(), r.mobile(), r.previousMobile(), r.guardianMobile()).filter(v -> v != null && v.length() >= 11)
                    .forEach(data::add);
            if (r.name() != null && r.name().codePointCount(0, r.name().length()) >= 3) {
                data.add(r.name());
            }
        });
        CITY.records().forEach(record -> record.columns().values().forEach(value -> {
            String text = String.valueOf(value);
            Matcher id = ID_NUMBER.matcher(text);
            while (id.find()) {
                data.add(id.group());
            }
            Matcher mobile = MOBILE.matcher(text);
            while (mobile.find()) {
                data.add(mobile.group());
            }
        }));
        return data;
    }

    private List<String> grids() {
        List<String> codes = new ArrayList<>();
        for (City.District d : CITY.city().districts()) {
            for (City.Street s : d.streets()) {
                for (City.Community c : s.communities()) {
                    c.grids().forEach(g -> codes.add(g.code()));
                }
            }
        }
        return codes;
    }

    @SuppressWarnings("rawtypes")
    private Map search(String name, HttpHeaders key) {
        return http.exchange("/api/persons/search", HttpMethod.POST, new HttpEntity<>(Map.of("name", name), key), Map.class).getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> persons(Map<?, ?> body) {
        Object persons = body == null ? null : body.get("persons");
        return persons == null ? List.of() : (List<Map<?, ?>>) persons;
    }

    /** The departments other than party building, mapped as the mapping stage maps them, onto the source topic. */
    private void publishDepartments() throws Exception {
        GridLocator locator = GridLocator.of(GridRegisterFile.load(WORK.resolve("city").resolve(PopulationFiles.REGISTER)));
        Map<String, Mapper> mappers = Map.of(
                "public-security", mapper("public-security", "public-security", locator),
                "civil-affairs", mapper("civil-affairs", "civil-affairs", locator),
                "health", mapper("health", "health", locator));
        ObjectMapper json = new ObjectMapper();
        try (var producer = new KafkaProducer<>(backbone.clientConfig(), new StringSerializer(),
                Topics.SOURCE.valueSerde(SourcePerson.class))) {
            List<Future<?>> sent = new ArrayList<>();
            for (DepartmentRecord record : CITY.records().filter(r -> mappers.containsKey(r.department())).toList()) {
                RawRecord raw = RawRecord.newBuilder().setConnector(record.department()).setSourceKey(record.sourceKey())
                        .setOperation(Operation.SNAPSHOT).setSourcePosition("generated").setIngestTime(Instant.EPOCH)
                        .setPayload(ByteBuffer.wrap(json.writeValueAsBytes(record.columns()))).build();
                if (mappers.get(record.department()).map(raw) instanceof MappingResult.Mapped mapped) {
                    sent.add(producer.send(new ProducerRecord<>(Topics.SOURCE.name(),
                            record.department() + "/" + record.sourceKey(), mapped.person())));
                }
            }
            for (var future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Mapper mapper(String connector, String fixture, GridLocator locator) {
        try (InputStream in = NoPersonalDataInLogsTest.class.getResourceAsStream("/mapping/" + fixture + "/mapping.yaml")) {
            JsonNode mapping = new ObjectMapper(new YAMLFactory()).readTree(in).get("mapping");
            return Mapper.of(MappingDefinition.parse(connector, mapping), locator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
