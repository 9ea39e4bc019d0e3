package org.onegrid.resolve.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.onegrid.schema.CandidateValue;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.Gender;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.SourcePerson;

/**
 * Finds the fields on which the member records of one person disagree: birth date, gender (male
 * against female; unknown and not stated agree with anything), ID number and normalized address;
 * and the records whose stated birth date or gender disagrees with their own ID number, as
 * standardization flagged them.
 */
final class FieldDisagreements {

    private static final Map<String, Function<SourcePerson, String>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(Survivorship.BIRTH_DATE, r -> r.getBirthDate() == null ? null : r.getBirthDate().toString());
        FIELDS.put(Survivorship.GENDER, r -> r.getGender() == Gender.MALE || r.getGender() == Gender.FEMALE
                ? GoldenBuilder.genderCode(r.getGender()) : null);
        FIELDS.put(Survivorship.ID_NUMBER, SourcePerson::getIdNumber);
        FIELDS.put(Survivorship.ADDRESS, r -> r.getAddress() == null ? null : r.getAddress().getNormalized());
    }

    /** The fields a reviewer can choose the right value of: those above, the name and the ethnicity. */
    private static final Map<String, Function<SourcePerson, String>> CHOOSABLE = new LinkedHashMap<>(FIELDS);

    static {
        CHOOSABLE.put(Survivorship.NAME, SourcePerson::getName);
        CHOOSABLE.put(Survivorship.ETHNICITY, SourcePerson::getEthnicity);
    }

    /** The fields a reviewer can choose the right value of. */
    static Set<String> choosable() {
        return Set.copyOf(CHOOSABLE.keySet());
    }

    /** True for a field a reviewer can choose the right value of. */
    static boolean choosable(String field) {
        return CHOOSABLE.containsKey(field);
    }

    /** The record's value of a choosable field as conflicts show it (null when it has none). */
    static String text(String field, SourcePerson record) {
        return CHOOSABLE.get(field).apply(record);
    }

    /** Standardization flags (SourcePerson.flags) naming a field that disagrees with the ID number. */
    static final Map<String, String> ID_FLAGS = Map.of(
            "BIRTH_DATE_DISAGREES_WITH_ID", Survivorship.BIRTH_DATE,
            "GENDER_DISAGREES_WITH_ID", Survivorship.GENDER);

    private FieldDisagreements() {
    }

    /**
     * One open ID_DISAGREES_WITH_RECORD conflict per field (birth date, gender) that some member
     * states differently from its own ID number; candidates are each flagged record's stated value
     * and the value its ID number encodes. Id: {@code personId/field-vs-id}.
     */
    static Map<String, Conflict> againstId(String personId, List<SourcePerson> members, GridRef grid, Instant now) {
        List<SourcePerson> byRef = members.stream().sorted(Comparator.comparing((SourcePerson r) -> Refs.of(r))).toList();
        Map<String, List<CandidateValue>> byField = new java.util.TreeMap<>();
        for (SourcePerson r : byRef) {
            String id = r.getIdNumber() != null ? r.getIdNumber() : r.getIdNumberStated();
            if (id == null || id.length() != 18) {
                continue;
            }
            for (String flag : new java.util.TreeSet<>(r.getFlags())) {
                String field = ID_FLAGS.get(flag);
                if (field == null) {
                    continue;
                }
                String stated = FIELDS.get(field).apply(r);
                String fromId = field.equals(Survivorship.BIRTH_DATE)
                        ? id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14)
                        : (Character.getNumericValue(id.charAt(16)) % 2 == 1 ? "1" : "2");
                List<CandidateValue> candidates = byField.computeIfAbsent(field, f -> new ArrayList<>());
                candidates.add(new CandidateValue(stated == null ? "" : stated, Refs.provenance(r)));
                candidates.add(new CandidateValue(fromId, Refs.provenance(r)));
            }
        }
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        byField.forEach((field, candidates) -> {
            String id = personId + "/" + field + "-vs-id";
            conflicts.put(id, Conflict.newBuilder()
                    .setConflictId(id)
                    .setKind(ConflictKind.ID_DISAGREES_WITH_RECORD)
                    .setStatus(ConflictStatus.OPEN)
                    .setPersonId(personId)
                    .setField(field)
                    .setCandidates(candidates)
                    .setGrid(grid)
                    .setDetectedAt(now)
                    .build());
        });
        return conflicts;
    }

    /** The stable id of the disagreement on a field of a person. */
    static String conflictId(String personId, String field) {
        return personId + "/" + field;
    }

    /**
     * One open FIELD_DISAGREEMENT conflict per field the members disagree on, keyed by conflict id; none for a field
     * whose right value a reviewer chose while every value is one the reviewer saw.
     */
    static Map<String, Conflict> of(String personId, List<SourcePerson> members, GridRef grid, Instant now,
            Map<String, ValueChoices.Choice> chosen) {
        List<SourcePerson> byRef = members.stream().sorted(Comparator.comparing((SourcePerson r) -> Refs.of(r))).toList();
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        FIELDS.forEach((field, value) -> {
            List<CandidateValue> candidates = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            for (SourcePerson r : byRef) {
                String v = value.apply(r);
                if (v != null) {
                    candidates.add(new CandidateValue(v, Refs.provenance(r)));
                    distinct.add(v);
                }
            }
            ValueChoices.Choice choice = chosen.get(field);
            if (distinct.size() > 1 && (choice == null || !choice.seen().containsAll(distinct))) {
                String id = conflictId(personId, field);
                conflicts.put(id, Conflict.newBuilder()
                        .setConflictId(id)
                        .setKind(ConflictKind.FIELD_DISAGREEMENT)
                        .setStatus(ConflictStatus.OPEN)
                        .setPersonId(personId)
                        .setField(field)
                        .setCandidates(candidates)
                        .setGrid(grid)
                        .setDetectedAt(now)
                        .build());
            }
        });
        return conflicts;
    }
}
