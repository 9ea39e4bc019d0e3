package org.onegrid.embedded.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the residents of one household from its own random stream: a head, then spouse,
 * children, parents or grandchildren as the head's age allows. Twins and namesakes are made
 * here, the hard negatives of matching.
 */
final class Households {

    private static final LocalDate REF = PopulationSpec.REFERENCE_DATE;
    /** Household sizes 1..6 in per mille (close to the 2020 census, mean 2.6). */
    private static final int[] SIZE_CUMULATIVE = {250, 550, 760, 890, 960, 1000};
    /**
     * Head-of-household age bands of five years from 20, relative weights, for households of one, two,
     * and three or more: young singles and widowed elderly; young couples and empty nests; parents.
     */
    private static final double[][] HEAD_AGE_WEIGHTS = {
        {10, 10, 7, 5, 5, 5, 6, 6, 6, 6, 5, 4, 3, 1.5, 0.5},
        {7, 9, 6, 5, 5, 7, 9, 10, 9, 8, 6, 3.5, 2, 0.8, 0.2},
        {1, 5, 10, 13, 14, 13, 11, 9, 6, 5, 3, 1.5, 0.8, 0.3, 0.1}};
    private static final String[] XINYU_REGIONS = {"360502", "360521"};
    private static final String[][] ORIGINS = {
        {"360102", "江西省南昌市东湖区"}, {"360121", "江西省南昌市南昌县"}, {"360981", "江西省宜春市丰城市"},
        {"360902", "江西省宜春市袁州区"}, {"360302", "江西省萍乡市安源区"}, {"360702", "江西省赣州市章贡区"},
        {"360822", "江西省吉安市吉水县"}, {"430102", "湖南省长沙市芙蓉区"}, {"430202", "湖南省株洲市荷塘区"},
        {"420106", "湖北省武汉市武昌区"}, {"440106", "广东省广州市天河区"}, {"440304", "广东省深圳市福田区"},
        {"330106", "浙江省杭州市西湖区"}, {"350203", "福建省厦门市思明区"}, {"410105", "河南省郑州市金水区"},
        {"340104", "安徽省合肥市蜀山区"}, {"510107", "四川省成都市武侯区"}, {"520102", "贵州省贵阳市南明区"}};
    private static final String[] UYGHUR_ORIGIN = {"650102", "新疆维吾尔自治区乌鲁木齐市天山区"};
    private static final String[] ROADS = {"人民路", "解放路", "建设路", "中山路", "胜利路", "和平路", "新华路", "文化路", "光明路", "幸福路"};
    /** Minority groups living in the city with Han-style names: 回 畲 土家 壮 苗 满 蒙古 侗. */
    private static final String[] MINORITIES = {"03", "22", "15", "08", "06", "11", "02", "12"};
    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182",
        "183", "185", "186", "187", "188", "189", "191", "198", "199"};

    private final PopulationSpec spec;
    private final long seed;
    private final Layout layout;
    private final int[] householdStarts;
    private final Map<Integer, String[]> doctors = new HashMap<>();

    Households(PopulationSpec spec, Layout layout, int[] householdStarts) {
        this.spec = spec;
        this.seed = spec.seed();
        this.layout = layout;
        this.householdStarts = householdStarts;
    }

    /** Household sizes drawn up front (cheap) so the city can be built for exactly that many households. */
    static int[] starts(long seed, int persons) {
        int[] starts = new int[Math.max(16, persons / 2 + 2)];
        int h = 0;
        int placed = 0;
        while (placed < persons) {
            double u = Rng.uniform(seed, Rng.HOUSEHOLD_SIZE, h);
            int size = 1;
            while (u * 1000 >= SIZE_CUMULATIVE[size - 1]) {
                size++;
            }
            if (h + 1 >= starts.length) {
                starts = java.util.Arrays.copyOf(starts, starts.length * 2);
            }
            starts[h] = placed;
            placed = Math.min(persons, placed + size);
            h++;
        }
        starts[h] = persons;
        return java.util.Arrays.copyOf(starts, h + 1);
    }

    /** A person under construction. */
    private static final class Member {
        String relation;
        String surname;
        String given;
        String name;
        boolean male;
        LocalDate birth;
        String region;
        String ethnicity;
        int twinOf = -1;
        int namesakeHousehold = -1;
        Member mother;
        Member father;
        String mobile;
    }

    private record HeadCore(String surname, String given, boolean male, LocalDate birth, String ethnicity, boolean uyghur) {
    }

    /** The head of household {@code h} as its own stream decides it; namesake households borrow another's. */
    private HeadCore headCore(int h) {
        SplittableRandom r = Rng.of(seed, Rng.HEAD, h);
        double[] weights = HEAD_AGE_WEIGHTS[Math.min(3, householdStarts[h + 1] - householdStarts[h]) - 1];
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble() * total;
        int band = 0;
        while (band < weights.length - 1 && x >= weights[band]) {
            x -= weights[band];
            band++;
        }
        int age = 20 + band * 5 + r.nextInt(5);
        LocalDate birth = REF.minusYears(age).minusDays(r.nextInt(365));
        boolean male = r.nextDouble() < 0.7;
        double e = r.nextDouble();
        boolean uyghur = e < 0.004;
        String ethnicity = uyghur ? "05" : e < 0.02 ? MINORITIES[r.nextInt(MINORITIES.length)] : "01";
        if (uyghur) {
            return new HeadCore("", Names.uyghurGiven(r, male) + "·" + Names.uyghurPatronym(r), male, birth, ethnicity, true);
        }
        return new HeadCore(Names.surname(r), Names.given(r, birth.getYear(), male), male, birth, ethnicity, false);
    }

    /** The household {@code h}'s partner for a namesake, or -1. Only odd households copy an even one, so chains never form. */
    private int namesakePartner(int h) {
        if (h % 2 == 0 || h < 2 || Rng.uniform(seed, Rng.HEAD, -1L - h) >= spec.errors().namesakes()) {
            return -1;
        }
        int back = (int) (Rng.uniform(seed, Rng.HEAD, -1_000_000_000L - h) * 400);
        return Math.max(0, h - 1 - 2 * back);
    }

    List<Resident> household(int h, IssuedIds issued) {
        int firstPerson = householdStarts[h];
        int size = householdStarts[h + 1] - firstPerson;
        SplittableRandom r = Rng.of(seed, Rng.HOUSEHOLD, h);
        int partner = namesakePartner(h);
        HeadCore core = headCore(partner >= 0 ? partner : h);
        Home home = layout.home(h);
        Home previousHome = layout.home((h + 1 + r.nextInt(Math.max(1, layout.households - 1))) % layout.households);
        int community = layout.communityIndex(h);

        boolean floating = core.uyghur || r.nextDouble() < 0.15;
        String[] origin = core.uyghur ? UYGHUR_ORIGIN : ORIGINS[r.nextInt(ORIGINS.length)];
        String region = floating ? origin[0]
                : r.nextDouble() < 0.8 ? home.districtCode() : XINYU_REGIONS[r.nextInt(XINYU_REGIONS.length)];
        String hukouAddress = floating ? origin[1] + ROADS[r.nextInt(ROADS.length)] + (1 + r.nextInt(300)) + "号"
                : home.fullAddress();
        String landline = r.nextDouble() < 0.15 ? "0790-6" + digits(r, 6) : null;
        String subsidyHousehold = r.nextDouble() < 0.03 ? "低保" : null;

        List<Member> members = new ArrayList<>(size);
        Member head = new Member();
        head.relation = "户主";
        head.surname = core.surname;
        head.given = core.given;
        head.male = core.male;
        head.birth = core.birth;
        head.ethnicity = core.ethnicity;
        head.region = region;
        head.name = core.surname + core.given;
        members.add(head);
        int age = Resident.ageOn(core.birth, REF);
        int slots = size - 1;

        Member spouse = null;
        if (slots > 0 && age >= 21 && r.nextDouble() < 0.88) {
            int spouseAge = Math.max(20, age + (core.male ? -r.nextInt(6) : r.nextInt(6)));
            spouse = adult(r, "配偶", !core.male, spouseAge, core, region);
            members.add(spouse);
            slots--;
        }
        Member father = head.male ? head : spouse != null ? spouse : head;
        Member mother = !head.male ? head : spouse;
        if (age >= 58 && slots > 0) {
            int childAge = Math.max(18, age - 24 - r.nextInt(11));
            Member adultChild = child(r, "子女", father, childAge, core, region, null);
            members.add(adultChild);
            slots--;
            Member inLaw = null;
            if (slots > 0 && r.nextDouble() < 0.75) {
                inLaw = adult(r, "儿媳女婿", !adultChild.male, Math.max(18, childAge + r.nextInt(7) - 3), core, region);
                members.add(inLaw);
                slots--;
            }
            Member grandFather = adultChild.male || inLaw == null ? adultChild : inLaw;
            addChildren(r, members, slots, "孙子女", grandFather, childAge, core, region, adultChild.male ? inLaw : adultChild);
        } else if (age >= 22) {
            int parents = slots <= 1 ? 0 : slots == 2 ? (r.nextDouble() < 0.25 ? 1 : 0) : slots == 3 ? (r.nextDouble() < 0.6 ? 1 : 2) : 2;
            addChildren(r, members, slots - parents, "子女", father, age, core, region, mother);
            addParents(r, members, parents, head, core, region);
        } else {
            addParents(r, members, Math.min(2, slots), head, core, region);
            for (int i = 2; i < slots; i++) {
                members.add(adult(r, "兄弟姐妹", r.nextBoolean(), Math.max(16, age + r.nextInt(7) - 3), core, region));
            }
        }

        List<Resident> residents = new ArrayList<>(members.size());
        String householdId = "H" + pad(h, 7);
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            int a = Resident.ageOn(m.birth, REF);
            double u = r.nextDouble();
            if (a >= 16 && u < (a < 75 ? 0.97 : 0.55)) {
                m.mobile = mobile(r);
            }
        }
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            int personIndex = firstPerson + i;
            SplittableRandom p = Rng.of(seed, Rng.PERSON, personIndex);
            int a = Resident.ageOn(m.birth, REF);
            String id = issue(p, m, issued);
            if (m == head && partner >= 0) {
                m.namesakeHousehold = partner;
            }
            String guardianMobile = null;
            if (a < 16) {
                guardianMobile = m.mother != null && m.mother.mobile != null ? m.mother.mobile
                        : m.father != null && m.father.mobile != null ? m.father.mobile : head.mobile;
            }
            String subsidy = subsidyHousehold;
            if (subsidy == null && size == 1 && a >= 60 && p.nextDouble() < 0.1) {
                subsidy = "特困";
            }
            double disabilityChance = a < 18 ? 0.01 : a < 60 ? 0.04 : a < 80 ? 0.10 : 0.20;
            Integer disability = null;
            if (p.nextDouble() < disabilityChance) {
                double d = p.nextDouble();
                disability = d < 0.1 ? 1 : d < 0.3 ? 2 : d < 0.6 ? 3 : 4;
            }
            List<String> chronic = chronic(p, a);
            LocalDate joined = null;
            String branch = null;
            if (a >= 18) {
                double weight = a < 30 ? 0.6 : a < 60 ? 1.0 : 1.4;
                if (p.nextDouble() < spec.coverage().partyMembers() * weight) {
                    int joinAge = 18 + p.nextInt(Math.max(1, Math.min(a, 60) - 18 + 1));
                    joined = m.birth.plusYears(joinAge).plusDays(p.nextInt(365));
                    if (joined.isAfter(REF)) {
                        joined = REF.minusDays(1 + p.nextInt(200));
                    }
                    branch = a >= 60 && p.nextDouble() < 0.6 ? home.community() + "离退休党支部"
                            : home.community() + "第" + Numerals.chinese(1 + p.nextInt(3)) + "党支部";
                }
            }
            String doctor = null;
            boolean priority = a >= 65 || a < 7 || !chronic.isEmpty() || disability != null;
            if (p.nextDouble() < (priority ? 0.8 : 0.1)) {
                String[] pool = doctors.computeIfAbsent(community, c -> {
                    SplittableRandom d = Rng.of(seed, Rng.DOCTORS, c);
                    return new String[] {Names.someone(d), Names.someone(d), Names.someone(d), Names.someone(d)};
                });
                doctor = pool[p.nextInt(pool.length)];
            }
            String previousMobile = m.mobile == null ? null : mobile(p);
            residents.add(new Resident(personId(personIndex), householdId, m.relation, m.surname, m.name,
                    m.male ? Sex.MALE : Sex.FEMALE, m.birth, id, m.ethnicity, m.mobile, a >= 50 ? landline : null, home,
                    previousHome, previousMobile, floating, hukouAddress, null, null, subsidy, disability,
                    chronic, joined, branch, doctor, guardianMobile));
        }
        // Twins and namesakes refer to person ids, known only now.
        for (int i = 0; i < residents.size(); i++) {
            Resident res = residents.get(i);
            Member m = members.get(i);
            if (m.twinOf >= 0 || m.namesakeHousehold >= 0) {
                String twin = m.twinOf < 0 ? null : personId(firstPerson + m.twinOf);
                String namesake = m.namesakeHousehold < 0 ? null : headOf(m.namesakeHousehold);
                residents.set(i, new Resident(res.personId(), res.householdId(), res.relation(), res.surname(), res.name(),
                        res.sex(), res.birthDate(), res.idNumber(), res.ethnicity(), res.mobile(), res.landline(), res.home(),
                        res.previousHome(), res.previousMobile(), res.floating(), res.hukouAddress(), twin, namesake,
                        res.subsidy(), res.disabilityLevel(), res.chronicConditions(), res.partyJoined(), res.partyBranch(),
                        res.familyDoctor(), res.guardianMobile()));
            }
        }
        return residents;
    }

    private String headOf(int household) {
        return personId(householdStarts[household]);
    }

    private void addChildren(SplittableRandom r, List<Member> members, int count, String relation, Member father,
                             int parentAge, HeadCore core, String region, Member mother) {
        Member first = null;
        int maxAge = Math.min(parentAge - 22, 30);
        for (int i = 0; i < count; i++) {
            Member c;
            if (maxAge < 0) {
                c = adult(r, "兄弟姐妹", r.nextBoolean(), Math.max(16, parentAge + r.nextInt(7) - 3), core, region);
            } else if (i == 1 && first != null && r.nextDouble() < spec.errors().twins()) {
                c = twin(r, first, members.indexOf(first));
                first.twinOf = members.size();
            } else {
                int childAge;
                if (first == null) {
                    int gap = 22 + r.nextInt(14); // parent's age at the birth
                    childAge = parentAge >= gap ? Math.min(maxAge, parentAge - gap) : r.nextInt(maxAge + 1);
                } else {
                    childAge = Math.max(0, Resident.ageOn(first.birth, REF) - 1 - r.nextInt(7));
                }
                c = child(r, relation, father, childAge, core, region, mother);
            }
            c.mother = mother;
            c.father = father;
            members.add(c);
            if (first == null) {
                first = c;
            }
        }
    }

    private Member twin(SplittableRandom r, Member sibling, int siblingIndex) {
        Member c = new Member();
        c.relation = sibling.relation;
        c.surname = sibling.surname;
        c.male = r.nextDouble() < 0.5 ? sibling.male : r.nextBoolean();
        c.birth = sibling.birth;
        c.ethnicity = sibling.ethnicity;
        c.region = sibling.region;
        if (sibling.surname.isEmpty()) {
            String patronym = sibling.name.substring(sibling.name.indexOf('·'));
            c.given = Names.uyghurGiven(r, c.male);
            c.name = c.given + patronym;
        } else {
            c.given = Names.twinGiven(r, sibling.given, c.birth.getYear(), c.male);
            c.name = c.surname + c.given;
        }
        c.twinOf = siblingIndex;
        return c;
    }

    private void addParents(SplittableRandom r, List<Member> members, int count, Member head, HeadCore core, String region) {
        int age = Resident.ageOn(head.birth, REF);
        int fatherAge = Math.min(100, age + 24 + r.nextInt(10));
        for (int i = 0; i < count; i++) {
            boolean male = i == 0 && r.nextDouble() < 0.6;
            Member p = adult(r, "父母", male, male ? fatherAge : Math.min(100, fatherAge - r.nextInt(5)), core, region);
            if (male && !head.surname.isEmpty()) {
                p.surname = head.surname;
                p.name = p.surname + p.given;
            }
            members.add(p);
        }
    }

    private Member adult(SplittableRandom r, String relation, boolean male, int age, HeadCore core, String region) {
        Member m = new Member();
        m.relation = relation;
        m.male = male;
        m.birth = REF.minusYears(age).minusDays(r.nextInt(365));
        m.ethnicity = core.ethnicity;
        m.region = r.nextDouble() < 0.3 && !core.uyghur ? XINYU_REGIONS[r.nextInt(XINYU_REGIONS.length)] : region;
        if (core.uyghur) {
            m.surname = "";
            m.given = Names.uyghurGiven(r, male);
            m.name = m.given + "·" + Names.uyghurPatronym(r);
        } else {
            m.surname = Names.surname(r);
            m.given = Names.given(r, m.birth.getYear(), male);
            m.name = m.surname + m.given;
        }
        return m;
    }

    private Member child(SplittableRandom r, String relation, Member father, int age, HeadCore core, String region, Member mother) {
        Member m = new Member();
        m.relation = relation;
        m.male = r.nextDouble() < 0.52;
        m.birth = REF.minusYears(age).minusDays(r.nextInt(365));
        if (m.birth.isAfter(REF)) {
            m.birth = REF;
        }
        m.ethnicity = core.ethnicity;
        m.region = region;
        if (core.uyghur) {
            m.surname = "";
            m.given = Names.uyghurGiven(r, m.male);
            String fatherGiven = father.name.substring(0, father.name.indexOf('·'));
            m.name = m.given + "·" + fatherGiven;
        } else {
            m.surname = r.nextDouble() < 0.95 || mother == null ? father.surname : mother.surname;
            m.given = Names.given(r, m.birth.getYear(), m.male);
            m.name = m.surname + m.given;
        }
        return m;
    }

    /** A fresh, unique ID number: region, birth date, sequence (odd for men), check character. */
    private static String issue(SplittableRandom p, Member m, IssuedIds issued) {
        if (m.name == null) {
            m.name = m.surname + m.given;
        }
        for (int attempt = 0; ; attempt++) {
            int sequence = p.nextInt(500) * 2 + (m.male ? 1 : 0);
            String region = attempt < 50 ? m.region : XINYU_REGIONS[attempt % 2];
            long body = IdNumbers.body(region, m.birth, sequence);
            if (issued.add(body)) {
                return IdNumbers.of(body);
            }
        }
    }

    private static List<String> chronic(SplittableRandom p, int age) {
        if (age < 35) {
            return List.of();
        }
        List<String> c = new ArrayList<>(2);
        if (p.nextDouble() < Math.min(0.5, 0.08 + (age - 35) * 0.01)) {
            c.add("高血压");
        }
        if (p.nextDouble() < Math.min(0.2, 0.03 + (age - 35) * 0.004)) {
            c.add("糖尿病");
        }
        if (age >= 50 && p.nextDouble() < 0.05) {
            c.add("冠心病");
        }
        if (age >= 50 && p.nextDouble() < 0.03) {
            c.add("慢性阻塞性肺疾病");
        }
        if (age >= 60 && p.nextDouble() < 0.03) {
            c.add("脑卒中");
        }
        return List.copyOf(c);
    }

    static String mobile(SplittableRandom r) {
        return MOBILE_PREFIXES[r.nextInt(MOBILE_PREFIXES.length)] + digits(r, 8);
    }

    private static String digits(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + r.nextInt(10));
        }
        return new String(c);
    }

    static String personId(int index) {
        return "P" + pad(index, 7);
    }

    static String pad(long n, int width) {
        String s = Long.toString(n);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
