package org.onegrid.resolve.cluster;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.schema.Address;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.Gender;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.SourcePerson;

/** Test-data builder for source records: {@code aPerson().from("health", "h1").named("李娜").withId(...)}. */
final class PersonBuilder {

    static final Instant INGESTED = Instant.parse("2026-01-01T00:00:00Z");

    private final SourcePerson.Builder b = SourcePerson.newBuilder()
            .setConnector("public-security")
            .setSourceKey("1")
            .setIngestTime(INGESTED)
            .setBirthDate(LocalDate.parse("1985-03-02"))
            .setPhones(new ArrayList<>())
            .setAttributes(new ArrayList<>())
            .setFlags(new ArrayList<>());
    private String pinyin;

    static PersonBuilder aPerson() {
        return new PersonBuilder();
    }

    PersonBuilder from(String connector, String sourceKey) {
        b.setConnector(connector).setSourceKey(sourceKey);
        return this;
    }

    PersonBuilder named(String name) {
        b.setName(name).setNameStated(name);
        return this;
    }

    /** A homophone key; records with equal keys but different names are a possible match to the test matcher. */
    PersonBuilder pinyin(String key) {
        pinyin = key;
        return this;
    }

    PersonBuilder withId(String idNumber) {
        b.setIdNumber(idNumber).setIdNumberStated(idNumber).setIdStatus(IdStatus.VALID);
        return this;
    }

    PersonBuilder withLiftedId(String idNumber) {
        b.setIdNumber(idNumber).setIdNumberStated(idNumber.substring(0, 6) + idNumber.substring(8, 17))
                .setIdStatus(IdStatus.LIFTED);
        return this;
    }

    PersonBuilder born(String isoDate) {
        b.setBirthDate(isoDate == null ? null : LocalDate.parse(isoDate));
        return this;
    }

    PersonBuilder male() {
        b.setGender(Gender.MALE);
        return this;
    }

    PersonBuilder female() {
        b.setGender(Gender.FEMALE);
        return this;
    }

    PersonBuilder phones(String... phones) {
        b.setPhones(new ArrayList<>(List.of(phones)));
        return this;
    }

    PersonBuilder ethnicity(String code) {
        b.setEthnicity(code);
        return this;
    }

    PersonBuilder livingAt(String normalized, String grid) {
        b.setAddress(Address.newBuilder()
                .setRaw(normalized)
                .setNormalized(normalized)
                .setGrid(grid == null ? null : GridRef.newBuilder().setGrid(grid).build())
                .build());
        return this;
    }

    PersonBuilder changedAt(String isoInstant) {
        b.setSourceTime(Instant.parse(isoInstant));
        return this;
    }

    PersonBuilder ingestedAt(String isoInstant) {
        b.setIngestTime(Instant.parse(isoInstant));
        return this;
    }

    PersonBuilder attribute(String name, String value) {
        List<Attribute> attributes = new ArrayList<>(b.getAttributes());
        attributes.add(Attribute.newBuilder().setName(name).setType(AttributeType.STRING).setValue(value).build());
        b.setAttributes(attributes);
        return this;
    }

    PersonBuilder flagged(String flag) {
        List<String> flags = new ArrayList<>(b.getFlags());
        flags.add(flag);
        b.setFlags(flags);
        return this;
    }

    PersonBuilder deleted() {
        b.setDeleted(true);
        return this;
    }

    SourcePerson build() {
        b.setNamePinyin(pinyin != null ? pinyin : b.getName());
        return b.build();
    }
}
