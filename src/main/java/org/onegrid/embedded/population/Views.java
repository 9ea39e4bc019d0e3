package org.onegrid.embedded.population;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Each department's view of a resident: who it holds, in its own columns, codes and formats, with
 * errors injected from a random stream of its own per resident and department. Keeps the per-department
 * key counters, so one instance serves one pass over the population.
 */
final class Views {

    private static final LocalDate REF = PopulationSpec.REFERENCE_DATE;
    private static final long EXCEL_EPOCH = LocalDate.of(1899, 12, 30).toEpochDay();
    private static final long FRESH_FROM = LocalDate.of(2020, 1, 1).toEpochDay();
    private static final long STALE_FROM = LocalDate.of(2014, 1, 1).toEpochDay();
    private static final long STALE_TO = LocalDate.of(2019, 6, 30).toEpochDay();

    private static final String[] DOTS = {"・", "•", "･", ".", "．"};
    private static final String[] GBK_DOTS = {".", "．"};

    private final long seed;
    private final ErrorRates e;
    private final Coverage coverage;
    private final int[] counters = new int[Department.values().length];

    Views(PopulationSpec spec) {
        this.seed = spec.seed();
        this.e = spec.errors();
        this.coverage = spec.coverage();
    }

    /** A duplicate waiting to be entered: a department re-enters a resident some time after the first record. */
    private record Pending(int releaseAt, long order, Department department, Resident resident, int personIndex) {
    }

    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparingInt(Pending::releaseAt).thenComparingLong(Pending::order));
    private long scheduled;

    /**
     * Adds the records every department holds of the resident with index {@code personIndex}, living in
     * household {@code household}. Duplicates are held back and entered some households later.
     */
    void records(Resident p, int personIndex, int household, List<DepartmentRecord> out) {
        int age = p.age();
        for (Department d : Department.values()) {
            if (Rng.uniform(seed, Rng.RECORD, personIndex * 16L + d.ordinal()) >= inclusion(d, p, age)) {
                continue;
            }
            SplittableRandom r = Rng.of(seed, Rng.RECORD, personIndex * 16L + 8 + d.ordinal() * 2);
            out.add(record(d, p, age, r, false));
            if (r.nextDouble() < e.duplicate()) {
                pending.add(new Pending(household + 1 + r.nextInt(2000), scheduled++, d, p, personIndex));
            }
        }
    }

    /** Adds the duplicates due by household {@code household}; all of them when {@code all}. */
    void duplicatesDue(int household, boolean all, List<DepartmentRecord> out) {
        while (!pending.isEmpty() && (all || pending.peek().releaseAt() <= household)) {
            Pending d = pending.poll();
            SplittableRandom r = Rng.of(seed, Rng.RECORD, d.personIndex() * 16L + 9 + d.department().ordinal() * 2);
            out.add(record(d.department(), d.resident(), d.resident().age(), r, true));
        }
    }

    private double inclusion(Department d, Resident p, int age) {
        switch (d) {
            case PUBLIC_SECURITY:
                return coverage.publicSecurity();
            case CIVIL_AFFAIRS:
                if (p.subsidy() != null || p.disabilityLevel() != null) {
                    return 1;
                }
                return age >= 60 ? coverage.civilAffairsElderly() : 0;
            case HEALTH:
                if (age < 14) {
                    return coverage.healthChildren();
                }
                double share = coverage.healthOthers();
                if (age >= 65) {
                    share = Math.max(share, coverage.healthElderly());
                }
                if (!p.chronicConditions().isEmpty()) {
                    share = Math.max(share, coverage.healthChronic());
                }
                return share;
            case PARTY:
                return p.partyMember() ? 1 : 0;
            default:
                throw new IllegalStateException(d.name());
        }
    }

    private DepartmentRecord record(Department d, Resident p, int age, SplittableRandom r, boolean duplicate) {
        Set<ErrorKind> errors = EnumSet.noneOf(ErrorKind.class);
        if (duplicate) {
            errors.add(ErrorKind.DUPLICATE);
        }
        // Draw every decision in a fixed order, whether or not it applies, so rates stay independent.
        double uHomophone = r.nextDouble();
        double uTraditional = r.nextDouble();
        double uSpacing = r.nextDouble();
        double uDot = r.nextDouble();
        double uTypo = r.nextDouble();
        double uLegacy = r.nextDouble();
        double uMissing = r.nextDouble();
        double uFormat = r.nextDouble();
        double uSwap = r.nextDouble();
        double uSerial = r.nextDouble();
        double uStaleAddress = r.nextDouble();
        double uStalePhone = r.nextDouble();

        String name = p.name();
        if (uHomophone < e.nameHomophone()) {
            String h = Names.homophone(p.surname(), name, r);
            if (h != null) {
                name = h;
                errors.add(ErrorKind.NAME_HOMOPHONE);
            }
        }
        if (uTraditional < e.nameTraditional()) {
            String t = Names.traditional(name);
            if (t != null) {
                name = t;
                errors.add(ErrorKind.NAME_TRADITIONAL);
            }
        }

        int dot = name.indexOf('·');
        if (dot >= 0 && uDot < e.nameDotVariant()) {
            // The party export is GBK: only look-alikes GBK can encode.
            String[] lookAlikes = d == Department.PARTY ? GBK_DOTS : DOTS;
            name = name.substring(0, dot) + lookAlikes[r.nextInt(lookAlikes.length)] + name.substring(dot + 1);
            errors.add(ErrorKind.NAME_DOT_VARIANT);
        }
        if (uSpacing < e.nameSpacing()) {
            name = name.length() == 2 ? name.charAt(0) + "\u3000" + name.charAt(1) : name + " ";
            errors.add(ErrorKind.NAME_SPACING);
        }

        String id = p.idNumber();
        boolean mayMiss = d != Department.PUBLIC_SECURITY;
        double missing = d == Department.HEALTH && age < 14 ? Math.max(e.idMissing(), e.childIdMissing()) : e.idMissing();
        if (mayMiss && uMissing < missing) {
            id = null;
            errors.add(ErrorKind.ID_MISSING);
        } else if ((d == Department.CIVIL_AFFAIRS || d == Department.PARTY) && p.birthDate().getYear() < 1985
                && uLegacy < e.idLegacy15()) {
            id = IdNumbers.legacy15(id);
            errors.add(ErrorKind.ID_LEGACY_15);
        } else if (uTypo < e.idTypo()) {
            id = IdNumbers.typo(id, r);
            errors.add(ErrorKind.ID_TYPO);
        }

        LocalDate birth = p.birthDate();
        if (uSwap < e.dateDayMonthSwap() && birth.getDayOfMonth() <= 12 && birth.getDayOfMonth() != birth.getMonthValue()) {
            birth = LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue());
            errors.add(ErrorKind.DATE_DAY_MONTH_SWAP);
        }
        boolean otherFormat = d != Department.CIVIL_AFFAIRS && uFormat < e.dateOtherFormat();
        boolean serial = d == Department.PARTY && !otherFormat && uSerial < e.dateExcelSerial();
        if (otherFormat) {
            errors.add(ErrorKind.DATE_OTHER_FORMAT);
        }
        if (serial) {
            errors.add(ErrorKind.DATE_EXCEL_SERIAL);
        }

        Home home = p.home();
        if (uStaleAddress < e.staleAddress()) {
            home = p.previousHome();
            errors.add(ErrorKind.STALE_ADDRESS);
        }
        String mobile = p.mobile();
        if (mobile != null && uStalePhone < e.stalePhone()) {
            mobile = p.previousMobile();
            errors.add(ErrorKind.STALE_PHONE);
        }
        if (duplicate) {
            mobile = null; // entered again in a hurry, without the phone
        }
        boolean stale = errors.contains(ErrorKind.STALE_ADDRESS) || errors.contains(ErrorKind.STALE_PHONE);
        LocalDateTime updated = timestamp(r, stale || duplicate);
        String phone = mobile != null ? mobile : p.landline();
        boolean male = p.sex() == Sex.MALE;

        int seq = ++counters[d.ordinal()];
        Map<String, Object> c = new LinkedHashMap<>(16);
        String key;
        switch (d) {
            case PUBLIC_SECURITY -> {
                key = "RY" + Households.pad(seq, 10);
                c.put("RYBH", key);
                c.put("XM", name);
                c.put("XB", male ? "1" : "2");
                c.put("CSRQ", otherFormat ? iso(birth) : compact(birth));
                c.put("SFZH", id);
                c.put("MZ", p.ethnicity());
                c.put("HJDZ", p.floating() ? p.hukouAddress() : home.fullAddress());
                c.put("JZDZ", home.fullAddress());
                c.put("LXDH", phone);
                c.put("RYLB", p.floating() ? "流动" : "户籍");
                c.put("GXSJ", sqlTimestamp(updated));
            }
            case CIVIL_AFFAIRS -> {
                key = String.valueOf(seq);
                c.put("id", seq);
                c.put("id_card", id);
                c.put("full_name", name);
                c.put("sex", male ? "男" : "女");
                c.put("birthday", iso(birth));
                c.put("nation", Ethnicities.name(p.ethnicity()));
                c.put("address", home.shortAddress());
                c.put("phone", phone);
                c.put("subsidy_type", p.subsidy());
                c.put("disability_level", p.disabilityLevel());
                c.put("is_elderly", age >= 60);
                c.put("updated_at", sqlTimestamp(updated));
            }
            case HEALTH -> {
                key = "HP" + Households.pad(seq, 8);
                String contact = age < 16 ? p.guardianMobile() : mobile;
                c.put("patientId", key);
                c.put("name", name);
                c.put("gender", male ? "M" : "F");
                c.put("birthDate", otherFormat ? (r.nextBoolean() ? iso(birth) : compact(birth)) : slashed(birth));
                c.put("idCard", id);
                c.put("mobile", contact == null ? null : international(contact));
                c.put("address", home.healthAddress());
                c.put("chronicConditions", p.chronicConditions());
                c.put("familyDoctor", p.familyDoctor());
                c.put("updatedAt", isoOffset(updated));
            }
            case PARTY -> {
                key = String.valueOf(seq);
                c.put("序号", seq);
                c.put("姓名", name);
                c.put("性别", male ? "男性" : "女性");
                c.put("身份证号", id);
                c.put("出生日期", serial ? String.valueOf(birth.toEpochDay() - EXCEL_EPOCH)
                        : otherFormat ? dotted(birth, r.nextInt(3)) : chineseDate(birth));
                c.put("民族", Ethnicities.shortName(p.ethnicity()));
                c.put("联系电话", phone);
                c.put("居住地址", home.partyAddress());
                c.put("所在支部", p.partyBranch());
                c.put("入党日期", chineseDate(p.partyJoined()));
            }
            default -> throw new IllegalStateException(d.name());
        }
        return new DepartmentRecord(d.id(), key, Collections.unmodifiableMap(c), p.personId(),
                Collections.unmodifiableSet(errors));
    }

    private static LocalDateTime timestamp(SplittableRandom r, boolean stale) {
        long from = stale ? STALE_FROM : FRESH_FROM;
        long to = stale ? STALE_TO : REF.toEpochDay();
        long day = from + r.nextLong(to - from);
        return LocalDate.ofEpochDay(day).atTime(8 + r.nextInt(10), r.nextInt(60), r.nextInt(60));
    }

    private static String compact(LocalDate d) {
        return d.getYear() + two(d.getMonthValue()) + two(d.getDayOfMonth());
    }

    private static String iso(LocalDate d) {
        return d.getYear() + "-" + two(d.getMonthValue()) + "-" + two(d.getDayOfMonth());
    }

    private static String slashed(LocalDate d) {
        return d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
    }

    private static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static String dotted(LocalDate d, int variant) {
        return switch (variant) {
            case 0 -> d.getYear() + "." + two(d.getMonthValue()) + "." + two(d.getDayOfMonth());
            case 1 -> d.getYear() + "/" + two(d.getMonthValue()) + "/" + two(d.getDayOfMonth());
            default -> d.getYear() + "-" + d.getMonthValue() + "-" + d.getDayOfMonth();
        };
    }

    private static String sqlTimestamp(LocalDateTime t) {
        return iso(t.toLocalDate()) + " " + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
    }

    private static String isoOffset(LocalDateTime t) {
        return iso(t.toLocalDate()) + "T" + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + "+08:00";
    }

    /** +86 138-1234-5678. */
    private static String international(String phone) {
        if (phone.length() != 11) {
            return phone;
        }
        return "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
