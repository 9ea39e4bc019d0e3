package org.onegrid.resolve.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.onegrid.schema.AddressValue;
import org.onegrid.schema.AttributeValue;
import org.onegrid.schema.DateValue;
import org.onegrid.schema.Gender;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.SourcePerson;
import org.onegrid.schema.TextValue;

/**
 * Builds a person's golden record from its member records by survivorship, a reviewer's choice of the right value
 * of a field going first. Pure.
 */
final class GoldenBuilder {

    private static final String CORRECTED_FLAG = ClusterResolver.BIRTH_DATE_CORRECTED_FLAG;

    private final Survivorship survivorship;
    private final Map<String, ValueChoices.Choice> chosen;

    GoldenBuilder(Survivorship survivorship) {
        this(survivorship, Map.of());
    }

    private GoldenBuilder(Survivorship survivorship, Map<String, ValueChoices.Choice> chosen) {
        this.survivorship = survivorship;
        this.chosen = Map.copyOf(chosen);
    }

    /** The golden record of an active person, with version and updatedAt left for the caller. */
    GoldenPerson.Builder active(String personId, List<SourcePerson> members) {
        return build(personId, members);
    }

    /**
     * As {@link #active(String, List)}, with reviewers' standing choices (field → choice): the chosen record's value
     * wins its field, its provenance naming the decision.
     */
    GoldenPerson.Builder active(String personId, List<SourcePerson> members, Map<String, ValueChoices.Choice> chosen) {
        return chosen.isEmpty() ? build(personId, members) : new GoldenBuilder(survivorship, chosen).build(personId, members);
    }

    private GoldenPerson.Builder build(String personId, List<SourcePerson> members) {
        GoldenPerson.Builder golden = GoldenPerson.newBuilder()
                .setPersonId(personId)
                .setStatus(PersonStatus.ACTIVE)
                .setMergedInto(null);
        best(members, Survivorship.ID_NUMBER, r -> r.getIdNumber() != null)
                .ifPresent(r -> golden.setIdNumber(text(r.getIdNumber(), r, Survivorship.ID_NUMBER)));
        best(members, Survivorship.NAME, r -> r.getName() != null)
                .ifPresent(r -> golden.setName(text(r.getName(), r, Survivorship.NAME)));
        best(members, Survivorship.GENDER, r -> r.getGender() == Gender.MALE || r.getGender() == Gender.FEMALE)
                .or(() -> best(members, Survivorship.GENDER, r -> r.getGender() == Gender.UNSPECIFIED))
                .ifPresent(r -> golden.setGender(text(genderCode(r.getGender()), r, Survivorship.GENDER)));
        best(members, Survivorship.BIRTH_DATE, r -> r.getBirthDate() != null)
                .ifPresent(r -> golden.setBirthDate(new DateValue(r.getBirthDate(), provenance(r, Survivorship.BIRTH_DATE))));
        best(members, Survivorship.ETHNICITY, r -> r.getEthnicity() != null)
                .ifPresent(r -> golden.setEthnicity(text(r.getEthnicity(), r, Survivorship.ETHNICITY)));
        best(members, Survivorship.ADDRESS, r -> r.getAddress() != null).ifPresent(r -> {
            golden.setAddress(new AddressValue(r.getAddress(), provenance(r, Survivorship.ADDRESS)));
            golden.setGrid(r.getAddress().getGrid());
        });
        golden.setPhones(phones(members));
        List<SourcePerson> byRef = members.stream().sorted(Comparator.comparing(Refs::of)).toList();
        List<AttributeValue> attributes = new ArrayList<>();
        List<Provenance> sources = new ArrayList<>();
        for (SourcePerson r : byRef) {
            r.getAttributes().forEach(a -> attributes.add(new AttributeValue(a, Refs.provenance(r))));
            sources.add(Refs.provenance(r));
        }
        return golden.setAttributes(attributes).setSources(sources);
    }

    /** The golden record of an id that no longer carries a person: a MERGED redirect or RETIRED. */
    static GoldenPerson.Builder inactive(PersonState person) {
        return GoldenPerson.newBuilder()
                .setPersonId(person.personId())
                .setStatus(person.status())
                .setMergedInto(person.mergedInto());
    }

    /** Distinct phones, each from its best source, most authoritative then most recent first. */
    private List<TextValue> phones(List<SourcePerson> members) {
        List<SourcePerson> ranked = members.stream().sorted(order(Survivorship.PHONES)).toList();
        Set<String> seen = new LinkedHashSet<>();
        List<TextValue> phones = new ArrayList<>();
        for (SourcePerson r : ranked) {
            for (String phone : r.getPhones()) {
                if (seen.add(phone)) {
                    phones.add(text(phone, r));
                }
            }
        }
        return phones;
    }

    private Optional<SourcePerson> best(List<SourcePerson> members, String field, Predicate<SourcePerson> has) {
        ValueChoices.Choice choice = chosen.get(field);
        if (choice != null) {
            Optional<SourcePerson> picked = members.stream().filter(has).filter(r -> Refs.of(r).equals(choice.ref())).findFirst();
            if (picked.isPresent()) {
                return picked;
            }
        }
        return members.stream().filter(has).min(order(field));
    }

    /**
     * The record's provenance for a field's value, naming the reviewer's decision when one chose this record's value
     * or corrected it (a birth date corrected on its way to the shard is flagged with the decision id).
     */
    private Provenance provenance(SourcePerson r, String field) {
        Provenance provenance = Refs.provenance(r);
        ValueChoices.Choice choice = chosen.get(field);
        if (choice != null && choice.ref().equals(Refs.of(r))) {
            provenance.setDecisionId(choice.decisionId().isEmpty() ? null : choice.decisionId());
        } else if (field.equals(Survivorship.BIRTH_DATE)) {
            r.getFlags().stream().filter(f -> f.startsWith(CORRECTED_FLAG + ":")).findFirst()
                    .ifPresent(f -> provenance.setDecisionId(f.substring(CORRECTED_FLAG.length() + 1)));
        }
        return provenance;
    }

    /** Survivorship order for a field: authority, then recency, then ID validity, then ref. */
    Comparator<SourcePerson> order(String field) {
        return Comparator.<SourcePerson>comparingInt(r -> survivorship.rank(field, r.getConnector()))
                .thenComparing(GoldenBuilder::recency, Comparator.reverseOrder())
                .thenComparingInt(GoldenBuilder::validity)
                .thenComparing((SourcePerson r) -> Refs.of(r));
    }

    static Instant recency(SourcePerson r) {
        return r.getSourceTime() != null ? r.getSourceTime() : r.getIngestTime();
    }

    private static int validity(SourcePerson r) {
        IdStatus status = r.getIdStatus();
        return status == IdStatus.VALID ? 0 : status == IdStatus.LIFTED ? 1 : 2;
    }

    static String genderCode(Gender gender) {
        return switch (gender) {
            case MALE -> "1";
            case FEMALE -> "2";
            case UNSPECIFIED -> "9";
            case UNKNOWN -> "0";
        };
    }

    private static TextValue text(String value, SourcePerson r) {
        return new TextValue(value, Refs.provenance(r));
    }

    private TextValue text(String value, SourcePerson r, String field) {
        return new TextValue(value, provenance(r, field));
    }
}
