/**
 * One contract suite per port: {@link dev.driftless.testkit.contract.ReaderContract} for snapshot
 * readers and {@link dev.driftless.testkit.contract.WriterContract} for change writers. Subclass
 * them with a fresh {@link dev.driftless.testkit.law.World} per test and the side under test; the
 * in-memory fakes, the Git adapter and the Kestra adapter over the emulator all run them.
 */
package dev.driftless.testkit.contract;
