package org.onegrid.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.PersonView;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.ViewAddress;

/**
 * A {@link PersonView} as plain JSON: the same fields and names as the Avro record, dates as ISO-8601 text, a dropped
 * or unknown field as null. What a JSON view topic carries and what the query API answers, so the two never differ.
 */
public final class ViewJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ViewJson() {}

    /** The view as a JSON object (ordered as the schema). */
    public static Map<String, Object> toMap(PersonView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("personId", view.getPersonId());
        json.put("subscriber", view.getSubscriber());
        json.put("version", view.getVersion());
        json.put("updatedAt", view.getUpdatedAt().toString());
        json.put("idNumber", view.getIdNumber());
        json.put("name", view.getName());
        json.put("gender", view.getGender());
        json.put("birthDate", view.getBirthDate() == null ? null : view.getBirthDate().toString());
        json.put("birthYear", view.getBirthYear());
        json.put("ethnicity", view.getEthnicity());
        json.put("phones", List.copyOf(view.getPhones()));
        json.put("address", address(view.getAddress()));
        json.put("grid", grid(view.getGrid()));
        json.put("attributes", view.getAttributes().stream().map(ViewJson::attribute).toList());
        json.put("sources", view.getSources().stream().map(ViewJson::provenance).toList());
        json.put("masked", List.copyOf(view.getMasked()));
        return json;
    }

    /** UTF-8 JSON text values (null stays null: a tombstone). */
    static Serde<PersonView> serde() {
        return Serdes.serdeFrom((topic, view) -> view == null ? null : bytes(view), (topic, bytes) -> {
            throw new UnsupportedOperationException("JSON views are written, never read back by OneGrid");
        });
    }

    static byte[] bytes(PersonView view) {
        try {
            return JSON.writeValueAsString(toMap(view)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new SerializationException("a view could not be written as JSON", e);
        }
    }

    private static Map<String, Object> address(ViewAddress address) {
        if (address == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", address.getText());
        json.put("community", address.getCommunity());
        json.put("estate", address.getEstate());
        json.put("building", address.getBuilding());
        json.put("unit", address.getUnit());
        json.put("room", address.getRoom());
        return json;
    }

    private static Map<String, Object> grid(GridRef grid) {
        if (grid == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("district", grid.getDistrict());
        json.put("street", grid.getStreet());
        json.put("community", grid.getCommunity());
        json.put("grid", grid.getGrid());
        return json;
    }

    private static Map<String, Object> attribute(Attribute attribute) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", attribute.getName());
        json.put("type", attribute.getType().name());
        json.put("value", attribute.getValue());
        json.put("group", attribute.getGroup());
        return json;
    }

    private static Map<String, Object> provenance(Provenance provenance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("connector", provenance.getConnector());
        json.put("sourceKey", provenance.getSourceKey());
        json.put("sourceTime", provenance.getSourceTime() == null ? null : provenance.getSourceTime().toString());
        return json;
    }
}
