/**
 * The laws of the engine as a reusable property suite. Subclass {@link dev.driftless.testkit.law.LawSuite}
 * with a {@link dev.driftless.testkit.law.World} factory for any pair of side implementations: the
 * in-memory fakes, the Git adapter, the Kestra adapter against the emulator all run the same laws.
 * A side that can spoil its reads ({@link dev.driftless.testkit.law.SideHarness#spoil}: damage in its
 * store, wrong answers of its server) takes part in law 11, that no read gone wrong causes a delete.
 */
package dev.driftless.testkit.law;
