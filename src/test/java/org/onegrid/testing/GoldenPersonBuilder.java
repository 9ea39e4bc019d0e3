package org.onegrid.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.schema.Address;
import org.onegrid.schema.AddressValue;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.AttributeValue;
import org.onegrid.schema.DateValue;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.TextValue;

/**
 * Golden records for view and API tests:
 * {@code aGoldenPerson("P1").named("陈晓明").withId("36050219850302123X").withPhone("13812345678").in(grid, "阳光花园", "3")}.
 * Made-up people only.
 */
public final class GoldenPersonBuilder {

    private static final Provenance SOURCE = new Provenance("public-security", "ps-1", Instant.parse("2026-01-01T00:00:00Z"), null);

    private final GoldenPerson.Builder person;
    private final List<TextValue> phones = new ArrayList<>();
    private final List<AttributeValue> attributes = new ArrayList<>();

    private GoldenPersonBuilder(String personId) {
        person = GoldenPerson.newBuilder().setPersonId(personId).setStatus(PersonStatus.ACTIVE).setVersion(1)
                .setUpdatedAt(Instant.parse("2026-01-02T00:00:00Z")).setSources(List.of(SOURCE));
    }

    public static GoldenPersonBuilder aGoldenPerson(String personId) {
        return new GoldenPersonBuilder(personId);
    }

    public GoldenPersonBuilder named(String name) {
        person.setName(new TextValue(name, SOURCE));
        return this;
    }

    public GoldenPersonBuilder withId(String idNumber) {
        person.setIdNumber(new TextValue(idNumber, SOURCE));
        return this;
    }

    public GoldenPersonBuilder female() {
        person.setGender(new TextValue("2", SOURCE));
        return this;
    }

    public GoldenPersonBuilder born(String isoDate) {
        person.setBirthDate(new DateValue(LocalDate.parse(isoDate), SOURCE));
        return this;
    }

    public GoldenPersonBuilder withPhone(String phone) {
        phones.add(new TextValue(phone, SOURCE));
        return this;
    }

    /** Lives in building {@code building}, unit 2, room 401 of {@code estate}, placed in {@code grid} (may be null). */
    public GoldenPersonBuilder in(GridRef grid, String community, String estate, String building) {
        Address address = Address.newBuilder().setRaw(community + estate + building + "栋2单元401室").setCommunity(community)
                .setEstate(estate).setBuilding(building).setUnit("2").setRoom("401")
                .setNormalized(community + "|" + estate + "|" + building + "|2|401").setGrid(grid).build();
        person.setAddress(new AddressValue(address, SOURCE)).setGrid(grid);
        return this;
    }

    public GoldenPersonBuilder withAttribute(String name, String group, String value) {
        attributes.add(new AttributeValue(new Attribute(name, AttributeType.STRING, value, group), SOURCE));
        return this;
    }

    public GoldenPersonBuilder version(long version) {
        person.setVersion(version);
        return this;
    }

    public GoldenPersonBuilder mergedInto(String other) {
        person.setStatus(PersonStatus.MERGED).setMergedInto(other);
        return this;
    }

    public GoldenPerson build() {
        return person.setPhones(new ArrayList<>(phones)).setAttributes(new ArrayList<>(attributes)).build();
    }
}
