package org.onegrid.embedded.population;

import java.util.List;

/** The department systems the generator fills, each with its table (or export) and its columns in order. */
public enum Department {
    PUBLIC_SECURITY("public-security", "rk_jbxx",
            List.of("RYBH", "XM", "XB", "CSRQ", "SFZH", "MZ", "HJDZ", "JZDZ", "LXDH", "RYLB", "GXSJ"),
            """
            CREATE TABLE rk_jbxx (
              RYBH VARCHAR(20) NOT NULL PRIMARY KEY,
              XM VARCHAR(50),
              XB CHAR(1),
              CSRQ VARCHAR(10),
              SFZH VARCHAR(18),
              MZ CHAR(2),
              HJDZ VARCHAR(200),
              JZDZ VARCHAR(200),
              LXDH VARCHAR(20),
              RYLB VARCHAR(4),
              GXSJ DATETIME
            ) DEFAULT CHARSET = utf8mb4
            """),
    CIVIL_AFFAIRS("civil-affairs", "ca_resident",
            List.of("id", "id_card", "full_name", "sex", "birthday", "nation", "address", "phone", "subsidy_type",
                    "disability_level", "is_elderly", "updated_at"),
            """
            CREATE TABLE ca_resident (
              id SERIAL PRIMARY KEY,
              id_card VARCHAR(18),
              full_name VARCHAR(50),
              sex VARCHAR(1),
              birthday DATE,
              nation VARCHAR(20),
              address VARCHAR(200),
              phone VARCHAR(20),
              subsidy_type VARCHAR(10),
              disability_level SMALLINT,
              is_elderly BOOLEAN,
              updated_at TIMESTAMP
            )
            """),
    HEALTH("health", "patients",
            List.of("patientId", "name", "gender", "birthDate", "idCard", "mobile", "address", "chronicConditions",
                    "familyDoctor", "updatedAt"), null),
    PARTY("party-building", "party_members",
            List.of("序号", "姓名", "性别", "身份证号", "出生日期", "民族", "联系电话", "居住地址", "所在支部", "入党日期"), null);

    private final String id;
    private final String table;
    private final List<String> columns;
    private final String ddl;

    Department(String id, String table, List<String> columns, String ddl) {
        this.id = id;
        this.table = table;
        this.columns = columns;
        this.ddl = ddl;
    }

    /** CREATE TABLE for the departments kept in SQL databases (MariaDB, PostgreSQL); null for the others. */
    public String ddl() {
        return ddl;
    }

    /** The department id used in records and the truth file, e.g. {@code public-security}. */
    public String id() {
        return id;
    }

    /** Its table, resource or export name. */
    public String table() {
        return table;
    }

    /** Its column names, key first, in the order the department system stores them. */
    public List<String> columns() {
        return columns;
    }

    public static Department byId(String id) {
        for (Department d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no department " + id);
    }
}
