package org.onegrid.embedded.sandbox;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.onegrid.embedded.population.CsvWriter;
import org.onegrid.embedded.population.Department;
import org.onegrid.standardize.IdNumber;

/**
 * Changes in the sandbox departments as life makes them, so the streaming path can be watched: people move, change
 * phones, die, are born and join the party. Each change is made the way the department's own application would make
 * it (an UPDATE, a DELETE, a new export file), never through OneGrid.
 */
public final class LiveChanges {

    /** The kinds of change, in the order {@link #apply} cycles through them. */
    public enum Kind { MOVE, PHONE, BIRTH, DEATH, JOIN_PARTY }

    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    private final Sandbox sandbox;

    LiveChanges(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * One change made in a department system.
     *
     * @param department the department's id (its connector's id)
     * @param sourceKey the key of the changed record in that department
     * @param madeAt when the department committed it
     */
    public record Change(Kind kind, String department, String sourceKey, Instant madeAt) {}

    /** Makes {@code count} changes of the given kinds (all kinds when none given); returns how many of each. */
    public Map<Kind, Integer> apply(int count, List<Kind> kinds) {
        Map<Kind, Integer> made = new LinkedHashMap<>();
        make(count, kinds).forEach(change -> made.merge(change.kind(), 1, Integer::sum));
        return made;
    }

    /** Makes {@code count} changes of the given kinds (all kinds when none given); returns each change made. */
    public List<Change> make(int count, List<Kind> kinds) {
        List<Kind> cycle = kinds.isEmpty() ? List.of(Kind.values()) : kinds;
        List<Change> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                Change change = make(cycle.get(i % cycle.size()));
                if (change != null) {
                    made.add(change);
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("a sandbox change failed: " + e.getMessage(), e);
            }
        }
        return made;
    }

    private Change make(Kind kind) throws SQLException, IOException {
        try (Connection c = sandbox.publicSecurity().connect()) {
            Map<String, String> person = randomResident(c);
            if (person == null) {
                return null;
            }
            String now = LocalDateTime.now(CITY).format(SQL_TIME);
            String department = Department.PUBLIC_SECURITY.id();
            String sourceKey = person.get("RYBH");
            switch (kind) {
                case MOVE -> {
                    Map<String, String> neighbour = randomResident(c);
                    update(c, "UPDATE rk_jbxx SET JZDZ = ?, GXSJ = ? WHERE RYBH = ?", neighbour.get("JZDZ"), now, person.get("RYBH"));
                }
                case PHONE -> update(c, "UPDATE rk_jbxx SET LXDH = ?, GXSJ = ? WHERE RYBH = ?", newMobile(), now, person.get("RYBH"));
                case DEATH -> update(c, "DELETE FROM rk_jbxx WHERE RYBH = ?", person.get("RYBH"));
                case BIRTH -> {
                    LocalDate today = LocalDate.now(CITY);
                    int sequence = ThreadLocalRandom.current().nextInt(500, 999);
                    String id = IdNumber.compose(person.get("SFZH").substring(0, 6), today, sequence);
                    sourceKey = "RY9" + id.substring(8, 17);
                    update(c, "INSERT INTO rk_jbxx (RYBH, XM, XB, CSRQ, SFZH, MZ, HJDZ, JZDZ, LXDH, RYLB, GXSJ) "
                                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            sourceKey, person.get("XM").substring(0, 1) + "新", sequence % 2 == 1 ? "1" : "2",
                            today.format(DateTimeFormatter.BASIC_ISO_DATE), id, person.get("MZ"), person.get("HJDZ"),
                            person.get("JZDZ"), null, person.get("RYLB"), now);
                }
                case JOIN_PARTY -> {
                    var file = sandbox.settings().dir().resolve(Sandbox.PARTY_INBOX)
                            .resolve("party-members-" + System.currentTimeMillis() + "-" + person.get("RYBH") + ".csv");
                    var part = file.resolveSibling(file.getFileName() + ".part");
                    department = Department.PARTY.id();
                    sourceKey = "J" + person.get("RYBH");
                    try (CsvWriter export = new CsvWriter(part, Charset.forName("GBK"), Department.PARTY.columns())) {
                        export.row(List.of(sourceKey, person.get("XM"), "1".equals(person.get("XB")) ? "男性" : "女性",
                                person.get("SFZH"), person.get("CSRQ"), "汉", person.get("LXDH") == null ? "" : person.get("LXDH"),
                                person.get("JZDZ"), "新成立党支部", LocalDate.now(CITY).toString()));
                    }
                    Files.move(part, file);
                }
                default -> throw new IllegalArgumentException(kind.name());
            }
            return new Change(kind, department, sourceKey, Instant.now());
        }
    }

    private static Map<String, String> randomResident(Connection c) throws SQLException {
        long rows;
        try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM rk_jbxx")) {
            r.next();
            rows = r.getLong(1);
        }
        if (rows == 0) {
            return null;
        }
        long offset = ThreadLocalRandom.current().nextLong(rows);
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM rk_jbxx ORDER BY RYBH LIMIT 1 OFFSET ?")) {
            s.setLong(1, offset);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : Department.PUBLIC_SECURITY.columns()) {
                    row.put(column, r.getString(column));
                }
                return row;
            }
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static String newMobile() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }
}
