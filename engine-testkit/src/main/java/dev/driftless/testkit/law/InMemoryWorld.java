package dev.driftless.testkit.law;

import dev.driftless.testkit.fake.InMemorySide;

/** A world of two {@link InMemorySide}s: a Git-like one and a Kestra-like one. */
public final class InMemoryWorld implements World {

  private final InMemoryHarness git = new InMemoryHarness(InMemorySide.git());
  private final InMemoryHarness kestra = new InMemoryHarness(InMemorySide.kestra());

  @Override
  public InMemoryHarness git() {
    return git;
  }

  @Override
  public InMemoryHarness kestra() {
    return kestra;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
