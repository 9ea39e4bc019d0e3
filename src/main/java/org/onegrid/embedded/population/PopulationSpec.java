package org.onegrid.embedded.population;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate: the seed, the number of residents, error rates and department coverage.
 * Same spec, same output, byte for byte. Ages and timestamps are computed relative to
 * {@link #REFERENCE_DATE}, never to the clock.
 */
public record PopulationSpec(long seed, int persons, ErrorRates errors, Coverage coverage) {

    /** The day the registers are exported. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2025, 6, 30);

    public static final int MAX_PERSONS = 10_000_000;

    public PopulationSpec {
        if (persons < 1 || persons > MAX_PERSONS) {
            throw new IllegalArgumentException("persons must be between 1 and " + MAX_PERSONS + ", got " + persons);
        }
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(coverage, "coverage");
    }

    public PopulationSpec(long seed, int persons, ErrorRates errors) {
        this(seed, persons, errors, Coverage.defaults());
    }

    public PopulationSpec(long seed, int persons) {
        this(seed, persons, ErrorRates.defaults(), Coverage.defaults());
    }
}
