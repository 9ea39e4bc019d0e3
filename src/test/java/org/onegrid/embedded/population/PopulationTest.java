package org.onegrid.embedded.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Properties of a 10,000-resident population with default error rates and coverage. */
class PopulationTest {

    private static final int PERSONS = 10_000;
    private static PopulationSpec spec;
    private static Population population;
    private static List<Resident> residents;
    private static Map<String, Resident> byId;
    private static List<DepartmentRecord> records;

    @BeforeAll
    static void generate() {
        spec = new PopulationSpec(42, PERSONS);
        population = Population.generate(spec);
        residents = population.residents().toList();
        byId = residents.stream().collect(Collectors.toMap(Resident::personId, r -> r));
        records = population.records().toList();
    }

    @Test
    void generatesExactlyTheRequestedNumberOfResidentsWithDistinctIds() {
        assertThat(residents).hasSize(PERSONS);
        assertThat(byId).hasSize(PERSONS);
    }

    @Test
    void everyResidentHasAValidUniqueIdNumberEncodingBirthDateAndSex() {
        Set<String> ids = new HashSet<>();
        for (Resident r : residents) {
            String id = r.idNumber();
            assertThat(IdNumbers.isValid(id)).as(id).isTrue();
            assertThat(ids.add(id)).as("duplicate " + id).isTrue();
            assertThat(id.substring(6, 14)).isEqualTo(r.birthDate().toString().replace("-", ""));
            assertThat((id.charAt(16) - '0') % 2 == 1).isEqualTo(r.sex() == Sex.MALE);
        }
    }

    @Test
    void everyRecordedIdIsValidUnlessTheTruthNamesTheError() {
        Map<Department, String> idColumn = Map.of(Department.PUBLIC_SECURITY, "SFZH", Department.CIVIL_AFFAIRS, "id_card",
                Department.HEALTH, "idCard", Department.PARTY, "身份证号");
        int typos = 0;
        for (DepartmentRecord rec : records) {
            String id = (String) rec.columns().get(idColumn.get(Department.byId(rec.department())));
            String truth = byId.get(rec.personId()).idNumber();
            if (rec.errors().contains(ErrorKind.ID_MISSING)) {
                assertThat(id).isNull();
            } else if (rec.errors().contains(ErrorKind.ID_LEGACY_15)) {
                assertThat(id).isEqualTo(IdNumbers.legacy15(truth));
            } else if (rec.errors().contains(ErrorKind.ID_TYPO)) {
                assertThat(IdNumbers.isValid(id)).as(id).isFalse();
                typos++;
            } else {
                assertThat(id).isEqualTo(truth);
            }
        }
        assertThat(typos).isPositive();
    }

    @Test
    void publicSecurityNeverLosesTheIdNumber() {
        assertThat(records).filteredOn(r -> r.department().equals("public-security"))
                .noneMatch(r -> r.columns().get("SFZH") == null);
    }

    @Test
    void departmentsCoverTheirPopulationsAsConfigured() {
        Coverage c = spec.coverage();
        Map<String, Set<String>> held = new HashMap<>();
        for (DepartmentRecord rec : records) {
            held.computeIfAbsent(rec.department(), k -> new HashSet<>()).add(rec.personId());
        }
        assertShare(residents, r -> true, held.get("public-security"), c.publicSecurity());
        assertShare(residents, r -> r.age() >= 60 && r.subsidy() == null && r.disabilityLevel() == null,
                held.get("civil-affairs"), c.civilAffairsElderly());
        assertShare(residents, r -> r.age() < 14, held.get("health"), c.healthChildren());
        assertShare(residents, r -> r.age() >= 65 && r.chronicConditions().isEmpty(), held.get("health"), c.healthElderly());
        assertThat(residents).filteredOn(r -> r.subsidy() != null || r.disabilityLevel() != null)
                .allMatch(r -> held.get("civil-affairs").contains(r.personId()));
        assertThat(held.get("party-building")).isEqualTo(residents.stream().filter(Resident::partyMember)
                .map(Resident::personId).collect(Collectors.toSet()));
        double adults = residents.stream().filter(r -> r.age() >= 18).count();
        assertThat(held.get("party-building").size() / adults).isBetween(c.partyMembers() * 0.8, c.partyMembers() * 1.25);
    }

    private static void assertShare(List<Resident> all, java.util.function.Predicate<Resident> eligible, Set<String> held,
                                    double expected) {
        List<Resident> base = all.stream().filter(eligible).toList();
        long in = base.stream().filter(r -> held.contains(r.personId())).count();
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / base.size()) + 0.01;
        assertThat((double) in / base.size()).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
    }

    @Test
    void twinsShareSurnameBirthDateAndHomeButNotTheIdNumber() {
        List<Resident> twins = residents.stream().filter(r -> r.twinOf() != null).toList();
        assertThat(twins).hasSizeGreaterThan(10);
        for (Resident t : twins) {
            Resident sibling = byId.get(t.twinOf());
            assertThat(sibling.twinOf()).isEqualTo(t.personId());
            assertThat(sibling.surname()).isEqualTo(t.surname());
            assertThat(sibling.birthDate()).isEqualTo(t.birthDate());
            assertThat(sibling.home()).isEqualTo(t.home());
            assertThat(sibling.idNumber()).isNotEqualTo(t.idNumber());
            assertThat(sibling.name()).isNotEqualTo(t.name());
        }
    }

    @Test
    void namesakesShareNameSexAndBirthDateButLiveApartWithOtherIds() {
        List<Resident> namesakes = residents.stream().filter(r -> r.namesakeOf() != null).toList();
        assertThat(namesakes).hasSizeGreaterThan(5);
        for (Resident n : namesakes) {
            Resident other = byId.get(n.namesakeOf());
            assertThat(other.name()).isEqualTo(n.name());
            assertThat(other.sex()).isEqualTo(n.sex());
            assertThat(other.birthDate()).isEqualTo(n.birthDate());
            assertThat(other.householdId()).isNotEqualTo(n.householdId());
            assertThat(other.idNumber()).isNotEqualTo(n.idNumber());
        }
    }

    @Test
    void injectsEachErrorAtRoughlyItsConfiguredRate() {
        ErrorRates e = spec.errors();
        Tally t = new Tally();
        for (DepartmentRecord rec : records) {
            Department d = Department.byId(rec.department());
            Resident p = byId.get(rec.personId());
            Set<ErrorKind> err = rec.errors();
            t.count(ErrorKind.STALE_ADDRESS, true, err);
            t.count(ErrorKind.STALE_PHONE, p.mobile() != null, err);
            t.count(ErrorKind.NAME_HOMOPHONE, Names.hasHomophone(p.surname(), p.name()), err);
            t.count(ErrorKind.NAME_SPACING, true, err);
            t.count(ErrorKind.NAME_DOT_VARIANT, p.name().contains("·"), err);
            boolean childAtClinic = d == Department.HEALTH && p.age() < 14;
            t.count(ErrorKind.ID_MISSING, d != Department.PUBLIC_SECURITY && !childAtClinic, err);
            t.count(ErrorKind.ID_TYPO, !err.contains(ErrorKind.ID_MISSING) && !err.contains(ErrorKind.ID_LEGACY_15), err);
            t.count(ErrorKind.ID_LEGACY_15, (d == Department.CIVIL_AFFAIRS || d == Department.PARTY)
                    && p.birthDate().getYear() < 1985 && !err.contains(ErrorKind.ID_MISSING), err);
            t.count(ErrorKind.DATE_OTHER_FORMAT, d != Department.CIVIL_AFFAIRS, err);
            LocalDate b = p.birthDate();
            t.count(ErrorKind.DATE_DAY_MONTH_SWAP, b.getDayOfMonth() <= 12 && b.getDayOfMonth() != b.getMonthValue(), err);
        }
        t.assertRate(ErrorKind.STALE_ADDRESS, e.staleAddress());
        t.assertRate(ErrorKind.STALE_PHONE, e.stalePhone());
        t.assertRate(ErrorKind.NAME_HOMOPHONE, e.nameHomophone());
        t.assertRate(ErrorKind.NAME_SPACING, e.nameSpacing());
        t.assertRate(ErrorKind.NAME_DOT_VARIANT, e.nameDotVariant());
        t.assertRate(ErrorKind.ID_MISSING, e.idMissing());
        t.assertRate(ErrorKind.ID_TYPO, e.idTypo());
        t.assertRate(ErrorKind.ID_LEGACY_15, e.idLegacy15());
        t.assertRate(ErrorKind.DATE_OTHER_FORMAT, e.dateOtherFormat());
        t.assertRate(ErrorKind.DATE_DAY_MONTH_SWAP, e.dateDayMonthSwap());
        long originals = records.stream().filter(r -> !r.errors().contains(ErrorKind.DUPLICATE)).count();
        long duplicates = records.size() - originals;
        assertThat(duplicates).isCloseTo(Math.round(originals * e.duplicate()),
                org.assertj.core.data.Offset.offset(Math.round(4 * Math.sqrt(originals * e.duplicate()) + 2)));
        long traditional = records.stream().filter(r -> r.errors().contains(ErrorKind.NAME_TRADITIONAL)).count();
        assertThat(traditional).isBetween(Math.round(records.size() * e.nameTraditional() * 0.4),
                Math.round(records.size() * e.nameTraditional() * 1.2));
    }

    /** Per error kind: records where it could apply, and records where it was injected. */
    private static final class Tally {
        final Map<ErrorKind, long[]> counts = new HashMap<>();

        void count(ErrorKind kind, boolean eligible, Set<ErrorKind> errors) {
            if (eligible) {
                long[] c = counts.computeIfAbsent(kind, k -> new long[2]);
                c[0]++;
                if (errors.contains(kind)) {
                    c[1]++;
                }
            }
        }

        void assertRate(ErrorKind kind, double rate) {
            long[] c = counts.get(kind);
            double expected = c[0] * rate;
            double tolerance = 4 * Math.sqrt(expected) + 0.05 * expected + 2;
            assertThat((double) c[1]).as(kind + " in " + c[0] + " eligible records")
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    @Test
    void errorsAreRecordedOnlyWhereTheyChangedTheRecord() {
        for (DepartmentRecord rec : records) {
            Resident p = byId.get(rec.personId());
            Object name = rec.columns().get(nameColumn(Department.byId(rec.department())));
            boolean nameError = rec.errors().stream().anyMatch(k -> k.name().startsWith("NAME_"));
            assertThat(name.equals(p.name())).as(rec.toString()).isNotEqualTo(nameError);
        }
    }

    private static String nameColumn(Department d) {
        return switch (d) {
            case PUBLIC_SECURITY -> "XM";
            case CIVIL_AFFAIRS -> "full_name";
            case HEALTH -> "name";
            case PARTY -> "姓名";
        };
    }

    @Test
    void eachDepartmentWritesInItsOwnCodesAndFormats() {
        Pattern compact = Pattern.compile("\\d{8}");
        Pattern iso = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        Pattern slashed = Pattern.compile("\\d{4}/\\d{1,2}/\\d{1,2}");
        Pattern chinese = Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日");
        Pattern intl = Pattern.compile("\\+86 1\\d{2}-\\d{4}-\\d{4}");
        for (DepartmentRecord rec : records) {
            Map<String, Object> c = rec.columns();
            Department d = Department.byId(rec.department());
            assertThat(c.keySet()).containsExactlyElementsOf(d.columns());
            boolean otherFormat = rec.errors().contains(ErrorKind.DATE_OTHER_FORMAT) || rec.errors().contains(ErrorKind.DATE_EXCEL_SERIAL);
            switch (d) {
                case PUBLIC_SECURITY -> {
                    assertThat(c.get("XB")).isIn("1", "2");
                    assertThat((String) c.get("MZ")).matches("\\d{2}");
                    assertThat((String) c.get("CSRQ")).matches(otherFormat ? iso : compact);
                    assertThat((String) c.get("JZDZ")).startsWith("江西省新余市").endsWith("室");
                    assertThat(c.get("RYLB")).isIn("户籍", "流动");
                }
                case CIVIL_AFFAIRS -> {
                    assertThat(c.get("sex")).isIn("男", "女");
                    assertThat((String) c.get("birthday")).matches(iso);
                    assertThat((String) c.get("nation")).endsWith("族");
                    assertThat((String) c.get("address")).matches(".+\\d+-\\d+-\\d+");
                    assertThat(c.get("subsidy_type")).isIn(null, "低保", "特困");
                }
                case HEALTH -> {
                    assertThat(c.get("gender")).isIn("M", "F");
                    if (!otherFormat) {
                        assertThat((String) c.get("birthDate")).matches(slashed);
                    }
                    if (c.get("mobile") != null) {
                        assertThat((String) c.get("mobile")).matches(intl);
                    }
                    assertThat((String) c.get("address")).contains("栋").contains("单元");
                }
                case PARTY -> {
                    assertThat(c.get("性别")).isIn("男性", "女性");
                    if (!otherFormat) {
                        assertThat((String) c.get("出生日期")).matches(chinese);
                    }
                    assertThat((String) c.get("民族")).doesNotEndWith("族");
                    assertThat((String) c.get("入党日期")).matches(chinese);
                }
            }
        }
    }

    @Test
    void duplicatesAreEnteredLaterUnderANewKeyForAPersonAlreadyHeld() {
        Map<String, Integer> firstSeen = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < records.size(); i++) {
            DepartmentRecord rec = records.get(i);
            String key = rec.department() + "/" + rec.personId();
            if (rec.errors().contains(ErrorKind.DUPLICATE)) {
                assertThat(firstSeen).as(key).containsKey(key);
                assertThat(firstSeen.get(key)).isLessThan(i);
                duplicates++;
            } else {
                assertThat(firstSeen.put(key, i)).as("one original per department and person").isNull();
            }
        }
        assertThat(duplicates).isPositive();
        assertThat(records.stream().map(r -> r.department() + "/" + r.sourceKey()).distinct().count())
                .isEqualTo(records.size());
    }

    @Test
    void someMinorityNamesCarryAMiddleDot() {
        assertThat(residents).anyMatch(r -> r.name().contains("·") && r.ethnicity().equals("05"));
        assertThat(residents.stream().filter(r -> r.ethnicity().equals("01")).count()).isGreaterThan(PERSONS * 9 / 10);
    }

    @Test
    void everyResidentLivesInAGridOfTheRegisterHoldingAtMostFiveHundredHouseholds() {
        Set<String> grids = new HashSet<>();
        population.city().districts().forEach(d -> d.streets().forEach(s -> s.communities().forEach(c -> c.grids().forEach(g -> {
            assertThat(g.code()).startsWith(c.code() + "-");
            assertThat(c.code()).startsWith(s.code());
            assertThat(s.code()).startsWith(d.code());
            grids.add(g.code());
        }))));
        Map<String, Set<String>> households = new HashMap<>();
        for (Resident r : residents) {
            assertThat(grids).contains(r.home().gridCode());
            households.computeIfAbsent(r.home().gridCode(), k -> new HashSet<>()).add(r.householdId());
        }
        assertThat(households.values()).allMatch(h -> h.size() <= 500);
        assertThat(households.values().stream().filter(h -> h.size() >= 300).count()).isGreaterThanOrEqualTo(grids.size() - 1);
    }

    @Test
    void cleanSpecInjectsNoErrors() {
        Population clean = Population.generate(new PopulationSpec(42, 2_000, ErrorRates.none()));
        assertThat(clean.records()).allMatch(r -> r.errors().isEmpty());
        assertThat(clean.residents()).noneMatch(r -> r.twinOf() != null || r.namesakeOf() != null);
    }

    @Test
    void errorKindsAllOccur() {
        Set<ErrorKind> seen = EnumSet.noneOf(ErrorKind.class);
        records.forEach(r -> seen.addAll(r.errors()));
        assertThat(seen).containsExactlyInAnyOrder(ErrorKind.values());
    }
}
