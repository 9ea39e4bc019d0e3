package org.onegrid.connector.filedrop;

import java.util.List;

/**
 * A file's rows as text, before anything is made of them.
 *
 * @param header the column names, trailing unnamed columns removed
 * @param rows the data rows, blank ones left out
 * @param originalType the media type of a row's original bytes
 */
record Table(List<String> header, List<Row> rows, String originalType) {

    /**
     * @param position the line (CSV) or row (spreadsheet) number, from 1
     * @param cells the cells as text, as they are in the file
     * @param original the row's bytes as they are in the file (CSV), or null when the format has none per row
     */
    record Row(int position, List<String> cells, byte[] original) {}
}
