package org.onegrid.connector.jdbcpoll;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one query a jdbc-poll connector runs, in plain SQL every database reads: the rows after the cursor in
 * (cursor column, tie-breaker) order, at most a batch of them. Rows with the same cursor value are told apart by the
 * tie-breaker, so a batch that ends among them does not skip the rest. The row limit is written the database's way
 * (ROWNUM for Oracle, OFFSET/FETCH for SQL Server, LIMIT for PostgreSQL, Kingbase, DM, MariaDB and MySQL); the
 * statement's max rows limits it too. Names are checked identifiers (letters, digits, _, $, #), never values.
 */
final class PollQuery {

    /** A table, view or column name: letters (any script), digits, _, $ and #, not starting with a digit. */
    static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$#]*");

    private final String after;
    private final String first;

    PollQuery(JdbcPollSource source, List<String> order) {
        String notNull = String.join(" AND ", order.stream().map(c -> c + " IS NOT NULL").toList());
        String orderBy = " ORDER BY " + String.join(", ", order);
        String from = "SELECT * FROM " + source.table() + " WHERE " + notNull;
        this.first = limit(from + orderBy, source);
        this.after = limit(from + " AND " + after(order, 0) + orderBy, source);
    }

    /** The query: from the start ({@code atStart}), or after the cursor's values (bound in {@link #parameters()} order). */
    String sql(boolean atStart) {
        return atStart ? first : after;
    }

    /**
     * Which cursor value goes to each parameter of the query after the cursor: for columns c0, c1, c2 the condition is
     * {@code (c0 > ? OR (c0 = ? AND (c1 > ? OR (c1 = ? AND c2 > ?))))}, i.e. values 0, 0, 1, 1, 2.
     */
    static int[] parameters(int columns) {
        int[] indexes = new int[2 * columns - 1];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i / 2;
        }
        return indexes;
    }

    private static String after(List<String> order, int i) {
        String column = order.get(i);
        if (i == order.size() - 1) {
            return column + " > ?";
        }
        return "(" + column + " > ? OR (" + column + " = ? AND " + after(order, i + 1) + "))";
    }

    private static String limit(String sql, JdbcPollSource source) {
        String url = source.url().toLowerCase(Locale.ROOT);
        int n = source.batchSize();
        if (url.startsWith("jdbc:oracle:")) {
            return "SELECT * FROM (" + sql + ") WHERE ROWNUM <= " + n;
        }
        if (url.startsWith("jdbc:sqlserver:")) {
            return sql + " OFFSET 0 ROWS FETCH NEXT " + n + " ROWS ONLY";
        }
        return sql + " LIMIT " + n;
    }
}
