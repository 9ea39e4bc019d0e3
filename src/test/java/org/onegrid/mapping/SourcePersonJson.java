package org.onegrid.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.onegrid.schema.SourcePerson;

/**
 * A SourcePerson as readable JSON for golden files: fields by name in schema order, dates and times in ISO form,
 * enums by symbol; null fields, empty lists and volatile fields (ingestTime) left out.
 */
final class SourcePersonJson {

    static final Set<String> VOLATILE = Set.of("ingestTime");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourcePersonJson() {
    }

    static ObjectNode of(SourcePerson person) {
        return record(person);
    }

    private static ObjectNode record(SpecificRecord record) {
        ObjectNode node = JSON.createObjectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (VOLATILE.contains(field.name())) {
                continue;
            }
            JsonNode value = value(record.get(field.pos()));
            if (value != null && !(value.isArray() && value.isEmpty())) {
                node.set(field.name(), value);
            }
        }
        return node;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof SpecificRecord r) {
            return record(r);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode array = JSON.createArrayNode();
            c.forEach(e -> array.add(value(e)));
            return array;
        }
        if (v instanceof Boolean b) {
            return JSON.getNodeFactory().booleanNode(b);
        }
        return JSON.getNodeFactory().textNode(v.toString());
    }
}
