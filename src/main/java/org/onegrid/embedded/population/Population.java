package org.onegrid.embedded.population;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A generated city and its residents. Building it lays out the city (cheap); residents and
 * department records are generated lazily, household by household, on every pass: each stream
 * or {@link #forEach} call regenerates them identically from the seed, holding one household at a time.
 * The object is immutable; separate passes may run on separate threads, each pass is sequential.
 */
public final class Population {

    private final PopulationSpec spec;
    private final int[] householdStarts;
    private final Layout layout;

    private Population(PopulationSpec spec) {
        this.spec = spec;
        this.householdStarts = Households.starts(spec.seed(), spec.persons());
        this.layout = Layout.build(spec.seed(), householdStarts.length - 1);
    }

    public static Population generate(PopulationSpec spec) {
        return new Population(spec);
    }

    public PopulationSpec spec() {
        return spec;
    }

    /** The grid register. */
    public City city() {
        return layout.city;
    }

    public int households() {
        return householdStarts.length - 1;
    }

    /** All residents in person-id order. Sequential; regenerated on every call. */
    public Stream<Resident> residents() {
        return stream(new Pass(false).residents());
    }

    /** All department records, all departments interleaved in generation order. Sequential; regenerated on every call. */
    public Stream<DepartmentRecord> records() {
        return stream(new Pass(true).records());
    }

    /** One pass over everything: each resident, then the department records about that resident's household. */
    public void forEach(Consumer<Resident> residents, Consumer<DepartmentRecord> records) {
        Pass pass = new Pass(true);
        while (pass.hasNext()) {
            pass.next();
            pass.residents.forEach(residents);
            pass.records.forEach(records);
        }
    }

    private static <T> Stream<T> stream(Iterator<T> it) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** One generation pass: the household cursor, the issued ID numbers, the department key counters. */
    private final class Pass {
        final Households households = new Households(spec, layout, householdStarts);
        final IssuedIds issued = new IssuedIds(spec.persons());
        final Views views;
        int household;
        List<Resident> residents = List.of();
        final List<DepartmentRecord> records = new ArrayList<>();

        Pass(boolean withRecords) {
            this.views = withRecords ? new Views(spec) : null;
        }

        boolean hasNext() {
            return household < householdStarts.length - 1;
        }

        void next() {
            residents = households.household(household, issued);
            records.clear();
            if (views != null) {
                int first = householdStarts[household];
                for (int i = 0; i < residents.size(); i++) {
                    views.records(residents.get(i), first + i, household, records);
                }
                views.duplicatesDue(household, household == householdStarts.length - 2, records);
            }
            household++;
        }

        Iterator<Resident> residents() {
            return new Buffered<>(() -> residents);
        }

        Iterator<DepartmentRecord> records() {
            return new Buffered<>(() -> records);
        }

        /** Drains the pass household by household through one of its buffers. */
        private final class Buffered<T> implements Iterator<T> {
            private final java.util.function.Supplier<List<T>> source;
            private final ArrayDeque<T> buffer = new ArrayDeque<>();

            Buffered(java.util.function.Supplier<List<T>> source) {
                this.source = source;
            }

            @Override
            public boolean hasNext() {
                while (buffer.isEmpty() && Pass.this.hasNext()) {
                    next0();
                }
                return !buffer.isEmpty();
            }

            private void next0() {
                Pass.this.next();
                buffer.addAll(source.get());
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.poll();
            }
        }
    }
}
