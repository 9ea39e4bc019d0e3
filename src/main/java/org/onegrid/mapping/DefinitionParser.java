package org.onegrid.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.onegrid.config.ConfigProblem;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.Gender;
import org.onegrid.standardize.Ethnicities;
import org.onegrid.standardize.Genders;
import org.onegrid.standardize.StandardizeException;

/** Reads a mapping block into a {@link MappingDefinition}, collecting every problem on the way. */
final class DefinitionParser {

    static final String DOCS = "docs/mapping.md";
    static final String ATTRIBUTES = "attributes";
    static final String DELETED = "deleted";
    static final String REQUIRE = "require";
    static final String GB2261 = "gb2261";
    static final String GB3304 = "gb3304";
    static final String PARTS = "parts";
    /** The address parts a mapping may state on their own, as {@code Addresses.Parts} names them. */
    static final List<String> ADDRESS_PARTS = List.of("community", "estate", "building", "unit", "room");

    private static final List<String> COMMON = List.of("from", "value", "default", "join", "transforms", "codes");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern AREA_CODE = Pattern.compile("0?(?:10|2\\d|[3-9]\\d{2})");
    private static final Set<String> TOP_LEVEL = new LinkedHashSet<>();

    static {
        TOP_LEVEL.addAll(SharedField.keys());
        TOP_LEVEL.addAll(List.of(ATTRIBUTES, DELETED, REQUIRE));
    }

    private final String connectorId;
    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    DefinitionParser(String connectorId, String file) {
        this.connectorId = connectorId;
        this.file = file;
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    MappingDefinition parse(JsonNode mapping) {
        Map<SharedField, FieldSpec> fields = new EnumMap<>(SharedField.class);
        Map<String, FieldSpec> addressParts = new LinkedHashMap<>();
        List<FieldSpec> phones = new ArrayList<>();
        List<AttributeSpec> attributes = new ArrayList<>();
        FieldSpec deleted = null;
        Set<SharedField> required = EnumSet.noneOf(SharedField.class);
        if (mapping == null || mapping.isNull() || mapping.isMissingNode()) {
            problem("", "the connector has no mapping.", "add a mapping: block that maps at least name or idNumber; "
                    + DOCS + " shows the syntax.");
            return new MappingDefinition(connectorId, file, fields, addressParts, phones, attributes, null, required);
        }
        if (!mapping.isObject()) {
            problem("", "the mapping must be a block of shared field: source column.",
                    "write one line per shared field, e.g. name: XM; " + DOCS + " shows the syntax.");
            return new MappingDefinition(connectorId, file, fields, addressParts, phones, attributes, null, required);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode node = entry.getValue();
            var shared = SharedField.byKey(key);
            if (shared.isPresent()) {
                if (shared.get() == SharedField.PHONES) {
                    phones.addAll(phones(node));
                } else {
                    FieldSpec spec = field(key, node, extraKeys(shared.get()), shared.get());
                    if (spec != null) {
                        fields.put(shared.get(), spec);
                    }
                    if (shared.get() == SharedField.ADDRESS && node.has(PARTS)) {
                        addressParts.putAll(addressParts(node.get(PARTS)));
                    }
                }
            } else if (key.equals(ATTRIBUTES)) {
                attributes.addAll(attributes(node));
            } else if (key.equals(DELETED)) {
                deleted = field(key, node, List.of("equals"), null);
            } else if (key.equals(REQUIRE)) {
                required.addAll(required(node));
            } else {
                unknownTopLevel(key);
            }
        }
        if (!fields.containsKey(SharedField.NAME) && !fields.containsKey(SharedField.ID_NUMBER)) {
            problem("", "the mapping maps neither name nor idNumber, so every record would be rejected"
                    + " (MAPPING_NO_IDENTITY).", "map the source's name column (name: ...) or ID number column"
                    + " (idNumber: ...), or both.");
        }
        for (SharedField field : required) {
            boolean mapped = field == SharedField.PHONES ? !phones.isEmpty() : fields.containsKey(field);
            if (!mapped) {
                problem(REQUIRE, "requires " + field.key() + ", which the mapping does not map, so every record"
                        + " would be rejected.", "map " + field.key() + ", or remove it from require.");
            }
        }
        return new MappingDefinition(connectorId, file, fields, addressParts, phones, attributes, deleted, required);
    }

    private static List<String> extraKeys(SharedField field) {
        return switch (field) {
            case BIRTH_DATE -> List.of("format", "twoDigitYears");
            case PHONES -> List.of("split", "areaCode");
            case ADDRESS -> List.of(PARTS);
            default -> List.of();
        };
    }

    private void unknownTopLevel(String key) {
        for (String[] derived : SharedField.DERIVED) {
            if (derived[0].equals(key)) {
                problem(key, key + " cannot be mapped: " + derived[1] + ".", "remove it.");
                return;
            }
        }
        String near = Suggestions.nearest(key, TOP_LEVEL);
        problem(key, "unknown shared field.", (near != null ? "did you mean " + near + "? " : "")
                + "The keys are " + String.join(", ", TOP_LEVEL) + "; department-specific values go under "
                + ATTRIBUTES + " (" + DOCS + ").");
    }

    private List<FieldSpec> phones(JsonNode node) {
        List<FieldSpec> specs = new ArrayList<>();
        List<String> extra = extraKeys(SharedField.PHONES);
        if (node.isArray()) {
            if (node.isEmpty()) {
                problem("phones", "the list of phone columns is empty.", "list at least one column, or remove phones.");
            }
            for (int i = 0; i < node.size(); i++) {
                FieldSpec spec = field("phones[" + i + "]", node.get(i), extra, SharedField.PHONES);
                if (spec != null) {
                    specs.add(spec);
                }
            }
        } else {
            FieldSpec spec = field("phones", node, extra, SharedField.PHONES);
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /** {@code address.parts}: part name → its field, each a column or a block as any other field. */
    private Map<String, FieldSpec> addressParts(JsonNode node) {
        String key = SharedField.ADDRESS.key() + "." + PARTS;
        Map<String, FieldSpec> parts = new LinkedHashMap<>();
        if (!node.isObject() || node.isEmpty()) {
            problem(key, "must be a block of address part: source column.",
                    "write e.g. parts: { estate: XQMC, building: LH }; the parts are " + String.join(", ", ADDRESS_PARTS) + ".");
            return parts;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String part = entry.getKey();
            if (!ADDRESS_PARTS.contains(part)) {
                String near = Suggestions.nearest(part, ADDRESS_PARTS);
                problem(key + "." + part, "unknown address part.", (near != null ? "did you mean " + near + "? " : "")
                        + "The parts are " + String.join(", ", ADDRESS_PARTS) + ".");
                continue;
            }
            FieldSpec spec = field(key + "." + part, entry.getValue(), List.of(), null);
            if (spec != null) {
                parts.put(part, spec);
            }
        }
        return parts;
    }

    private List<AttributeSpec> attributes(JsonNode node) {
        List<AttributeSpec> specs = new ArrayList<>();
        if (!node.isObject()) {
            problem(ATTRIBUTES, "must be a block of attribute name: source column.",
                    "write e.g. attributes: { party_branch: { from: 所在支部, group: party } }.");
            return specs;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String key = ATTRIBUTES + "." + name;
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                problem(key, "an attribute name must be lower-case letters, digits and underscores, starting with a"
                        + " letter (it is a field name for consumers and policies).", "rename it, e.g. "
                        + "party_branch.");
            }
            AttributeType type = AttributeType.STRING;
            String group = "general";
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                JsonNode t = value.get("type");
                if (t != null) {
                    try {
                        type = AttributeType.valueOf(t.asText().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problem(key + ".type", "unknown attribute type.", "use one of "
                                + Arrays.toString(AttributeType.values()) + ".");
                    }
                }
                JsonNode g = value.get("group");
                if (g != null) {
                    if (!g.isTextual() || !ATTRIBUTE_NAME.matcher(g.asText()).matches()) {
                        problem(key + ".group", "a group must be a lower-case word such as health, subsidy, party"
                                + " or general.", "write e.g. group: health.");
                    } else {
                        group = g.asText();
                    }
                }
                if (value.has("format") && type != AttributeType.DATE) {
                    problem(key + ".format", "format applies to DATE attributes only.",
                            "add type: DATE, or remove format.");
                }
            }
            FieldSpec spec = field(key, value, List.of("type", "group", "format"), null);
            if (spec != null) {
                specs.add(new AttributeSpec(name, spec, type, group));
            }
        }
        return specs;
    }

    private Set<SharedField> required(JsonNode node) {
        Set<SharedField> required = EnumSet.noneOf(SharedField.class);
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode item : items) {
            var field = item.isTextual() ? SharedField.byKey(item.asText()) : java.util.Optional.<SharedField>empty();
            if (field.isPresent()) {
                required.add(field.get());
            } else {
                String near = item.isTextual() ? Suggestions.nearest(item.asText(), SharedField.keys()) : null;
                problem(REQUIRE, "require lists shared fields; " + item.asText() + " is not one.",
                        (near != null ? "did you mean " + near + "? " : "") + "Use some of "
                                + String.join(", ", SharedField.keys()) + ".");
            }
        }
        return required;
    }

    /**
     * One target's spec: a column name, or a block of {@code from}/{@code value} and options.
     *
     * @param extra  the keys this target accepts beyond the common ones
     * @param shared the shared field, for code-table checks; null for attributes and the delete marker
     */
    private FieldSpec field(String key, JsonNode node, List<String> extra, SharedField shared) {
        if (node.isTextual()) {
            if (node.asText().isBlank()) {
                problem(key, "the source column is empty.", "name the source column, e.g. " + key + ": XM.");
                return null;
            }
            return new FieldSpec(key, List.of(node.asText()), null, null, "", List.of(), Map.of(), null, null,
                    false, null, Set.of());
        }
        if (!node.isObject()) {
            problem(key, "expected a source column name or a block such as { from: XM }.",
                    "write " + key + ": COLUMN, or " + key + ": { from: COLUMN, ... } (" + DOCS + ").");
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>(COMMON);
        allowed.addAll(extra);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String near = Suggestions.nearest(name, allowed);
                problem(key + "." + name, "unknown key.", (near != null ? "did you mean " + near + "? " : "")
                        + "Here the keys are " + String.join(", ", allowed) + ".");
            }
        }
        List<String> from = columns(key, node.get("from"));
        String constant = scalar(key + ".value", node.get("value"));
        if (from.isEmpty() && constant == null && node.get("from") == null) {
            problem(key, "says neither which source column to read (from) nor a fixed value (value).",
                    "add from: COLUMN (or a list of columns to concatenate).");
        }
        if (!from.isEmpty() && constant != null) {
            problem(key + ".value", "a fixed value and source columns exclude each other.",
                    "remove value, or remove from.");
        }
        String defaultValue = scalar(key + ".default", node.get("default"));
        String join = node.has("join") ? scalar(key + ".join", node.get("join")) : "";
        List<Transform> transforms = transforms(key + ".transforms", node.get("transforms"));
        Map<String, String> codes = codes(key + ".codes", node.get("codes"), shared);
        String split = node.has("split") ? scalar(key + ".split", node.get("split")) : null;
        if (split != null && split.isEmpty()) {
            problem(key + ".split", "the separator is empty.", "give the separator, e.g. split: \",\".");
            split = null;
        }
        DateFormat format = format(key + ".format", node.get("format"));
        boolean twoDigitYears = bool(key + ".twoDigitYears", node.get("twoDigitYears"));
        String areaCode = areaCode(key + ".areaCode", node.get("areaCode"));
        Set<String> equalsValues = new HashSet<>();
        JsonNode equals = node.get("equals");
        if (equals != null) {
            if (equals.isArray()) {
                equals.forEach(e -> equalsValues.add(e.asText()));
            } else if (equals.isValueNode()) {
                equalsValues.add(equals.asText());
            } else {
                problem(key + ".equals", "expected a value or a list of values.", "write e.g. equals: \"1\".");
            }
        }
        return new FieldSpec(key, from, constant, defaultValue, join == null ? "" : join, transforms, codes,
                split, format, twoDigitYears, areaCode, equalsValues);
    }

    private List<String> columns(String key, JsonNode from) {
        List<String> columns = new ArrayList<>();
        if (from == null) {
            return columns;
        }
        if (from.isTextual() && !from.asText().isBlank()) {
            columns.add(from.asText());
        } else if (from.isArray() && !from.isEmpty()) {
            for (JsonNode c : from) {
                if (c.isTextual() && !c.asText().isBlank()) {
                    columns.add(c.asText());
                } else {
                    problem(key + ".from", "every entry must be a source column name.",
                            "write from: [COLUMN_A, COLUMN_B].");
                }
            }
        } else {
            problem(key + ".from", "expected a source column name or a list of them.",
                    "write from: COLUMN, or from: [COLUMN_A, COLUMN_B] to concatenate.");
        }
        return columns;
    }

    private String scalar(String key, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            problem(key, "expected a single value.", "write a text or a number.");
            return null;
        }
        return node.asText();
    }

    private boolean bool(String key, JsonNode node) {
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            problem(key, "expected true or false.", "write " + key.substring(key.lastIndexOf('.') + 1) + ": true.");
            return false;
        }
        return node.asBoolean();
    }

    private String areaCode(String key, JsonNode node) {
        String code = scalar(key, node);
        if (code != null && !AREA_CODE.matcher(code.strip()).matches()) {
            problem(key, "not a Chinese area code.", "write the city's area code with its leading 0,"
                    + " quoted, e.g. areaCode: \"0790\".");
            return null;
        }
        return code == null ? null : code.strip().startsWith("0") ? code.strip() : "0" + code.strip();
    }

    private DateFormat format(String key, JsonNode node) {
        String pattern = scalar(key, node);
        if (pattern == null || pattern.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return DateFormat.of(pattern);
        } catch (IllegalArgumentException e) {
            problem(key, "not a date pattern.", "use auto, epochDays, epochMillis, or a pattern of"
                    + " java.time.format.DateTimeFormatter such as yyyyMMdd or dd/MM/yyyy.");
            return null;
        }
    }

    private List<Transform> transforms(String key, JsonNode node) {
        List<Transform> transforms = new ArrayList<>();
        if (node == null) {
            return transforms;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = node.isArray() ? key + "[" + i + "]" : key;
            if (item.isTextual()) {
                Transform t = Transform.SIMPLE.get(item.asText());
                if (t != null) {
                    transforms.add(t);
                } else if (Transform.WITH_ARGUMENT.contains(item.asText())) {
                    problem(at, "transform " + item.asText() + " needs an argument.",
                            "write it as { " + item.asText() + ": ... } (" + DOCS + ").");
                } else {
                    unknownTransform(at, item.asText());
                }
            } else if (item.isObject() && item.size() == 1) {
                String name = item.fieldNames().next();
                Transform t = transformWithArgument(at + "." + name, name, item.get(name));
                if (t != null) {
                    transforms.add(t);
                }
            } else {
                problem(at, "a transform is a name (trim) or one name with its argument ({ prefix: 江西省 }).",
                        "write transforms: [trim, halfwidth].");
            }
        }
        return transforms;
    }

    private Transform transformWithArgument(String key, String name, JsonNode arg) {
        switch (name) {
            case "prefix", "suffix" -> {
                String text = scalar(key, arg);
                if (text == null) {
                    return null;
                }
                return name.equals("prefix") ? Transform.prefix(text) : Transform.suffix(text);
            }
            case "replace" -> {
                if (arg == null || !arg.isObject() || !arg.has("pattern")) {
                    problem(key, "replace needs a pattern and what to put instead.",
                            "write { replace: { pattern: \"^0+\", with: \"\" } }.");
                    return null;
                }
                for (Iterator<String> it = arg.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!k.equals("pattern") && !k.equals("with")) {
                        problem(key + "." + k, "unknown key.", "replace takes pattern and with.");
                    }
                }
                try {
                    Pattern pattern = Pattern.compile(arg.get("pattern").asText());
                    String with = arg.has("with") ? arg.get("with").asText() : "";
                    pattern.matcher("").replaceAll(with); // a bad group reference fails here, not on data
                    return Transform.replace(pattern, with);
                } catch (PatternSyntaxException e) {
                    problem(key + ".pattern", "not a regular expression: " + e.getDescription() + ".",
                            "write a java.util.regex pattern.");
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    problem(key + ".with", "refers to a group the pattern does not have.",
                            "use $1 only when the pattern has a group in parentheses.");
                }
                return null;
            }
            case "nullIf" -> {
                Set<String> placeholders = new HashSet<>();
                if (arg != null && arg.isArray()) {
                    arg.forEach(a -> placeholders.add(a.asText()));
                } else if (arg != null && arg.isValueNode()) {
                    placeholders.add(arg.asText());
                } else {
                    problem(key, "nullIf needs the placeholder values.", "write { nullIf: [无, \"-\", \"/\"] }.");
                    return null;
                }
                return Transform.nullIf(placeholders);
            }
            default -> {
                if (Transform.SIMPLE.containsKey(name)) {
                    problem(key, "transform " + name + " takes no argument.", "write it as a plain name: " + name + ".");
                } else {
                    unknownTransform(key, name);
                }
                return null;
            }
        }
    }

    private void unknownTransform(String key, String name) {
        Set<String> names = new TreeSet<>(Transform.SIMPLE.keySet());
        names.addAll(Transform.WITH_ARGUMENT);
        String near = Suggestions.nearest(name, names);
        problem(key, "unknown transform " + name + ".", (near != null ? "did you mean " + near + "? " : "")
                + "The transforms are " + String.join(", ", Transform.NAMES) + ".");
    }

    private Map<String, String> codes(String key, JsonNode node, SharedField shared) {
        if (node == null) {
            return Map.of();
        }
        if (node.isTextual()) {
            String named = node.asText();
            boolean known = (shared == SharedField.GENDER && named.equalsIgnoreCase(GB2261))
                    || (shared == SharedField.ETHNICITY && named.equalsIgnoreCase(GB3304));
            if (!known) {
                problem(key, "unknown code table " + named + " here.", "the named tables are " + GB2261
                        + " (gender) and " + GB3304 + " (ethnicity); elsewhere write the table out, e.g. codes: {"
                        + " \"1\": 低保, \"2\": 特困 }.");
            }
            return Map.of(); // a named table is what the standardizer reads anyway
        }
        if (!node.isObject() || node.isEmpty()) {
            problem(key, "expected a named code table or a table of source value: value.",
                    "write e.g. codes: { \"1\": MALE, \"2\": FEMALE }.");
            return Map.of();
        }
        Map<String, String> table = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String target = scalar(key + "." + e.getKey(), e.getValue());
            if (target == null) {
                continue;
            }
            if (shared == SharedField.GENDER && !isGender(target)) {
                problem(key + "." + e.getKey(), "not a gender.", "map to MALE, FEMALE, UNKNOWN or UNSPECIFIED.");
            } else if (shared == SharedField.ETHNICITY && !isEthnicity(target)) {
                problem(key + "." + e.getKey(), "not a GB 3304 ethnicity.",
                        "map to a two-digit GB 3304 code (01 = 汉族) or an ethnicity's name.");
            }
            table.put(e.getKey().strip(), target);
        }
        return table;
    }

    static boolean isGender(String value) {
        if (genderSymbol(value) != null) {
            return true;
        }
        try {
            Genders.parse(value);
            return true;
        } catch (StandardizeException e) {
            return false;
        }
    }

    /** The Gender enum symbol a code-table target names, or null. */
    static Gender genderSymbol(String value) {
        for (Gender g : Gender.values()) {
            if (g.name().equalsIgnoreCase(value.strip())) {
                return g;
            }
        }
        return null;
    }

    private static boolean isEthnicity(String value) {
        try {
            return Ethnicities.code(value) != null;
        } catch (StandardizeException e) {
            return false;
        }
    }

    private void problem(String key, String message, String fix) {
        problems.add(new ConfigProblem(MappingDefinition.where(file, key), message, fix));
    }
}
