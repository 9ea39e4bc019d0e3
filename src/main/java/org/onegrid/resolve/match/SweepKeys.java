package org.onegrid.resolve.match;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.onegrid.schema.SourcePerson;

/**
 * Keys for the cross-shard sweep: the blocking keys that do not contain the birth date, so that two records of one
 * person whose birth dates differ (one typed wrong, one missing) still share one although the shard key put them
 * apart. A phone ({@code ph:}), surname and building ({@code sb:}), the ID number without its birth-date window
 * ({@code idw2:}), an identifier attribute ({@code ox:}), a Latin name's sound and postcode ({@code sx:}).
 *
 * <p>Must never contain the birth date, or the sweep would miss exactly what it is for; must stay as small as the
 * blocking keys they are taken from.
 */
public final class SweepKeys {

    private static final List<String> KINDS = List.of("ph:", "sb:", "idw2:", "ox:", "sx:");

    private SweepKeys() {
    }

    public static Set<String> of(SourcePerson person) {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : BlockingKeys.of(person)) {
            if (KINDS.stream().anyMatch(key::startsWith)) {
                keys.add(key);
            }
        }
        return keys;
    }
}
