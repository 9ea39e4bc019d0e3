package org.onegrid.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.onegrid.schema.Address;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.Gender;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.SourcePerson;
import org.onegrid.standardize.Addresses;
import org.onegrid.standardize.Dates;
import org.onegrid.standardize.Ethnicities;
import org.onegrid.standardize.Genders;
import org.onegrid.standardize.GridLocator;
import org.onegrid.standardize.GridRegister;
import org.onegrid.standardize.IdNumber;
import org.onegrid.standardize.Names;
import org.onegrid.standardize.Phones;
import org.onegrid.standardize.StandardizeException;

/**
 * One connector's mapping at work: a raw record in, a standardized {@link SourcePerson} or a rejection out. All value
 * clean-up is the standardizers'; this class decides what goes where, what is flagged and what is rejected.
 *
 * <p>Decisions (docs/mapping.md): a DELETE, or a row the mapping marks deleted, gives {@code deleted = true} with the
 * keys only. An invalid ID number is kept as evidence ({@code idNumberStated}, {@code idStatus}), never rejected. A
 * stated field that cannot be standardized (a 30 February, an unknown gender code) is dropped and flagged, so the
 * rest of the record still counts; it rejects the record only when the mapping lists it under {@code require}. A
 * record with neither a name nor an ID number is rejected: nothing could ever resolve it.
 *
 * <p>Never throws on data, never logs, and never puts a value into a message. Thread-safe.
 */
public final class Mapper {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String JSON_TYPE = "application/json";
    private static final Set<String> TRUTHY = Set.of("1", "true", "t", "y", "yes", "是");
    private static final Set<String> FALSY = Set.of("0", "false", "f", "n", "no", "否");
    private static final GridLocator NO_REGISTER = GridLocator.of(new GridRegister("", List.of()));

    private final MappingDefinition definition;
    private final GridLocator locator;
    private final Clock clock;

    private Mapper(MappingDefinition definition, GridLocator locator, Clock clock) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.locator = locator == null ? NO_REGISTER : locator;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A mapper for one connector.
     *
     * @param locator the city's grid register (see {@link GridRegisterFile}); null: no register, every address is
     *                flagged ADDRESS_NOT_IN_GRID
     * @param clock   what "today" is, for birth-date plausibility (China Standard Time)
     */
    public static Mapper of(MappingDefinition definition, GridLocator locator, Clock clock) {
        return new Mapper(definition, locator, clock);
    }

    /** A mapper on the system clock. */
    public static Mapper of(MappingDefinition definition, GridLocator locator) {
        return new Mapper(definition, locator, Clock.systemUTC());
    }

    public String connectorId() {
        return definition.connectorId();
    }

    /** Maps one raw record. Never throws: a defect is a rejection with MAPPING_FAILED. */
    public MappingResult map(RawRecord raw) {
        try {
            if (raw.getOperation() == Operation.DELETE) {
                return new MappingResult.Mapped(deletion(raw, List.of()));
            }
            String contentType = raw.getContentType() == null ? "" : raw.getContentType();
            if (!contentType.strip().toLowerCase(Locale.ROOT).startsWith(JSON_TYPE)) {
                return new MappingResult.Rejected(RejectReason.CONTENT_TYPE_UNSUPPORTED,
                        "the mapping reads application/json payloads only; the connector declared another"
                                + " content type");
            }
            JsonNode row;
            try {
                row = JSON.readTree(bytes(raw.getPayload()));
            } catch (IOException e) { // also bytes that are no UTF-8, -16 or -32
                return new MappingResult.Rejected(RejectReason.PAYLOAD_NOT_JSON, "the payload is not JSON"
                        + (e instanceof JsonProcessingException j ? at(j.getLocation()) : ""));
            }
            if (row == null || !row.isObject()) {
                return new MappingResult.Rejected(RejectReason.PAYLOAD_NOT_JSON,
                        "the payload is not a JSON object of source column to value");
            }
            if (softDeleted(row)) {
                return new MappingResult.Mapped(deletion(raw, List.of()));
            }
            return person(raw, row);
        } catch (RuntimeException e) {
            return new MappingResult.Rejected(RejectReason.MAPPING_FAILED, "unexpected " + e.getClass().getSimpleName()
                    + " while mapping; the record is kept for a replay once fixed");
        }
    }

    /** A withdrawal: the key with {@code deleted = true} and nothing else. */
    static SourcePerson deletion(RawRecord raw, List<String> flags) {
        return SourcePerson.newBuilder()
                .setConnector(raw.getConnector())
                .setSourceKey(raw.getSourceKey())
                .setDeleted(true)
                .setSourceTime(raw.getSourceTime())
                .setIngestTime(raw.getIngestTime())
                .setFlags(new ArrayList<>(flags))
                .build();
    }

    private boolean softDeleted(JsonNode row) {
        Optional<FieldSpec> deleted = definition.deleted();
        if (deleted.isEmpty()) {
            return false;
        }
        String value = deleted.get().text(row);
        if (value == null) {
            return false;
        }
        Set<String> equals = deleted.get().equalsValues();
        return equals.isEmpty() ? TRUTHY.contains(value.strip().toLowerCase(Locale.ROOT)) : equals.contains(value.strip());
    }

    private MappingResult person(RawRecord raw, JsonNode row) {
        Set<String> flags = new LinkedHashSet<>();
        List<MappingResult.Rejected> requiredFailures = new ArrayList<>(1);
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);

        IdNumber id = IdNumber.parse(text(SharedField.ID_NUMBER, row));
        if (definition.requires(SharedField.ID_NUMBER) && !id.isIdentity()) {
            if (id.status() == IdStatus.MISSING) {
                requiredFailures.add(missing(SharedField.ID_NUMBER));
            } else {
                try {
                    id.requireIdentity();
                } catch (StandardizeException e) {
                    requiredFailures.add(refused(SharedField.ID_NUMBER, e));
                }
            }
        }

        String nameStated = text(SharedField.NAME, row);
        String name = Names.standardize(nameStated);
        if (nameStated != null && name == null) {
            flags.add(Flag.NAME_UNREADABLE.code());
        }
        if (name == null && definition.requires(SharedField.NAME)) {
            requiredFailures.add(missing(SharedField.NAME));
        }

        Gender gender = gender(text(SharedField.GENDER, row), flags, requiredFailures);
        LocalDate birthDate = birthDate(row, today, flags, requiredFailures);
        flags.addAll(id.disagreementFlags(birthDate, gender));
        String ethnicity = ethnicity(text(SharedField.ETHNICITY, row), flags, requiredFailures);
        List<String> phones = phones(row, flags, requiredFailures);
        Address address = address(text(SharedField.ADDRESS, row), addressParts(row), flags, requiredFailures);
        List<Attribute> attributes = attributes(row, today, flags);

        if (name == null && id.status() == IdStatus.MISSING) {
            return new MappingResult.Rejected(RejectReason.MAPPING_NO_IDENTITY,
                    "the record states neither a name nor an ID number");
        }
        if (!requiredFailures.isEmpty()) {
            return requiredFailures.get(0);
        }
        return new MappingResult.Mapped(SourcePerson.newBuilder()
                .setConnector(raw.getConnector())
                .setSourceKey(raw.getSourceKey())
                .setDeleted(false)
                .setSourceTime(raw.getSourceTime())
                .setIngestTime(raw.getIngestTime())
                .setIdNumber(id.number())
                .setIdNumberStated(id.stated())
                .setIdStatus(id.status())
                .setName(name)
                .setNameStated(nameStated)
                .setNamePinyin(name == null ? null : Names.pinyinKey(name))
                .setGender(gender)
                .setBirthDate(birthDate)
                .setEthnicity(ethnicity)
                .setPhones(phones)
                .setAddress(address)
                .setAttributes(attributes)
                .setFlags(new ArrayList<>(flags))
                .build());
    }

    private String text(SharedField field, JsonNode row) {
        return definition.field(field).map(spec -> spec.text(row)).orElse(null);
    }

    private Gender gender(String stated, Set<String> flags, List<MappingResult.Rejected> failures) {
        if (stated == null) {
            if (definition.requires(SharedField.GENDER)) {
                failures.add(missing(SharedField.GENDER));
            }
            return Gender.UNKNOWN;
        }
        Gender symbol = DefinitionParser.genderSymbol(stated);
        if (symbol != null) {
            return symbol;
        }
        try {
            return Genders.parse(stated);
        } catch (StandardizeException e) {
            flagOrFail(SharedField.GENDER, e, Flag.GENDER_UNKNOWN_CODE, flags, failures);
            return Gender.UNKNOWN;
        }
    }

    private LocalDate birthDate(JsonNode row, LocalDate today, Set<String> flags,
            List<MappingResult.Rejected> failures) {
        Optional<FieldSpec> spec = definition.field(SharedField.BIRTH_DATE);
        String stated = spec.map(s -> s.text(row)).orElse(null);
        if (stated == null) {
            if (definition.requires(SharedField.BIRTH_DATE)) {
                failures.add(missing(SharedField.BIRTH_DATE));
            }
            return null;
        }
        try {
            // Not in the declared format: the automatic parser may still read it (departments mix formats).
            LocalDate date = spec.get().format() == null ? null : spec.get().format().parseOrNull(stated);
            if (date != null) {
                return Dates.checkBirthDate(date, today);
            }
            return Dates.parseBirthDate(stated, today, spec.get().twoDigitYears());
        } catch (StandardizeException e) {
            Flag flag = switch (e.reason()) {
                case DATE_IMPOSSIBLE -> Flag.BIRTH_DATE_IMPOSSIBLE;
                case DATE_OUT_OF_RANGE -> Flag.BIRTH_DATE_OUT_OF_RANGE;
                default -> Flag.BIRTH_DATE_UNPARSEABLE;
            };
            flagOrFail(SharedField.BIRTH_DATE, e, flag, flags, failures);
            return null;
        }
    }

    private String ethnicity(String stated, Set<String> flags, List<MappingResult.Rejected> failures) {
        if (stated == null) {
            if (definition.requires(SharedField.ETHNICITY)) {
                failures.add(missing(SharedField.ETHNICITY));
            }
            return null;
        }
        try {
            return Ethnicities.code(stated);
        } catch (StandardizeException e) {
            flagOrFail(SharedField.ETHNICITY, e, Flag.ETHNICITY_UNKNOWN, flags, failures);
            return null;
        }
    }

    private List<String> phones(JsonNode row, Set<String> flags, List<MappingResult.Rejected> failures) {
        Set<String> phones = new LinkedHashSet<>();
        int malformed = 0;
        for (FieldSpec spec : definition.phones()) {
            for (String value : spec.values(row)) {
                Phones.Parsed parsed = Phones.parseAll(value, spec.areaCode());
                phones.addAll(parsed.phones());
                malformed += parsed.malformed();
            }
        }
        if (malformed > 0) {
            flags.add(Flag.PHONE_MALFORMED.code());
        }
        if (phones.isEmpty() && definition.requires(SharedField.PHONES)) {
            failures.add(malformed > 0
                    ? new MappingResult.Rejected(StandardizeException.Reason.PHONE_MALFORMED.name(),
                            "required field phones: no stated phone is a mobile or a landline")
                    : missing(SharedField.PHONES));
        }
        return new ArrayList<>(phones);
    }

    private Addresses.Parts addressParts(JsonNode row) {
        Map<String, FieldSpec> parts = definition.addressParts();
        if (parts.isEmpty()) {
            return Addresses.Parts.NONE;
        }
        Function<String, String> part = name -> parts.containsKey(name) ? parts.get(name).text(row) : null;
        return new Addresses.Parts(part.apply("community"), part.apply("estate"), part.apply("building"), part.apply("unit"),
                part.apply("room"));
    }

    private Address address(String stated, Addresses.Parts parts, Set<String> flags, List<MappingResult.Rejected> failures) {
        Address parsed = Addresses.parse(stated, parts);
        if (parsed == null) {
            if (definition.requires(SharedField.ADDRESS)) {
                failures.add(missing(SharedField.ADDRESS));
            }
            return null;
        }
        Address placed = locator.place(parsed);
        GridRef grid = placed.getGrid();
        if (grid == null) {
            flags.add(Flag.ADDRESS_NOT_IN_GRID.code());
        } else if (grid.getGrid() == null) {
            flags.add(Flag.ADDRESS_GRID_COMMUNITY_ONLY.code());
        }
        return placed;
    }

    private List<Attribute> attributes(JsonNode row, LocalDate today, Set<String> flags) {
        List<Attribute> attributes = new ArrayList<>(definition.attributes().size());
        for (AttributeSpec spec : definition.attributes()) {
            String stated = spec.field().text(row);
            if (stated == null) {
                continue;
            }
            String value = canonical(spec, stated.strip());
            if (value == null) {
                flags.add(Flag.ATTRIBUTE_INVALID.code());
                continue;
            }
            attributes.add(new Attribute(spec.name(), spec.type(), value, spec.group()));
        }
        return attributes;
    }

    /** An attribute value in its type's canonical text, or null when it is not of that type. */
    private static String canonical(AttributeSpec spec, String value) {
        try {
            return switch (spec.type()) {
                case STRING -> value;
                case INTEGER -> new BigInteger(value.startsWith("+") ? value.substring(1) : value).toString();
                case DECIMAL -> new BigDecimal(value).toPlainString();
                case BOOLEAN -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    yield TRUTHY.contains(v) ? "true" : FALSY.contains(v) ? "false" : null;
                }
                case DATE -> date(spec.field(), value).toString();
            };
        } catch (NumberFormatException | StandardizeException e) {
            return null;
        }
    }

    private static LocalDate date(FieldSpec spec, String value) {
        LocalDate date = spec.format() == null ? null : spec.format().parseOrNull(value);
        if (date != null) {
            return date;
        }
        date = Dates.parse(value);
        if (date == null) {
            throw new StandardizeException(StandardizeException.Reason.DATE_UNPARSEABLE, "blank date");
        }
        return date;
    }

    private void flagOrFail(SharedField field, StandardizeException e, Flag flag, Set<String> flags,
            List<MappingResult.Rejected> failures) {
        flags.add(flag.code());
        if (definition.requires(field)) {
            failures.add(refused(field, e));
        }
    }

    private static MappingResult.Rejected missing(SharedField field) {
        return new MappingResult.Rejected(RejectReason.MAPPING_MISSING_FIELD,
                "required field " + field.key() + " is not stated");
    }

    private static MappingResult.Rejected refused(SharedField field, StandardizeException e) {
        return new MappingResult.Rejected(e.reasonCode(), "required field " + field.key() + ": " + e.getMessage());
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }
}
