package org.onegrid.embedded.population;

/** An error or variant injected into one department record; the truth lists them per record. */
public enum ErrorKind {
    NAME_HOMOPHONE,
    NAME_TRADITIONAL,
    NAME_SPACING,
    NAME_DOT_VARIANT,
    ID_TYPO,
    ID_LEGACY_15,
    ID_MISSING,
    DATE_OTHER_FORMAT,
    DATE_DAY_MONTH_SWAP,
    DATE_EXCEL_SERIAL,
    STALE_ADDRESS,
    STALE_PHONE,
    /** The second record of a person the department holds twice. */
    DUPLICATE
}
