package org.onegrid.resolve.match;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.onegrid.schema.Address;
import org.onegrid.schema.Gender;
import org.onegrid.schema.SourcePerson;

/**
 * Which records are worth comparing: two records are candidates when they share at least one
 * key. Each key is built so that a true match with one kind of error still shares another kind
 * of key; no single field, if wrong, hides a pair. Keys carry their kind as a prefix, so keys of
 * different kinds never collide:
 *
 * <ul>
 *   <li>{@code id:} the valid ID number.</li>
 *   <li>{@code idw1:}/{@code idw2:}/{@code idw3:} the 18-character ID number (valid or as stated)
 *       with one window blanked out: positions 1–7, 7–14 or 14–18. Any single substitution or
 *       adjacent transposition lies inside one window, so an ID number one edit away from
 *       another still shares a key with it, and each key keeps enough of the number (region and
 *       birth date, or birth date and sequence) to stay small.</li>
 *   <li>{@code ph:} each phone number.</li>
 *   <li>{@code nb:} the name key (pinyin, or Latin in lower case) and birth date; homophones share it.</li>
 *   <li>{@code sd:} the surname key and birth date: a given name typed wrong, no phone. For Latin
 *       names, the Soundex code of each name word and the birth date (spelling drift, a missing
 *       or replaced word).</li>
 *   <li>{@code sb:} the surname key, estate and building: a household, for a birth date typed wrong.</li>
 *   <li>{@code ba:} birth date, gender and building: a name typed wrong.</li>
 *   <li>{@code ox:} an identifier attribute (social-security number...), named in the match configuration.</li>
 *   <li>{@code sx:} Latin names only: Soundex of each name word and a postcode-like number of the
 *       address (4 to 6 digits standing alone), for spelling drift in Latin names.</li>
 * </ul>
 *
 * Must stay small (a handful of keys per record) and must never depend on other records.
 */
public final class BlockingKeys {

    private static final List<String> DEFAULT_IDENTIFIERS = MatchConfig.IdentifierWeights.defaults().attributes();

    private BlockingKeys() {
    }

    /** The keys of a record, with the default identifier attributes. */
    public static Set<String> of(SourcePerson person) {
        return of(person, DEFAULT_IDENTIFIERS);
    }

    /** The keys of a record, with {@code identifierAttributes} as identifier attributes (see {@link MatchConfig.IdentifierWeights}). */
    public static Set<String> of(SourcePerson person, List<String> identifierAttributes) {
        Set<String> keys = new LinkedHashSet<>();
        if (person.getIdNumber() != null) {
            keys.add("id:" + person.getIdNumber());
        }
        String id = PersonFacts.statedId(person);
        if (id != null && id.length() == 18) {
            keys.add("idw1:" + id.substring(7));
            keys.add("idw2:" + id.substring(0, 6) + id.substring(14));
            keys.add("idw3:" + id.substring(0, 13));
        }
        for (String phone : person.getPhones()) {
            if (phone != null && !phone.isBlank()) {
                keys.add("ph:" + phone.trim());
            }
        }
        String name = PersonFacts.nameKey(person);
        LocalDate birthDate = PersonFacts.birthDate(person);
        if (name != null && birthDate != null) {
            keys.add("nb:" + name.replace(" ", "") + "|" + birthDate);
        }
        boolean latin = PersonFacts.latinName(person);
        String surname = PersonFacts.surnameKey(name, latin);
        if (name != null && birthDate != null) {
            if (latin) {
                for (String word : Similarity.tokens(name)) {
                    String code = Similarity.soundex(word);
                    if (!code.isEmpty()) {
                        keys.add("sd:" + code + "|" + birthDate);
                    }
                }
            } else {
                keys.add("sd:" + surname + "|" + birthDate);
            }
        }
        Address address = person.getAddress();
        String building = address == null || blank(address.getEstate()) || blank(address.getBuilding())
                ? null : address.getEstate() + "|" + address.getBuilding();
        if (surname != null && building != null) {
            keys.add("sb:" + surname + "|" + building);
        }
        Gender gender = PersonFacts.gender(person);
        if (birthDate != null && building != null) {
            keys.add("ba:" + birthDate + "|" + gender.name().charAt(0) + "|" + building);
        }
        for (String attribute : identifierAttributes) {
            String value = PersonFacts.attribute(person, attribute);
            if (value != null) {
                keys.add("ox:" + attribute.toLowerCase(Locale.ROOT) + "=" + value);
            }
        }
        String postcode = address == null ? null : postcode(address.getNormalized());
        if (name != null && postcode != null && latin) {
            for (String word : Similarity.tokens(name)) {
                String code = Similarity.soundex(word);
                if (!code.isEmpty()) {
                    keys.add("sx:" + code + "|" + postcode);
                }
            }
        }
        return keys;
    }

    /** The last word of 4 to 6 digits in a Latin address, or null. */
    private static String postcode(String normalized) {
        if (normalized == null || Similarity.hasIdeographs(normalized)) {
            return null;
        }
        String found = null;
        for (String word : Similarity.tokens(normalized)) {
            if (word.length() >= 4 && word.length() <= 6 && Similarity.isDigits(word)) {
                found = word;
            }
        }
        return found;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
