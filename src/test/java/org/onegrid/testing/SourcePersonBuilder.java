package org.onegrid.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.onegrid.schema.Address;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.Gender;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.SourcePerson;
import org.onegrid.standardize.IdNumber;

/**
 * Standardized source records for tests, as mapping would produce them:
 * {@code aPerson().from("civil-affairs", "7").named("陈晓明", "chen xiao ming").born("1985-03-02").withIdSequence(101)}.
 * Unless told otherwise: connector public-security, source key 1, ingested 2026-01-01, nothing else. Made-up people
 * only.
 */
public final class SourcePersonBuilder {

    /** Region code of the made-up city's first district. */
    public static final String REGION = "360502";
    /** When records are ingested unless {@link #ingestedAt} says otherwise. */
    public static final Instant INGESTED = Instant.parse("2026-01-01T00:00:00Z");

    private final SourcePerson.Builder person = SourcePerson.newBuilder()
            .setConnector("public-security").setSourceKey("1").setIngestTime(INGESTED);
    private final List<String> phones = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();
    private String pinyin;

    public static SourcePersonBuilder aPerson() {
        return new SourcePersonBuilder();
    }

    public SourcePersonBuilder from(String connector, String sourceKey) {
        person.setConnector(connector).setSourceKey(sourceKey);
        return this;
    }

    /** A standardized name; its pinyin key is the name itself unless {@link #pinyin} gives one. */
    public SourcePersonBuilder named(String name) {
        person.setName(name).setNameStated(name);
        return this;
    }

    /** A standardized name and its toneless pinyin key. */
    public SourcePersonBuilder named(String name, String pinyin) {
        return named(name).pinyin(pinyin);
    }

    /** A Latin name: its pinyin key is the lower-cased name. */
    public SourcePersonBuilder namedLatin(String name) {
        return named(name, name.toLowerCase(Locale.ROOT));
    }

    /** The pinyin key; records with equal keys and different names are homophones. */
    public SourcePersonBuilder pinyin(String key) {
        this.pinyin = key;
        return this;
    }

    /** The stated birth date, or none for null. */
    public SourcePersonBuilder born(String isoDate) {
        person.setBirthDate(isoDate == null ? null : LocalDate.parse(isoDate));
        return this;
    }

    public SourcePersonBuilder male() {
        person.setGender(Gender.MALE);
        return this;
    }

    public SourcePersonBuilder female() {
        person.setGender(Gender.FEMALE);
        return this;
    }

    /** A valid ID number (the caller passes one with a correct check character). */
    public SourcePersonBuilder withId(String idNumber) {
        person.setIdNumber(idNumber).setIdNumberStated(idNumber).setIdStatus(IdStatus.VALID);
        return this;
    }

    /** A valid ID number of the made-up region, for the birth date already set, with this 3-digit sequence. */
    public SourcePersonBuilder withIdSequence(int sequence) {
        return withId(IdNumber.compose(REGION, person.getBirthDate(), sequence));
    }

    /** An 18-character ID number that was stated as its 15-digit legacy form and lifted. */
    public SourcePersonBuilder withLiftedId(String idNumber) {
        person.setIdNumber(idNumber).setIdNumberStated(idNumber.substring(0, 6) + idNumber.substring(8, 17))
                .setIdStatus(IdStatus.LIFTED);
        return this;
    }

    /** An ID number stated with a wrong check character: kept as evidence, not as identity. */
    public SourcePersonBuilder withBadId(String stated) {
        person.setIdNumber(null).setIdNumberStated(stated).setIdStatus(IdStatus.BAD_CHECKSUM);
        return this;
    }

    /** Adds a phone number. */
    public SourcePersonBuilder withPhone(String phone) {
        phones.add(phone);
        return this;
    }

    /** Exactly these phone numbers. */
    public SourcePersonBuilder phones(String... numbers) {
        phones.clear();
        phones.addAll(List.of(numbers));
        return this;
    }

    /** A parsed address in an estate; its normalized form is {@code estate|building|unit|room}. */
    public SourcePersonBuilder livingAt(String estate, String building, String unit, String room) {
        String normalized = estate + "|" + building + "|" + unit + "|" + room;
        return withAddress(Address.newBuilder().setRaw(estate + building + "栋" + unit + "单元" + room + "室")
                .setEstate(estate).setBuilding(building).setUnit(unit).setRoom(room).setNormalized(normalized).build());
    }

    /** A parsed address in a community; its normalized form is the full text, {@code community estate 3栋2单元401室}. */
    public SourcePersonBuilder livingAt(String community, String estate, String building, String unit, String room) {
        String normalized = community + estate + building + "栋" + unit + "单元" + room + "室";
        return withAddress(Address.newBuilder().setRaw(normalized).setCommunity(community).setEstate(estate)
                .setBuilding(building).setUnit(unit).setRoom(room).setNormalized(normalized).build());
    }

    /** An address known only by its normalized text, placed in grid {@code grid} (none for null). */
    public SourcePersonBuilder livingAt(String normalized, String grid) {
        return withAddress(Address.newBuilder().setRaw(normalized).setNormalized(normalized)
                .setGrid(grid == null ? null : GridRef.newBuilder().setGrid(grid).build()).build());
    }

    public SourcePersonBuilder withAddress(Address address) {
        person.setAddress(address);
        return this;
    }

    public SourcePersonBuilder withAttribute(String name, String value) {
        attributes.add(Attribute.newBuilder().setName(name).setType(AttributeType.STRING).setValue(value).build());
        return this;
    }

    /** Ethnicity as its GB 3304 code. */
    public SourcePersonBuilder ethnicity(String code) {
        person.setEthnicity(code);
        return this;
    }

    /** When the source changed the record. */
    public SourcePersonBuilder changedAt(String isoInstant) {
        person.setSourceTime(Instant.parse(isoInstant));
        return this;
    }

    public SourcePersonBuilder ingestedAt(String isoInstant) {
        person.setIngestTime(Instant.parse(isoInstant));
        return this;
    }

    /** A standardization flag such as BIRTH_DATE_DISAGREES_WITH_ID. */
    public SourcePersonBuilder flagged(String flag) {
        flags.add(flag);
        return this;
    }

    public SourcePersonBuilder deleted() {
        person.setDeleted(true);
        return this;
    }

    public SourcePerson build() {
        return person.setNamePinyin(pinyin != null ? pinyin : person.getName())
                .setPhones(new ArrayList<>(phones))
                .setAttributes(new ArrayList<>(attributes))
                .setFlags(new ArrayList<>(flags))
                .build();
    }
}
