package org.onegrid.embedded.population;

/**
 * How often each kind of error or hard case is injected. Rates are probabilities per department
 * record unless stated otherwise; an error is recorded in the truth only when it changed the record
 * (a homophone needs a name character that has one, a day/month swap needs a day of 12 or less).
 *
 * @param nameHomophone    one given-name character typed as a homophone (晓→小, 丽→莉, 明→铭…)
 * @param nameTraditional  the name stored in traditional characters by an older system (陈→陳, 华→華…)
 * @param nameSpacing      a full-width space padding a two-character name (王　伟), or a trailing space
 * @param nameDotVariant   a minority name's middle dot typed as a look-alike (・ • ･ . ．); share of records
 *                         with such a name
 * @param idTypo           one digit of the ID number changed, or two adjacent digits transposed; fails the check
 * @param idLegacy15       the 15-digit legacy ID number instead of the 18-digit one (civil affairs and party
 *                         records of people born before 1985)
 * @param idMissing        no ID number (civil affairs, health and party records; public security always has one)
 * @param childIdMissing   no ID number on a health record of a child under 14 (clinics register children by guardian)
 * @param dateOtherFormat  birth date written in another format than the department's own (public security,
 *                         health, party)
 * @param dateDayMonthSwap day and month of the birth date swapped
 * @param dateExcelSerial  party export: birth date as an Excel serial number (the file went through XLSX)
 * @param staleAddress     the department still has the address the person lived at before moving
 * @param stalePhone       the department still has the person's previous phone number
 * @param duplicate        the department holds the person twice, the second record with small differences
 * @param twins            share of households with two or more children whose two eldest are twins (hard negatives)
 * @param namesakes        share of households whose head has the same name, sex and birth date as the head of
 *                         another household (hard negatives)
 */
public record ErrorRates(
        double nameHomophone,
        double nameTraditional,
        double nameSpacing,
        double nameDotVariant,
        double idTypo,
        double idLegacy15,
        double idMissing,
        double childIdMissing,
        double dateOtherFormat,
        double dateDayMonthSwap,
        double dateExcelSerial,
        double staleAddress,
        double stalePhone,
        double duplicate,
        double twins,
        double namesakes) {

    public ErrorRates {
        double[] all = {nameHomophone, nameTraditional, nameSpacing, nameDotVariant, idTypo, idLegacy15, idMissing, childIdMissing, dateOtherFormat,
            dateDayMonthSwap, dateExcelSerial, staleAddress, stalePhone, duplicate, twins, namesakes};
        for (double rate : all) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("every error rate must be between 0 and 1, got " + rate);
            }
        }
    }

    /** Rates in the range seen in real department registers. */
    public static ErrorRates defaults() {
        return new ErrorRates(0.03, 0.02, 0.01, 0.30, 0.01, 0.10, 0.03, 0.60, 0.03, 0.005, 0.05, 0.10, 0.10, 0.01, 0.05, 0.01);
    }

    /** Clean data: no errors, no hard negatives. */
    public static ErrorRates none() {
        return new ErrorRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
