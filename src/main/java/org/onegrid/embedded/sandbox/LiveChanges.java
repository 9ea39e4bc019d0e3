package org.onegrid.embedded.sandbox;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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

    /** Makes {@code count} changes of the given kinds (all kinds when none given); returns how many of each. */
    public Map<Kind, Integer> apply(int count, List<Kind> kinds) {
        List<Kind> cycle = kinds.isEmpty() ? List.of(Kind.values()) : kinds;
        Map<Kind, Integer> made = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Kind kind = cycle.get(i % cycle.size());
            try {
                if (make(kind)) {
                    made.merge(kind, 1, Integer::sum);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("a sandbox change failed: " + e.getMessage(), e);
            }
        }
        return made;
    }

    private boolean make(Kind kind) throws SQLException {
        try (Connection c = sandbox.publicSecurity().connect()) {
            Map<String, String> person = randomResident(c);
            if (person == null) {
                return false;
            }
            String now = LocalDateTime.now(CITY).format(SQL_TIME);
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
                    update(c, "INSERT INTO rk_jbxx (RYBH, XM, XB, CSRQ, SFZH, MZ, HJDZ, JZDZ, LXDH, RYLB, GXSJ) "
                                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            "RY9" + id.substring(8, 17), person.get("XM").substring(0, 1) + "新", sequence % 2 == 1 ? "1" : "2",
                            today.format(DateTimeFormatter.BASIC_ISO_DATE), id, person.get("MZ"), person.get("HJDZ"),
                            person.get("JZDZ"), null, person.get("RYLB"), now);
                }
                case JOIN_PARTY -> {
                    var file = sandbox.settings().dir().resolve(Sandbox.PARTY_INBOX)
                            .resolve("party-members-" + System.currentTimeMillis() + "-" + person.get("RYBH") + ".csv");
                    var part = file.resolveSibling(file.getFileName() + ".part");
                    try (CsvWriter export = new CsvWriter(part, Charset.forName("GBK"), Department.PARTY.columns())) {
                        export.row(List.of("J" + person.get("RYBH"), person.get("XM"), "1".equals(person.get("XB")) ? "男性" : "女性",
                                person.get("SFZH"), person.get("CSRQ"), "汉", person.get("LXDH") == null ? "" : person.get("LXDH"),
                                person.get("JZDZ"), "新成立党支部", LocalDate.now(CITY).toString()));
                    }
                    try {
                        java.nio.file.Files.move(part, file);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                default -> throw new IllegalArgumentException(kind.name());
            }
            return true;
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
