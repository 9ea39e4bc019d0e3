package org.onegrid.resolve.match;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.onegrid.schema.Address;
import org.onegrid.testing.SourcePersonBuilder;

/**
 * The public FEBRL 4 data set adapted to {@code SourcePerson}: given name and surname become the
 * name and its Latin key, street number / street / suburb become building / estate / community,
 * every address part joins the normalized address, soc_sec_id becomes an identifier attribute.
 */
final class Febrl4 {

    /** One row: its rec number (the truth: same number, same person) and the adapted record. */
    record Row(int recNumber, org.onegrid.schema.SourcePerson person) {
    }

    private Febrl4() {
    }

    static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(adapt(line.split(",", -1)));
            }
        }
        return rows;
    }

    private static Row adapt(String[] raw) {
        String[] f = new String[11];
        for (int i = 0; i < f.length; i++) {
            f[i] = i < raw.length ? raw[i].trim() : "";
        }
        String recId = f[0];
        String given = f[1];
        String surname = f[2];
        String streetNumber = f[3];
        String address1 = f[4];
        String address2 = f[5];
        String suburb = f[6];
        String postcode = f[7];
        String state = f[8];
        String dob = f[9];
        String socSecId = f[10];

        SourcePersonBuilder person = SourcePersonBuilder.aPerson();
        String name = (given + " " + surname).trim();
        if (!name.isEmpty()) {
            person.namedLatin(name);
        }
        LocalDate birthDate = date(dob);
        if (birthDate != null) {
            person.born(birthDate.toString());
        }
        StringJoiner normalized = new StringJoiner(" ");
        for (String part : new String[] {streetNumber, address1, address2, suburb, postcode, state}) {
            if (!part.isEmpty()) {
                normalized.add(part);
            }
        }
        if (normalized.length() > 0) {
            person.withAddress(Address.newBuilder()
                    .setRaw(String.join(", ", streetNumber, address1, address2, suburb, postcode, state))
                    .setCommunity(blankToNull(suburb))
                    .setEstate(blankToNull(address1))
                    .setBuilding(blankToNull(streetNumber))
                    .setNormalized(normalized.toString())
                    .build());
        }
        if (!socSecId.isEmpty()) {
            person.withAttribute("soc_sec_id", socSecId);
        }
        int recNumber = Integer.parseInt(recId.split("-")[1]);
        return new Row(recNumber, person.build());
    }

    private static LocalDate date(String yyyymmdd) {
        if (yyyymmdd.length() != 8 || !Similarity.isDigits(yyyymmdd)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
