package io.stratum.intelligence.model;

import java.util.concurrent.locks.ReentrantLock;

/**
 * What DJL's PyTorch engine allows only once at a time in the JVM, for every trainer that uses it: one gradient
 * collector (a second one fails with "A PtGradientCollector is already collecting", so a failure-model retraining
 * beside a text-model one failed the later one), and seeding the engine's random generator together with drawing the
 * initial weights (the seed is global: another trainer seeding in between would change them).
 */
public final class PyTorchExclusive {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private PyTorchExclusive() {
    }

    /** Waits until no other trainer holds the engine; pair with {@link #unlock()} in a finally block. */
    public static void lock() {
        LOCK.lock();
    }

    public static void unlock() {
        LOCK.unlock();
    }
}
