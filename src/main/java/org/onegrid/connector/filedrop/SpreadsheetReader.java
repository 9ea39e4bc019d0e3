package org.onegrid.connector.filedrop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.onegrid.connector.RejectReason;

/**
 * Spreadsheets (.xlsx, and legacy .xls) as departments export them: one sheet, a header row, one person per row.
 * Every cell is taken as the text of its stored value, not its display format: a number is written plainly
 * ({@code 13800138000}, {@code 3.5}), a date stays Excel's serial number (the mapping standardizes dates), a formula
 * gives its cached result.
 */
final class SpreadsheetReader {

    static final String ROW_TYPE = "application/json";

    private SpreadsheetReader() {}

    /**
     * @return the table, and columns beyond the header with a value (a row position per entry)
     */
    static Result read(byte[] bytes, String sheetName) throws UnreadableFile {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            Sheet sheet = sheetName == null ? (workbook.getNumberOfSheets() == 0 ? null : workbook.getSheetAt(0)) : workbook.getSheet(sheetName);
            if (sheet == null) {
                List<String> names = new ArrayList<>();
                workbook.forEach(s -> names.add(s.getSheetName()));
                throw new UnreadableFile(RejectReason.XLSX_UNREADABLE,
                        sheetName == null ? "the workbook has no sheet." : "the workbook has no sheet named " + sheetName + " (it has: " + String.join(", ", names) + ").",
                        "set source.sheet to one of the workbook's sheets, or remove it to read the first.");
            }
            return table(sheet);
        } catch (IOException | RuntimeException e) {
            // POI reports a corrupt or foreign file in many ways; none of its messages are shown (they may quote content).
            throw new UnreadableFile(RejectReason.XLSX_UNREADABLE,
                    "the file cannot be opened as a spreadsheet (" + e.getClass().getSimpleName() + ").",
                    "open it in a spreadsheet program and save it again as .xlsx, or export CSV instead.");
        }
    }

    record Result(Table table, List<Integer> overlongRows) {}

    private static Result table(Sheet sheet) throws UnreadableFile {
        List<String> header = null;
        List<Table.Row> rows = new ArrayList<>();
        List<Integer> overlong = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                cells.add(text(row.getCell(c)));
            }
            while (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
                cells.remove(cells.size() - 1);
            }
            if (cells.isEmpty()) {
                continue;
            }
            if (header == null) {
                header = cells.stream().map(String::strip).toList();
                continue;
            }
            if (cells.size() > header.size()) {
                overlong.add(row.getRowNum() + 1);
            }
            while (cells.size() < header.size()) {
                cells.add("");
            }
            rows.add(new Table.Row(row.getRowNum() + 1, List.copyOf(cells), null));
        }
        if (header == null) {
            throw new UnreadableFile(RejectReason.HEADER_INVALID, "the sheet " + sheet.getSheetName() + " has no header row (it is empty).",
                    "export the sheet again with a header row of column names.");
        }
        return new Result(new Table(header, rows, ROW_TYPE), overlong);
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> plain(cell.getNumericCellValue());
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }

    private static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }
}
