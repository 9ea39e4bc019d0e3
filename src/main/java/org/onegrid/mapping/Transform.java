package org.onegrid.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One step of a field's transform chain, applied to each source value before the standardizers see it. Returns null
 * when nothing is left. These only shape source text (clean-up a department needs before its values mean anything);
 * what a value means is the standardizers' job.
 */
@FunctionalInterface
interface Transform {

    /** Transforms without an argument, by name. */
    Map<String, Transform> SIMPLE = Map.of(
            "trim", String::strip,
            "upper", s -> s.toUpperCase(Locale.ROOT),
            "lower", s -> s.toLowerCase(Locale.ROOT),
            "halfwidth", Transform::halfWidth,
            "nospace", s -> s.replaceAll("[\\s\\u3000\\u00A0\\u200B]+", ""),
            "digits", s -> s.replaceAll("\\D+", ""));

    /** Transforms with an argument: {@code {name: argument}}. */
    Set<String> WITH_ARGUMENT = Set.of("prefix", "suffix", "replace", "nullIf");

    /** Every transform name, for messages. */
    List<String> NAMES = List.of("trim", "upper", "lower", "halfwidth", "nospace", "digits",
            "{prefix: text}", "{suffix: text}", "{replace: {pattern: regex, with: text}}", "{nullIf: [values]}");

    String apply(String value);

    static Transform prefix(String text) {
        return s -> text + s;
    }

    static Transform suffix(String text) {
        return s -> s + text;
    }

    static Transform replace(Pattern pattern, String replacement) {
        return s -> pattern.matcher(s).replaceAll(replacement);
    }

    /** Placeholders departments write for "nothing" (无, /, -) become nothing. */
    static Transform nullIf(Set<String> placeholders) {
        return s -> placeholders.contains(s.strip()) ? null : s;
    }

    /** Full-width ASCII forms and the ideographic space to their half-width counterparts. */
    private static String halfWidth(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                out.append((char) (c - 0xFEE0));
            } else if (c == '\u3000') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
