package dev.driftless.testkit.law;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.policy.NamespaceMapping;
import dev.driftless.testkit.gen.Scenario;
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
}
