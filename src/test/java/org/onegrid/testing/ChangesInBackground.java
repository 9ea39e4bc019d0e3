package org.onegrid.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A department's application changing its database while a test kills the service: the first statements are made at
 * once, in the background, each committed on its own; the rest are held back until {@link #release()} (the test lets
 * them go once the service is dead), so the test knows which changes the service cannot have read before the kill.
 */
public final class ChangesInBackground {

    private final CountDownLatch released = new CountDownLatch(1);
    private final CompletableFuture<Void> writer;

    private ChangesInBackground(Sql.Connections database, List<String> statements, int heldBackFrom) {
        writer = CompletableFuture.runAsync(() -> {
            try {
                Sql.run(database, statements.subList(0, heldBackFrom).toArray(String[]::new));
                released.await();
                Sql.run(database, statements.subList(heldBackFrom, statements.size()).toArray(String[]::new));
            } catch (Exception e) {
                throw new IllegalStateException("a change could not be made", e);
            }
        });
    }

    /** Starts making {@code statements}, holding back those from index {@code heldBackFrom} on. */
    public static ChangesInBackground start(Sql.Connections database, List<String> statements, int heldBackFrom) {
        return new ChangesInBackground(database, statements, heldBackFrom);
    }

    /** Lets the held-back statements go. */
    public void release() {
        released.countDown();
    }

    /** Waits until every statement is made; fails with the database's error if one could not be. */
    public void awaitDone(Duration atMost) throws Exception {
        writer.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }
}
