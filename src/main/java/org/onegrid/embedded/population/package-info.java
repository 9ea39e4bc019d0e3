/**
 * A deterministic synthetic city with ground truth: its grid register, its residents in
 * households, and each department's view of them (public security, civil affairs, health,
 * party building) in that department's own schema, code tables and formats, with realistic
 * errors injected at configurable rates.
 *
 * <p>It seeds the sandbox department systems and is the labelled data on which matching
 * precision and recall are measured: every department record carries the id of the true
 * person and the list of errors injected into it. Same seed and size give byte-identical
 * output. Generation streams household by household, so a million residents never sit in
 * memory as department rows.
 *
 * <p>May depend on the JDK and Jackson (YAML and JSON writers) only; nothing in the service
 * may depend on this package except the embedded sandbox and the benchmark.
 */
package org.onegrid.embedded.population;
