package dev.driftless.testkit.law;

/** The two-way laws on the in-memory sides: 1000 generated cases each. */
class InMemoryTwoWayLawsTest extends TwoWayLawSuite {

  @Override
  protected World newWorld() {
    return new InMemoryWorld();
  }
}
