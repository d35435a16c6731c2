package dev.driftless.emulator;

import java.util.List;

/**
 * The emulator's fault injection. Rules apply to API requests (not to {@code /_emulator/**}) in
 * the order they were added: every matching rule draws once from one seeded
 * {@link java.util.Random}; each firing {@link Fault.Effect#LATENCY} rule adds its delay, and the
 * first firing rule of another effect decides the answer (error status or dropped connection)
 * instead of the normal handling. Faults come before authentication, like a proxy in front of the
 * server. With the same seed, the same rules and the same sequence of requests, the same faults
 * fire. Thread-safe.
 */
public interface Faults {

    /** Adds a rule after the existing ones. */
    Faults add(Fault fault);

    /** Restarts the random sequence from {@code seed}. */
    Faults seed(long seed);

    /** The rules in force, in order. */
    List<Fault> rules();

    /** Removes every rule; requests are handled normally again. */
    void clear();
}
