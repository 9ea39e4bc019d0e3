package org.onegrid.security;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one subscriber may see of a person: an action per golden field, per attribute group and per attribute.
 * Anything not named is dropped. An attribute is governed by its own name first, then by its group, then by the
 * wildcard group {@code "*"}, which never reaches a sensitive group: health conditions, key-person flags and subsidy
 * status are shown only when the policy names their group or the attribute itself.
 *
 * @param fields action per golden field; absent means drop
 * @param groups action per attribute group, and {@code "*"} for every non-sensitive group not named
 * @param attributes action per attribute name, before its group's
 * @param sensitiveGroups groups the wildcard never grants
 */
public record FieldPolicy(Map<PolicyField, FieldAction> fields, Map<String, FieldAction> groups,
                          Map<String, FieldAction> attributes, Set<String> sensitiveGroups) {

    public static final String ANY_GROUP = "*";

    public FieldPolicy {
        fields = fields.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(fields));
        groups = Map.copyOf(groups);
        attributes = Map.copyOf(attributes);
        sensitiveGroups = Set.copyOf(sensitiveGroups);
    }

    public FieldAction action(PolicyField field) {
        return fields.getOrDefault(field, FieldAction.DROP);
    }

    /** The action for one department attribute; never MASK (refused when the policy is read). */
    public FieldAction attributeAction(String name, String group) {
        FieldAction byName = attributes.get(name);
        if (byName != null) {
            return byName;
        }
        FieldAction byGroup = groups.get(group);
        if (byGroup != null) {
            return byGroup;
        }
        if (!sensitiveGroups.contains(group)) {
            return groups.getOrDefault(ANY_GROUP, FieldAction.DROP);
        }
        return FieldAction.DROP;
    }

    /** True when the policy lets nothing through but person ids: such a view is a mistake. */
    boolean showsNothing() {
        return fields.values().stream().allMatch(a -> a == FieldAction.DROP)
                && groups.values().stream().allMatch(a -> a == FieldAction.DROP)
                && attributes.values().stream().allMatch(a -> a == FieldAction.DROP);
    }

    /** A compact description for the start-up log: actions only, never values. */
    String describe() {
        Map<String, String> shown = new TreeMap<>();
        fields.forEach((field, action) -> shown.put(field.key(), action.key()));
        groups.forEach((group, action) -> shown.put("group " + group, action.key()));
        attributes.forEach((name, action) -> shown.put("attribute " + name, action.key()));
        return shown.toString();
    }
}
