package org.onegrid.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one target (a shared field, an attribute, the soft-delete marker) takes its value from a source row. Values
 * flow: columns (arrays give one value per element) → transforms, in order → split → blanks dropped → default when
 * nothing is left → code table. A single-valued target joins what is left with {@code join}.
 *
 * @param key           where it is declared, for messages: {@code name}, {@code attributes.party_branch}
 * @param from          source columns, in order; empty when {@code constant} is set
 * @param constant      a fixed value instead of columns, or null
 * @param defaultValue  the value when the columns give nothing, or null
 * @param join          separator when several values make one
 * @param transforms    applied to each value, in order
 * @param codes         explicit code table: source value → target value; values not in it pass through
 * @param split         separator that splits one value into several (phones), or null
 * @param format        declared date format (dates), or null for the automatic parser only
 * @param twoDigitYears whether a birth date may have a two-digit year
 * @param areaCode      area code for phones stated without one, or null
 * @param equalsValues  values meaning "deleted" (soft delete); empty: the usual yes/true/1
 */
record FieldSpec(String key, List<String> from, String constant, String defaultValue, String join,
                 List<Transform> transforms, Map<String, String> codes, String split, DateFormat format,
                 boolean twoDigitYears, String areaCode, Set<String> equalsValues) {

    FieldSpec {
        from = List.copyOf(from);
        transforms = List.copyOf(transforms);
        codes = Map.copyOf(codes);
        equalsValues = Set.copyOf(equalsValues);
    }

    /** Every value of this target in the row, after the whole chain. */
    List<String> values(JsonNode row) {
        List<String> raw = new ArrayList<>(2);
        if (constant != null) {
            raw.add(constant);
        } else {
            for (String column : from) {
                collect(row.get(column), raw);
            }
        }
        List<String> out = new ArrayList<>(raw.size());
        for (String value : raw) {
            String v = value;
            for (Transform t : transforms) {
                v = t.apply(v);
                if (v == null) {
                    break;
                }
            }
            if (v == null) {
                continue;
            }
            if (split != null) {
                for (String part : v.split(Pattern.quote(split), -1)) {
                    addIfNotBlank(part, out);
                }
            } else {
                addIfNotBlank(v, out);
            }
        }
        if (out.isEmpty() && defaultValue != null) {
            out.add(defaultValue);
        }
        if (!codes.isEmpty()) {
            out.replaceAll(v -> codes.getOrDefault(v.strip(), v));
        }
        return out;
    }

    /** The value of a single-valued target: its values joined, or null when there are none. */
    String text(JsonNode row) {
        List<String> values = values(row);
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(join, values);
    }

    private static void addIfNotBlank(String v, List<String> out) {
        if (!v.isBlank() && !v.chars().allMatch(c -> c == '\u3000' || Character.isWhitespace(c))) {
            out.add(v);
        }
    }

    /** A JSON value as text: strings as they are, numbers and booleans in their JSON form, arrays element-wise. */
    private static void collect(JsonNode node, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, out));
        } else if (node.isValueNode()) {
            out.add(node.asText());
        } else {
            out.add(node.toString());
        }
    }
}
