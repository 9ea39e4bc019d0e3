package org.onegrid.connector.filedrop;

import java.nio.charset.Charset;
import java.nio.file.Path;
import org.onegrid.connector.SourceSettings;

/**
 * The {@code source:} block of a file-drop connector.
 *
 * @param path the watched folder (relative to the service's working directory, or absolute); {@code done/} and
 *     {@code failed/} are made inside it
 * @param format which files are read and how: AUTO by extension, or only CSV, or only XLSX
 * @param encoding the CSV encoding, or null: UTF-8, unless a byte order mark says otherwise (a BOM always wins)
 * @param delimiter the CSV column separator
 * @param sheet the spreadsheet's sheet to read, or null for the first
 */
public record FileDropSource(Path path, Format format, Charset encoding, char delimiter, String sheet) implements SourceSettings {

    /** Which files a file-drop connector reads. */
    public enum Format {
        /** {@code .csv}, {@code .tsv} and {@code .txt} as CSV; {@code .xlsx} and {@code .xls} as spreadsheets. */
        AUTO("csv,tsv,txt,xlsx,xls"),
        CSV("csv,tsv,txt"),
        XLSX("xlsx,xls");

        private final String extensions;

        Format(String extensions) {
            this.extensions = extensions;
        }

        /** The file name extensions read, comma-separated. */
        public String extensions() {
            return extensions;
        }

        boolean spreadsheet(String fileName) {
            String lower = fileName.toLowerCase(java.util.Locale.ROOT);
            return this == XLSX || (this == AUTO && (lower.endsWith(".xlsx") || lower.endsWith(".xls")));
        }
    }
}
