package org.onegrid.embedded.population;

public enum Sex {
    MALE,
    FEMALE
}
