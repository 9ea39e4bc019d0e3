package org.onegrid.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeValue;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonView;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.TextValue;
import org.onegrid.security.PolicyField;
import org.onegrid.security.Subscriber;

/**
 * A golden person as one row of the "one grid, one table" page: the subscriber's view of each field (shown or masked
 * as its policy says; a dropped field is no column at all), and beside each value the department it came from.
 */
final class GridRows {

    /** The columns of the table, by policy field; attributes are one column after them. */
    private static final List<PolicyField> COLUMNS = List.of(PolicyField.NAME, PolicyField.ID_NUMBER, PolicyField.GENDER,
            PolicyField.BIRTH_DATE, PolicyField.ETHNICITY, PolicyField.PHONES, PolicyField.ADDRESS);

    private GridRows() {}

    /** The column keys this subscriber sees, in order. */
    static List<String> columns(Subscriber subscriber) {
        List<String> columns = new ArrayList<>();
        for (PolicyField field : COLUMNS) {
            if (subscriber.shows(field)) {
                columns.add(field.key());
            }
        }
        columns.add("attributes");
        return columns;
    }

    /**
     * The row, or empty when the person is not the subscriber's to see.
     *
     * @param department the department owning a connector, by connector id
     */
    static Optional<Map<String, Object>> row(Subscriber subscriber, GoldenPerson golden, Function<String, String> department) {
        Optional<PersonView> seen = subscriber.view(golden);
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        PersonView view = seen.get();
        Map<String, Object> cells = new LinkedHashMap<>();
        cell(cells, PolicyField.NAME, view.getName(), source(golden.getName()), department);
        cell(cells, PolicyField.ID_NUMBER, view.getIdNumber(), source(golden.getIdNumber()), department);
        cell(cells, PolicyField.GENDER, view.getGender(), source(golden.getGender()), department);
        Object birth = view.getBirthDate() != null ? view.getBirthDate().toString() : view.getBirthYear();
        cell(cells, PolicyField.BIRTH_DATE, birth, golden.getBirthDate() == null ? null : golden.getBirthDate().getProvenance(), department);
        cell(cells, PolicyField.ETHNICITY, view.getEthnicity(), source(golden.getEthnicity()), department);
        if (!view.getPhones().isEmpty()) {
            cell(cells, PolicyField.PHONES, String.join(", ", view.getPhones()),
                    golden.getPhones().isEmpty() ? null : golden.getPhones().get(0).getProvenance(), department);
        }
        if (view.getAddress() != null) {
            cell(cells, PolicyField.ADDRESS, view.getAddress().getText(),
                    golden.getAddress() == null ? null : golden.getAddress().getProvenance(), department);
        }
        List<Map<String, Object>> attributes = new ArrayList<>();
        for (Attribute attribute : view.getAttributes()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", attribute.getName());
            a.put("value", attribute.getValue());
            golden.getAttributes().stream()
                    .filter(v -> v.getValue().getName().equals(attribute.getName()) && v.getValue().getValue().equals(attribute.getValue()))
                    .map(AttributeValue::getProvenance).findFirst()
                    .ifPresent(p -> a.put("department", department.apply(p.getConnector())));
            attributes.add(a);
        }
        cells.put("attributes", attributes);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("personId", view.getPersonId());
        row.put("version", view.getVersion());
        row.put("updatedAt", view.getUpdatedAt().toString());
        row.put("cells", cells);
        return Optional.of(row);
    }

    private static Provenance source(TextValue value) {
        return value == null ? null : value.getProvenance();
    }

    private static void cell(Map<String, Object> cells, PolicyField field, Object value, Provenance provenance,
                             Function<String, String> department) {
        if (value == null) {
            return;
        }
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("value", value);
        if (provenance != null) {
            cell.put("connector", provenance.getConnector());
            cell.put("department", department.apply(provenance.getConnector()));
            if (provenance.getDecisionId() != null) {
                cell.put("decided", true);
            }
        }
        cells.put(field.key(), cell);
    }
}
