package org.onegrid.resolve.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Person ids derived from the record that created the person, so that replaying the same input in
 * the same order gives the same ids. 80 bits of SHA-256 over scope, ref and the ref's counter.
 */
final class PersonIds {

    private PersonIds() {
    }

    /** The n-th id the record {@code ref} may create in {@code scope} (its shard key). */
    static String derive(String scope, String ref, long n) {
        String seed = scope + '\n' + ref + (n == 0 ? "" : "\n" + n);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "P" + HexFormat.of().withUpperCase().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
