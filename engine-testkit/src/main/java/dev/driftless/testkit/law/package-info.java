/**
 * The laws of the engine as a reusable property suite. Subclass {@link dev.driftless.testkit.law.LawSuite}
 * with a {@link dev.driftless.testkit.law.World} factory for any pair of side implementations: the
 * in-memory fakes, the Git adapter, the Kestra adapter against the emulator all run the same laws.
 */
package dev.driftless.testkit.law;
