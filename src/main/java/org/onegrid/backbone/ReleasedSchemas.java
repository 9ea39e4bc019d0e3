package org.onegrid.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The frozen schema versions under {@code schemas/released/<version>/}, one self-contained file per top-level
 * record. They never change once released; the current schemas must read what they wrote.
 */
public final class ReleasedSchemas {

    static final String LOCATION = "classpath*:schemas/released/*/*.avsc";
    private static volatile Map<String, List<Schema>> byName;

    private ReleasedSchemas() {}

    /** Every released version of the record with this full name, oldest first. */
    public static List<Schema> versionsOf(String fullName) {
        return all().getOrDefault(fullName, List.of());
    }

    /** All released schemas by record full name. */
    public static Map<String, List<Schema>> all() {
        Map<String, List<Schema>> loaded = byName;
        if (loaded == null) {
            loaded = load();
            byName = loaded;
        }
        return loaded;
    }

    private static Map<String, List<Schema>> load() {
        Map<String, List<Schema>> schemas = new HashMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            java.util.Arrays.sort(resources, java.util.Comparator.comparing(r -> String.valueOf(r.getDescription())));
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    Schema schema = new Schema.Parser().parse(in);
                    schemas.computeIfAbsent(schema.getFullName(), n -> new ArrayList<>()).add(schema);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the released schemas", e);
        }
        return Map.copyOf(schemas);
    }
}
