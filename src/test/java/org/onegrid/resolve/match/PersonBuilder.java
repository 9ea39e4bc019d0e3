package org.onegrid.resolve.match;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.schema.Address;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.Gender;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.SourcePerson;

/** Test-data builder for standardized source records: {@code aPerson().named("陈晓明", "chen xiao ming").born("1985-03-02")}. */
final class PersonBuilder {

    private static int sequence;

    private final SourcePerson.Builder person = SourcePerson.newBuilder()
            .setConnector("test")
            .setSourceKey("k" + (++sequence))
            .setIngestTime(Instant.EPOCH);
    private final List<String> phones = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();

    static PersonBuilder aPerson() {
        return new PersonBuilder();
    }

    /** A standardized name and its toneless pinyin key. */
    PersonBuilder named(String name, String pinyin) {
        person.setName(name).setNameStated(name).setNamePinyin(pinyin);
        return this;
    }

    /** A Latin name: its pinyin key is the lower-cased name. */
    PersonBuilder namedLatin(String name) {
        return named(name, name.toLowerCase());
    }

    PersonBuilder born(String isoDate) {
        person.setBirthDate(LocalDate.parse(isoDate));
        return this;
    }

    PersonBuilder male() {
        person.setGender(Gender.MALE);
        return this;
    }

    PersonBuilder female() {
        person.setGender(Gender.FEMALE);
        return this;
    }

    /** A valid ID number (the caller passes one with a correct check character). */
    PersonBuilder withId(String idNumber) {
        person.setIdNumber(idNumber).setIdNumberStated(idNumber).setIdStatus(IdStatus.VALID);
        return this;
    }

    /** An ID number stated with a wrong check character: kept as evidence, not as identity. */
    PersonBuilder withBadId(String stated) {
        person.setIdNumber(null).setIdNumberStated(stated).setIdStatus(IdStatus.BAD_CHECKSUM);
        return this;
    }

    PersonBuilder withPhone(String phone) {
        phones.add(phone);
        return this;
    }

    /** A parsed Chinese address: community, estate, building, unit, room. */
    PersonBuilder livingAt(String community, String estate, String building, String unit, String room) {
        String normalized = community + estate + building + "栋" + unit + "单元" + room + "室";
        person.setAddress(Address.newBuilder().setRaw(normalized).setCommunity(community).setEstate(estate)
                .setBuilding(building).setUnit(unit).setRoom(room).setNormalized(normalized).build());
        return this;
    }

    PersonBuilder withAddress(Address address) {
        person.setAddress(address);
        return this;
    }

    PersonBuilder withAttribute(String name, String value) {
        attributes.add(Attribute.newBuilder().setName(name).setType(AttributeType.STRING).setValue(value).build());
        return this;
    }

    SourcePerson build() {
        return person.setPhones(new ArrayList<>(phones)).setAttributes(new ArrayList<>(attributes)).build();
    }
}
