package org.onegrid.connector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Test-data builder for department exports: the party-building register's columns, made-up members, written as
 * CSV in any encoding (with or without a byte order mark) or as an XLSX workbook.
 */
public final class Exports {

    public static final List<String> PARTY_BUILDING_HEADER =
            List.of("序号", "姓名", "性别", "身份证号", "出生日期", "民族", "联系电话", "居住地址", "所在支部", "入党日期");

    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();

    private Exports(List<String> header) {
        this.header = header;
    }

    /** The party-building department's member export, empty. */
    public static Exports aPartyBuildingExport() {
        return new Exports(PARTY_BUILDING_HEADER);
    }

    /** {@code n} made-up members numbered from {@code first}. */
    public Exports withMembers(int first, int n) {
        for (int i = first; i < first + n; i++) {
            member(i);
        }
        return this;
    }

    /** One made-up member with row number {@code number}. */
    public Exports member(int number) {
        return row(number, "张" + "伟芳明华丽强".charAt(number % 6) + number, number % 2 == 0 ? "女" : "男",
                "36050219850302" + String.format("%04d", number % 10000), "1985-03-02", "汉族", "1380013" + String.format("%04d", number % 10000),
                "长青社区阳光花园" + (number % 9 + 1) + "栋", "第一支部", "2010-07-01");
    }

    /** A row as written, cells of any kind (numbers stay numbers in XLSX). */
    public Exports row(Object... cells) {
        rows.add(List.of(cells));
        return this;
    }

    public String csvText() {
        StringBuilder out = new StringBuilder(String.join(",", header)).append("\r\n");
        for (List<Object> row : rows) {
            out.append(String.join(",", row.stream().map(String::valueOf).toList())).append("\r\n");
        }
        return out.toString();
    }

    public byte[] csv(Charset charset) {
        return csvText().getBytes(charset);
    }

    public byte[] csvWithUtf8Bom() {
        byte[] body = csvText().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    /** An XLSX workbook with the rows on a sheet of this name (and an empty first sheet when {@code behindAnother}). */
    public byte[] xlsx(String sheetName, boolean behindAnother) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (behindAnother) {
                workbook.createSheet("说明");
            }
            Sheet sheet = workbook.createSheet(sheetName);
            Row head = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                head.createCell(c).setCellValue(header.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Object value = cells.get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(value));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
