package org.onegrid.embedded.sandbox;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.onegrid.embedded.population.CsvWriter;
import org.onegrid.embedded.population.Department;
import org.onegrid.embedded.population.DepartmentRecord;
import org.onegrid.embedded.population.Population;
import org.onegrid.embedded.population.PopulationFiles;
import org.onegrid.embedded.population.PopulationSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four sandbox department systems, started together and seeded once from a generated city. The grid register
 * and the truth (which source record is which person) are written beside them for the mapping and the benchmark.
 */
public final class Sandbox implements AutoCloseable {

    /** The file-drop folder of the party-building department, under the sandbox directory. */
    public static final String PARTY_INBOX = "party-building/inbox";
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private static final Charset GBK = Charset.forName("GBK");
    private static final int BATCH = 1000;

    private final SandboxSettings settings;
    private final CivilAffairsDatabase civilAffairs;
    private final PublicSecurityDatabase publicSecurity;
    private final HealthApi health;

    private Sandbox(SandboxSettings settings, CivilAffairsDatabase civilAffairs, PublicSecurityDatabase publicSecurity,
                    HealthApi health) {
        this.settings = settings;
        this.civilAffairs = civilAffairs;
        this.publicSecurity = publicSecurity;
        this.health = health;
    }

    /** Starts the four systems; seeds them the first time (a marker file says it was done). */
    public static Sandbox start(SandboxSettings settings) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Files.createDirectories(settings.dir().resolve(PARTY_INBOX));
            CivilAffairsDatabase civilAffairs = CivilAffairsDatabase.start(settings);
            started.add(civilAffairs);
            PublicSecurityDatabase publicSecurity = PublicSecurityDatabase.start(settings);
            started.add(publicSecurity);
            HealthApi health = HealthApi.start(settings);
            started.add(health);
            Sandbox sandbox = new Sandbox(settings, civilAffairs, publicSecurity, health);
            sandbox.seedOnce();
            writeStaffSubscriber(settings);
            log.info("Sandbox department systems running: civil affairs PostgreSQL on port {}, public security MariaDB on "
                            + "port {}, health API on port {}, party-building exports in {}", settings.postgresPort(),
                    settings.mariadbPort(), settings.healthPort(), settings.dir().resolve(PARTY_INBOX));
            return sandbox;
        } catch (Exception e) {
            for (AutoCloseable system : started) {
                closeQuietly(system);
            }
            throw new IllegalStateException("the sandbox department systems did not start: " + e.getMessage(), e);
        }
    }

    /** The folder of the sandbox's own subscriber files, read beside {@code onegrid.security.subscribers-dir}. */
    public static Path subscribersDir(Path sandboxDir) {
        return sandboxDir.resolve("subscribers");
    }

    /**
     * A subscriber for trying the operations console on the sandbox: city-wide, ID numbers and phones masked, health
     * attributes hidden, with the reviewer and operator roles and a generated API key (its file named in the log).
     */
    private static void writeStaffSubscriber(SandboxSettings settings) throws IOException {
        Path key = settings.secret("sandbox-staff.key");
        Secrets.getOrCreate(key);
        Path dir = Files.createDirectories(subscribersDir(settings.dir()));
        Files.writeString(dir.resolve("sandbox-staff.yaml"), String.join("\n",
                "# Written by the sandbox: staff of the sandbox city, to try the operations console (docs/console.md).",
                "description: 沙箱城市工作人员 sandbox city staff",
                "api:",
                "  key: ${file:" + key.toAbsolutePath() + "}",
                "scope:",
                "  city: true",
                "fields:",
                "  idNumber: mask",
                "  name: show",
                "  gender: show",
                "  birthDate: show",
                "  ethnicity: show",
                "  phones: mask",
                "  address: show",
                "  grid: show",
                "  provenance: show",
                "groups:",
                "  \"*\": show",
                "roles: [reviewer, operator]",
                ""), StandardCharsets.UTF_8);
        log.info("Operations console: /console/ on the service's port; sign in with the API key in {}", key.toAbsolutePath());
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The truth file: department, source key, true person id, injected errors. */
    public Path truth() {
        return settings.dir().resolve(PopulationFiles.TRUTH);
    }

    /** The city's grid register, as the mapping reads it. */
    public Path gridRegister() {
        return settings.dir().resolve(PopulationFiles.REGISTER);
    }

    /** Live changes: people move, change phones, die, are born, join the party. */
    public LiveChanges changes() {
        return new LiveChanges(this);
    }

    CivilAffairsDatabase civilAffairs() {
        return civilAffairs;
    }

    PublicSecurityDatabase publicSecurity() {
        return publicSecurity;
    }

    HealthApi health() {
        return health;
    }

    private void seedOnce() throws IOException, SQLException {
        Path marker = settings.dir().resolve("seeded.properties");
        if (Files.exists(marker)) {
            return;
        }
        Population population = Population.generate(new PopulationSpec(settings.seed(), settings.persons()));
        log.info("Seeding the sandbox with a generated city of {} residents (seed {})", settings.persons(), settings.seed());
        PopulationFiles.writeRegister(population.city(), gridRegister());
        Map<Department, List<DepartmentRecord>> batches = new EnumMap<>(Department.class);
        long[] count = {0};
        try (CsvWriter truth = new CsvWriter(truth(), StandardCharsets.UTF_8, PopulationFiles.TRUTH_HEADER);
             CsvWriter party = new CsvWriter(settings.dir().resolve(PARTY_INBOX).resolve("party-members-export.csv.part"),
                     GBK, Department.PARTY.columns())) {
            population.records().forEach(record -> {
                truth.row(List.of(record.department(), record.sourceKey(), record.personId(),
                        record.errors().stream().map(Enum::name).sorted().collect(Collectors.joining(";"))));
                Department department = Department.byId(record.department());
                if (department == Department.PARTY) {
                    party.row(Department.PARTY.columns().stream().map(record.columns()::get).toList());
                    return;
                }
                List<DepartmentRecord> batch = batches.computeIfAbsent(department, d -> new ArrayList<>());
                batch.add(record);
                if (batch.size() == BATCH) {
                    write(department, batch);
                    batch.clear();
                }
                if (++count[0] % 50_000 == 0) {
                    log.info("Seeded {} department records", count[0]);
                }
            });
        }
        for (var entry : batches.entrySet()) {
            write(entry.getKey(), entry.getValue());
        }
        try (Connection c = civilAffairs.connect(); var s = c.createStatement()) {
            s.execute("SELECT setval('ca_resident_id_seq', (SELECT COALESCE(MAX(id), 1) FROM ca_resident))");
        }
        // The export appears in the drop folder whole, as a department's upload would.
        Path part = settings.dir().resolve(PARTY_INBOX).resolve("party-members-export.csv.part");
        Files.move(part, part.resolveSibling("party-members-export.csv"));
        Files.writeString(marker, "seed=" + settings.seed() + "\npersons=" + settings.persons() + "\n");
        log.info("Sandbox seeded: {} records in the databases and the health API, plus the party export", count[0]);
    }

    private void write(Department department, List<DepartmentRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            switch (department) {
                case PUBLIC_SECURITY -> insert(publicSecurity.connect(), department, records, Map.of());
                case CIVIL_AFFAIRS -> insert(civilAffairs.connect(), department, records,
                        Map.of("birthday", "date", "updated_at", "timestamp", "id", "integer"));
                case HEALTH -> health.put(records.stream().map(DepartmentRecord::columns).toList());
                default -> throw new IllegalArgumentException("not a table department: " + department);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed " + department.id() + ": " + e.getMessage(), e);
        }
    }

    /** Inserts rows; {@code casts} names the columns whose text the database must convert (PostgreSQL). */
    static void insert(Connection connection, Department department, List<DepartmentRecord> records,
                       Map<String, String> casts) throws SQLException {
        List<String> columns = department.columns();
        String values = columns.stream().map(c -> casts.containsKey(c) ? "CAST(? AS " + casts.get(c) + ")" : "?")
                .collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + department.table() + " (" + String.join(", ", columns) + ") VALUES (" + values + ")";
        try (connection; PreparedStatement insert = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            for (DepartmentRecord record : records) {
                for (int i = 0; i < columns.size(); i++) {
                    Object value = record.columns().get(columns.get(i));
                    insert.setObject(i + 1, value == null || value instanceof Boolean || value instanceof Number ? value : value.toString());
                }
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    @Override
    public void close() {
        closeQuietly(health);
        closeQuietly(publicSecurity);
        closeQuietly(civilAffairs);
    }

    private static void closeQuietly(AutoCloseable system) {
        try {
            system.close();
        } catch (Exception e) {
            log.warn("A sandbox system did not stop cleanly: {}", e.getClass().getSimpleName());
        }
    }
}
