package dev.driftless.testkit.law;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.policy.NamespaceMapping;
import dev.driftless.resource.ResourceKind;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.gen.Scenario;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The laws' floors fail a generator that no longer exercises them. */
class LawFloorTest {

  /**
   * With Git holding exactly what Kestra holds, no plan deletes anything, so protection never makes
   * a difference, however many protected resources the sides hold.
   */
  @Test
  void law04_fails_whenNoCaseWouldDeleteAProtectedResource() {
    LawSuite mirroring = new LawSuite() {
      @Override
      protected World newWorld() {
        return new InMemoryWorld();
      }

      @Override
      protected int examples() {
        return 200;
      }

      @Override
      protected Gen<Scenario> scenarios() {
        return super.scenarios().map(s -> new Scenario(s.policy().withNamespaceMapping(NamespaceMapping.identity()),
            s.kestraScope(), s.kestraScope(), s.kestra(), s.kestra()));
      }
    };
    AssertionError failure = assertThrows(AssertionError.class, mirroring::law04_protectedNamespaces_areNeverDeleted);
    assertTrue(failure.getMessage().startsWith("law 4 protected a resource a plan without protection deletes in only 0"),
        failure.getMessage());
  }

  /**
   * Law 7 makes its own cases beside what the plan of each case reads; with both sides empty there
   * is nothing to put them beside, so nothing is ever deleted.
   */
  @Test
  void law07_fails_whenNoCaseDeletes() {
    LawSuite empty = new LawSuite() {
      @Override
      protected World newWorld() {
        return new InMemoryWorld();
      }

      @Override
      protected int examples() {
        return 100;
      }

      @Override
      protected Gen<Scenario> scenarios() {
        return super.scenarios().map(s -> s.withSides(List.of(), List.of()));
      }
    };
    AssertionError failure = assertThrows(AssertionError.class, empty::law07_unreadableOrInvalid_neverCauseADelete);
    assertTrue(failure.getMessage().startsWith("law 7 deleted something in only 0"), failure.getMessage());
  }

  /**
   * With namespace files only and sides that cannot hold an unreadable entry, nothing can hold a
   * deletion back, though deletions run.
   */
  @Test
  void law07_fails_whenNoCaseHoldsADeletionBack() {
    LawSuite readable = new LawSuite() {
      @Override
      protected World newWorld() {
        return new InMemoryWorld();
      }

      @Override
      protected Capabilities capabilities() {
        return new Capabilities(Set.of(ResourceKind.NAMESPACE_FILE), false, false, false);
      }

      @Override
      protected int examples() {
        return 100;
      }
    };
    AssertionError failure = assertThrows(AssertionError.class, readable::law07_unreadableOrInvalid_neverCauseADelete);
    assertTrue(failure.getMessage().startsWith("law 7 held a deletion back for an unreadable or invalid entry in only 0"),
        failure.getMessage());
  }
}
