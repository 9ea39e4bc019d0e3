package org.onegrid.embedded.population;

import java.util.Map;
import java.util.Set;

/**
 * One row as a department system stores it, with its ground truth.
 *
 * @param department the department id ({@link Department#id()})
 * @param sourceKey  the record's key in the department system
 * @param columns    column name → value as stored (String, Integer, Boolean, List of String, or null), in column order
 * @param personId   the true resident this record describes
 * @param errors     the errors injected into this record, empty when it is clean
 */
public record DepartmentRecord(String department, String sourceKey, Map<String, Object> columns, String personId,
                               Set<ErrorKind> errors) {
}
