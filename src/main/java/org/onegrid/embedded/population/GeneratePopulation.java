package org.onegrid.embedded.population;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line: {@code GeneratePopulation --persons N --seed S --out DIR [--party-charset GBK|UTF-8]}.
 * Writes the register, every department's rows, the truth and the residents into DIR, reporting
 * progress every 100,000 residents on standard error.
 */
public final class GeneratePopulation {

    private GeneratePopulation() {
    }

    public static void main(String[] args) {
        int persons = 10_000;
        long seed = 1;
        Path out = null;
        Charset partyCharset = Charset.forName("GBK");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length && !a.equals("--help")) {
                usage("missing value for " + a);
            }
            switch (a) {
                case "--persons" -> persons = Integer.parseInt(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--party-charset" -> partyCharset = Charset.forName(args[++i]);
                case "--help" -> usage(null);
                default -> usage("unknown option " + a);
            }
        }
        if (out == null) {
            usage("--out is required");
        }
        long start = System.nanoTime();
        Population population = Population.generate(new PopulationSpec(seed, persons));
        System.err.printf(Locale.ROOT, "city laid out: %d households, %d grids%n", population.households(),
                population.city().districts().stream().flatMap(d -> d.streets().stream())
                        .flatMap(s -> s.communities().stream()).mapToInt(c -> c.grids().size()).sum());
        final int total = persons;
        PopulationFiles.writeAll(population, out, partyCharset, n -> System.err.printf(Locale.ROOT,
                "%,d of %,d residents written (%.1f s)%n", n, total, (System.nanoTime() - start) / 1e9));
        System.err.printf(Locale.ROOT, "done in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, out);
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: GeneratePopulation --persons N --seed S --out DIR [--party-charset GBK|UTF-8]");
        System.exit(problem == null ? 0 : 2);
    }
}
