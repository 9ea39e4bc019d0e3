package org.onegrid.embedded.population;

import java.util.SplittableRandom;

/** Independent, reproducible random streams: one per (seed, purpose, index), so a change in one purpose never shifts another. */
final class Rng {

    static final int HOUSEHOLD_SIZE = 1;
    static final int HOUSEHOLD = 2;
    static final int HEAD = 3;
    static final int PERSON = 4;
    static final int RECORD = 5;
    static final int COMMUNITY = 6;
    static final int STREET = 7;
    static final int DOCTORS = 8;

    private Rng() {
    }

    static SplittableRandom of(long seed, int purpose, long index) {
        return new SplittableRandom(mix(mix(seed ^ (0x9E3779B97F4A7C15L * purpose)) + index));
    }

    /** A uniform double in [0, 1) for (seed, purpose, index) without allocating a generator. */
    static double uniform(long seed, int purpose, long index) {
        return (mix(mix(seed ^ (0x9E3779B97F4A7C15L * purpose)) + index * 0xBF58476D1CE4E5B9L) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
