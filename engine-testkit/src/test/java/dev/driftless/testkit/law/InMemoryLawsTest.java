package dev.driftless.testkit.law;

/** The laws on the in-memory sides: 1000 generated cases each. */
class InMemoryLawsTest extends LawSuite {

  @Override
  protected World newWorld() {
    return new InMemoryWorld();
  }
}
