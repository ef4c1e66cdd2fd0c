package dev.perfkit.cache;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Stops the first thread that passes it until the test opens it, so a race window stays open exactly as long as needed. */
final class Gate implements Runnable {
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    @Override
    public void run() {
        if (!armed.compareAndSet(true, false)) {
            return;
        }
        reached.countDown();
        try {
            if (!open.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a thread stopped here. */
    void awaitReached() throws InterruptedException {
        if (!reached.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no thread reached the gate");
        }
    }

    void open() {
        open.countDown();
    }
}
