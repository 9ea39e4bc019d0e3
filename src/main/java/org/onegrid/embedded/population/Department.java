package org.onegrid.embedded.population;

import java.util.List;

/** The department systems the generator fills, each with its table (or export) and its columns in order. */
public enum Department {
    PUBLIC_SECURITY("public-security", "rk_jbxx",
            List.of("RYBH", "XM", "XB", "CSRQ", "SFZH", "MZ", "HJDZ", "JZDZ", "LXDH", "RYLB", "GXSJ")),
    CIVIL_AFFAIRS("civil-affairs", "ca_resident",
            List.of("id", "id_card", "full_name", "sex", "birthday", "nation", "address", "phone", "subsidy_type",
                    "disability_level", "is_elderly", "updated_at")),
    HEALTH("health", "patients",
            List.of("patientId", "name", "gender", "birthDate", "idCard", "mobile", "address", "chronicConditions",
                    "familyDoctor", "updatedAt")),
    PARTY("party", "party_members",
            List.of("序号", "姓名", "性别", "身份证号", "出生日期", "民族", "联系电话", "居住地址", "所在支部", "入党日期"));

    private final String id;
    private final String table;
    private final List<String> columns;

    Department(String id, String table, List<String> columns) {
        this.id = id;
        this.table = table;
        this.columns = columns;
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
