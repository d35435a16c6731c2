/**
 * The narrow ports through which the engine reaches a side: a {@link dev.driftless.port.SnapshotReader}
 * that only reads, a {@link dev.driftless.port.ChangeWriter} that only writes what it is told, and a
 * {@link dev.driftless.port.Clock}. Adapters implement them; the diff lives in the core. Unexpected
 * infrastructure failures are {@link dev.driftless.port.DriftlessException}s.
 */
package dev.driftless.port;
