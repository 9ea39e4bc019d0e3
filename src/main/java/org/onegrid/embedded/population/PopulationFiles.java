package org.onegrid.embedded.population;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Writes a population to a directory, one file per department as its system would load or
 * export it, plus the grid register and the ground truth. See docs/population.md for the formats.
 */
public final class PopulationFiles {

    public static final String REGISTER = "grid-register.yaml";
    public static final String TRUTH = "truth.csv";
    public static final String RESIDENTS = "residents.csv";
    public static final List<String> TRUTH_HEADER = List.of("department", "sourceKey", "personId", "errors");
    public static final List<String> RESIDENT_HEADER = List.of("personId", "householdId", "relation", "name", "sex",
            "birthDate", "idNumber", "ethnicity", "mobile", "landline", "floating", "gridCode", "address", "twinOf",
            "namesakeOf", "subsidy", "disabilityLevel", "chronicConditions", "partyJoined");

    private PopulationFiles() {
    }

    /** The file name of a department's rows: {@code <department>.<table>.jsonl}, the party export as {@code .csv}. */
    public static String fileName(Department d) {
        return d.id() + "." + d.table() + (d == Department.PARTY ? ".csv" : ".jsonl");
    }

    public static void writeRegister(City city, Path file) {
        YAMLFactory yaml = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        try {
            new ObjectMapper(yaml).writeValue(file.toFile(), city);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes everything into {@code dir}: the register, one file per department, the truth and the residents.
     *
     * @param partyCharset charset of the party CSV export (GBK as exported by office software, or UTF-8)
     * @param progress     called with the number of residents written, every 100,000 and at the end
     */
    public static void writeAll(Population population, Path dir, Charset partyCharset, LongConsumer progress) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeRegister(population.city(), dir.resolve(REGISTER));
        Map<Department, JsonLinesWriter> json = new EnumMap<>(Department.class);
        List<AutoCloseable> open = new ArrayList<>();
        try (CsvWriter party = new CsvWriter(dir.resolve(fileName(Department.PARTY)), partyCharset, Department.PARTY.columns());
             CsvWriter truth = new CsvWriter(dir.resolve(TRUTH), StandardCharsets.UTF_8, TRUTH_HEADER);
             CsvWriter residents = new CsvWriter(dir.resolve(RESIDENTS), StandardCharsets.UTF_8, RESIDENT_HEADER)) {
            for (Department d : Department.values()) {
                if (d != Department.PARTY) {
                    JsonLinesWriter w = new JsonLinesWriter(dir.resolve(fileName(d)));
                    json.put(d, w);
                    open.add(w);
                }
            }
            long[] count = {0};
            population.forEach(r -> {
                residents.row(residentRow(r));
                if (++count[0] % 100_000 == 0) {
                    progress.accept(count[0]);
                }
            }, rec -> {
                Department d = Department.byId(rec.department());
                if (d == Department.PARTY) {
                    party.row(new ArrayList<>(rec.columns().values()));
                } else {
                    json.get(d).write(rec.columns());
                }
                truth.row(truthRow(rec));
            });
            if (count[0] % 100_000 != 0) {
                progress.accept(count[0]);
            }
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    static List<Object> truthRow(DepartmentRecord rec) {
        StringBuilder errors = new StringBuilder();
        for (ErrorKind k : rec.errors()) {
            if (errors.length() > 0) {
                errors.append(';');
            }
            errors.append(k.name());
        }
        return List.of(rec.department(), rec.sourceKey(), rec.personId(), errors.toString());
    }

    static List<Object> residentRow(Resident r) {
        List<Object> row = new ArrayList<>(RESIDENT_HEADER.size());
        row.add(r.personId());
        row.add(r.householdId());
        row.add(r.relation());
        row.add(r.name());
        row.add(r.sex() == Sex.MALE ? "M" : "F");
        row.add(r.birthDate());
        row.add(r.idNumber());
        row.add(r.ethnicity());
        row.add(r.mobile());
        row.add(r.landline());
        row.add(r.floating());
        row.add(r.home().gridCode());
        row.add(r.home().fullAddress());
        row.add(r.twinOf());
        row.add(r.namesakeOf());
        row.add(r.subsidy());
        row.add(r.disabilityLevel());
        row.add(String.join(";", r.chronicConditions()));
        row.add(r.partyJoined());
        return row;
    }
}
