package org.onegrid.mapping;

import org.onegrid.schema.AttributeType;

/**
 * A department-specific attribute: its name on the shared record, how it is read, its type and sensitivity group.
 */
record AttributeSpec(String name, FieldSpec field, AttributeType type, String group) {
}
