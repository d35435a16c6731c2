package dev.driftless.testkit.law;

/** The laws on the in-memory sides: 1000 generated cases each, 2000 for the hostile reads (they are cheap). */
class InMemoryLawsTest extends LawSuite {

  @Override
  protected World newWorld() {
    return new InMemoryWorld();
  }

  @Override
  protected int hostileExamples() {
    return 2 * examples();
  }
}
