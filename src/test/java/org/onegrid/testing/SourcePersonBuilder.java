package org.onegrid.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.schema.Address;
import org.onegrid.schema.Gender;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.SourcePerson;
import org.onegrid.standardize.IdNumber;

/**
 * Standardized source records for pipeline tests:
 * {@code aPerson().from("civil-affairs", "7").named("陈晓明", "chen xiao ming").born("1985-03-02").withIdSequence(101)}.
 * Made-up people only.
 */
public final class SourcePersonBuilder {

    /** Region code of the made-up city's first district. */
    public static final String REGION = "360502";

    private final SourcePerson.Builder person = SourcePerson.newBuilder()
            .setConnector("public-security").setSourceKey("1").setIngestTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> phones = new ArrayList<>();

    public static SourcePersonBuilder aPerson() {
        return new SourcePersonBuilder();
    }

    public SourcePersonBuilder from(String connector, String sourceKey) {
        person.setConnector(connector).setSourceKey(sourceKey);
        return this;
    }

    public SourcePersonBuilder named(String name, String pinyin) {
        person.setName(name).setNameStated(name).setNamePinyin(pinyin);
        return this;
    }

    public SourcePersonBuilder born(String isoDate) {
        person.setBirthDate(LocalDate.parse(isoDate));
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

    /** A valid ID number of the made-up region, for the birth date already set, with this 3-digit sequence. */
    public SourcePersonBuilder withIdSequence(int sequence) {
        String id = IdNumber.compose(REGION, person.getBirthDate(), sequence);
        person.setIdNumber(id).setIdNumberStated(id).setIdStatus(IdStatus.VALID);
        return this;
    }

    public SourcePersonBuilder withPhone(String phone) {
        phones.add(phone);
        return this;
    }

    public SourcePersonBuilder livingAt(String estate, String building, String unit, String room) {
        String normalized = estate + "|" + building + "|" + unit + "|" + room;
        person.setAddress(Address.newBuilder().setRaw(estate + building + "栋" + unit + "单元" + room + "室")
                .setEstate(estate).setBuilding(building).setUnit(unit).setRoom(room).setNormalized(normalized).build());
        return this;
    }

    public SourcePersonBuilder deleted() {
        person.setDeleted(true);
        return this;
    }

    public SourcePerson build() {
        return person.setPhones(new ArrayList<>(phones)).build();
    }
}
