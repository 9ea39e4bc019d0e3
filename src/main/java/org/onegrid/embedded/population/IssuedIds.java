package org.onegrid.embedded.population;

/** The ID numbers issued so far, as 17-digit bodies in an open-addressing set: no two residents share one. */
final class IssuedIds {

    private long[] slots;
    private int size;

    IssuedIds(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[capacity];
    }

    /** Adds the body; false when it was already issued. Bodies are positive. */
    boolean add(long body) {
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) Rng.mix(body) & mask;
        while (slots[i] != 0) {
            if (slots[i] == body) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = body;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long b : old) {
            if (b != 0) {
                add(b);
            }
        }
    }
}
