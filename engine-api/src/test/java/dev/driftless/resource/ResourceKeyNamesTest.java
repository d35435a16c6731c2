package dev.driftless.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Namespace and id names are checked by hand-written loops, on every key built; these properties hold
 * them to the grammar they implement, written as regular expressions.
 */
class ResourceKeyNamesTest {

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  /** The characters that matter to the grammar, a few of each class, and some that never belong. */
  private static final String ALPHABET = "aZ09_.-. /é\t:";

  @Test
  void namespaces_areValidExactlyWhenTheGrammarSaysSo() {
    check(name -> assertEquals(NAMESPACE.matcher(name).matches(), ResourceKey.namespaceProblem(name).isEmpty(),
        "namespace '" + name + "'"));
  }

  @Test
  void ids_areValidExactlyWhenTheGrammarSaysSo() {
    check(name -> assertEquals(ID.matcher(name).matches(), ResourceKey.problem(ResourceKind.FLOW, "company", name)
        .isEmpty(), "flow id '" + name + "'"));
  }

  @Test
  void examples() {
    assertEquals(true, ResourceKey.namespaceProblem("company.team-1._x").isEmpty());
    assertEquals(false, ResourceKey.namespaceProblem("company..team").isEmpty());
    assertEquals(false, ResourceKey.namespaceProblem("company.").isEmpty());
    assertEquals(false, ResourceKey.namespaceProblem("-company").isEmpty());
    assertEquals(false, ResourceKey.namespaceProblem("company.-team").isEmpty());
    assertEquals(true, ResourceKey.problem(ResourceKind.FLOW, "company", "hello.world-1_x").isEmpty());
    assertEquals(false, ResourceKey.problem(ResourceKind.FLOW, "company", ".hello").isEmpty());
    assertEquals(false, ResourceKey.problem(ResourceKind.FLOW, "company", "").isEmpty());
  }

  private static void check(java.util.function.Consumer<String> property) {
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    try {
      qt().withFixedSeed(seed).withExamples(5000).forAll(names()).checkAssert(property);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("name property failed with seed " + seed + "; reproduce with -Ddriftless.seed=" + seed
          + "\n" + e.getMessage(), e);
    }
  }

  private static Gen<String> names() {
    Gen<Character> chars = integers().between(0, ALPHABET.length() - 1).map(ALPHABET::charAt);
    return lists().of(chars).ofSizeBetween(0, 10)
        .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
  }
}
