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
 * against female; unknown and not stated agree with anything), ID number and normalized address.
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

    private FieldDisagreements() {
    }

    /** The stable id of the disagreement on a field of a person. */
    static String conflictId(String personId, String field) {
        return personId + "/" + field;
    }

    /** One open FIELD_DISAGREEMENT conflict per field the members disagree on, keyed by conflict id. */
    static Map<String, Conflict> of(String personId, List<SourcePerson> members, GridRef grid, Instant now) {
        List<SourcePerson> byRef = members.stream().sorted(Comparator.comparing(Refs::of)).toList();
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
            if (distinct.size() > 1) {
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
