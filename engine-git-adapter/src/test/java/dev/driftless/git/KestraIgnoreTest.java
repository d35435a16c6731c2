package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Applier;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.Repos;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.port.DriftlessException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path {@code .kestraignore} ignores is outside the sync on both sides: never created, updated or
 * deleted, whichever side is the source, and simply absent from the plan, with a count. Negations
 * re-include files as in Git, except out of an ignored folder.
 */
@Timeout(60)
class KestraIgnoreTest {

  private static final Scope DEV_FLOWS = Scope.namespace("dev", Set.of(ResourceKind.FLOW));

  @TempDir
  static Path shared;

  static Repos repos;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("repos"));
  }

  private static ResourceKey flow(String id) {
    return ResourceKey.flow("dev", id);
  }

  private static InMemorySide kestra(String... ids) {
    InMemorySide kestra = InMemorySide.kestra();
    for (String id : ids) {
      kestra.put(Flows.flow("dev", id).resource());
    }
    return kestra;
  }

  /** Each key of the plan with its action. */
  private static Map<ResourceKey, Action> actions(Plan plan) {
    Map<ResourceKey, Action> out = new TreeMap<>();
    for (Change c : plan.changes()) {
      out.put(c.key(), c.action());
    }
    return out;
  }

  private static void assertLeftOut(Plan plan, int count, String ignoreFile) {
    String text = count + " flow(s) left out of the plan: ignored by " + ignoreFile;
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.message().equals(text)),
        () -> "no '" + text + "' in " + plan.diagnostics().stream().map(Diagnostic::render).toList());
  }

  @Test
  void gitAsSource_aFlowIgnoredInGit_isNeverDeletedFromKestra() {
    BareRepo repo = repos.bare("ignored-in-git");
    repo.commit(Repos.MAIN).add(".kestraignore", "dev/flows/draft.yaml\n")
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml())
        .add("dev/flows/draft.yaml", Flows.flow("dev", "draft").comment("work in progress").yaml()).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());
    InMemorySide kestra = kestra("a", "draft", "gone");

    Plan plan = Sides.plan(git, kestra, DEV_FLOWS, Sides.policy(Side.GIT));

    assertEquals(Map.of(flow("a"), Action.NO_OP, flow("gone"), Action.DELETE), actions(plan));
    assertLeftOut(plan, 1, ".kestraignore");
    Applier.to(kestra).apply(plan).orThrow();
    assertTrue(kestra.get(flow("draft")).isPresent(), "the ignored flow is still in Kestra");
  }

  /** An ignore file that cannot be read fails the read: what it ignores would be deleted otherwise. */
  @Test
  void anIgnoreFileThatCannotBeRead_failsTheRead_namingIt() {
    BareRepo link = repos.bare("ignore-file-link");
    link.commit(Repos.MAIN).symlink(".kestraignore", "../shared/.kestraignore")
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    BareRepo folder = repos.bare("ignore-file-folder");
    folder.commit(Repos.MAIN).add(".kestraignore/rules", "dev/flows/draft.yaml\n")
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    for (BareRepo repo : List.of(link, folder)) {
      GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());
      DriftlessException e = assertThrows(DriftlessException.class, () -> git.reader().read(DEV_FLOWS));
      assertTrue(e.getMessage().startsWith(".kestraignore is a ") && e.getMessage().contains("nothing is planned"),
          e.getMessage());
    }
  }

  @Test
  void negation_reIncludesAFile_whichIsSynced_whileTheOthersAreLeftOut() {
    BareRepo repo = repos.bare("negation");
    repo.commit(Repos.MAIN).add(".kestraignore", "*.yaml\n!keep2.yaml\n")
        .add("dev/flows/keep1.yaml", Flows.flow("dev", "keep1").comment("only in Git").yaml())
        .add("dev/flows/keep2.yaml", Flows.flow("dev", "keep2").comment("changed in Git").yaml()).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());
    InMemorySide kestra = kestra("keep1", "keep2", "other");

    Plan plan = Sides.plan(git, kestra, DEV_FLOWS, Sides.policy(Side.GIT));

    assertEquals(Map.of(flow("keep2"), Action.UPDATE), actions(plan),
        "keep2.yaml is re-included and synced; keep1 and other lie at ignored paths: left out, not deleted");
    assertLeftOut(plan, 2, ".kestraignore");
  }

  @Test
  void negation_cannotReIncludeAFileOfAnIgnoredFolder_asInGit_andThatFileIsLeftOut() {
    BareRepo repo = repos.bare("negation-in-ignored-folder");
    repo.commit(Repos.MAIN).add(".kestraignore", "dev/flows/\n!dev/flows/keep2.yaml\n")
        .add("dev/flows/keep2.yaml", Flows.flow("dev", "keep2").comment("changed in Git").yaml())
        .add("dev/files/run.py", "print(1)\n").push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());
    InMemorySide kestra = kestra("keep2", "other");

    Plan plan = Sides.plan(git, kestra, DEV_FLOWS, Sides.policy(Side.GIT));

    assertEquals(Map.of(), actions(plan));
    assertLeftOut(plan, 2, ".kestraignore");
  }

  @Test
  void aByteOrderMark_beforeTheFirstPattern_isSkipped_asGitDoes() {
    BareRepo repo = repos.bare("bom");
    byte[] ignore = "\uFEFF*.yaml\n!keep2.yaml\n".getBytes(StandardCharsets.UTF_8);
    repo.commit(Repos.MAIN).add(".kestraignore", ignore)
        .add("dev/flows/keep1.yaml", Flows.flow("dev", "keep1").comment("only in Git").yaml())
        .add("dev/flows/keep2.yaml", Flows.flow("dev", "keep2").yaml()).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());

    Plan plan = Sides.plan(git, kestra("keep1", "keep2"), DEV_FLOWS, Sides.policy(Side.GIT));

    assertEquals(Map.of(flow("keep2"), Action.NO_OP), actions(plan));
  }

  @Test
  void kestraAsSource_nothingIsWrittenToAnIgnoredPath_andNoIgnoredGitFileIsDeleted() {
    BareRepo repo = repos.bare("kestra-source");
    ObjectId head = repo.commit(Repos.MAIN).add(".kestraignore", "dev/flows/draft.yaml\ndev/flows/secret_*\n")
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml())
        .add("dev/flows/draft.yaml", Flows.flow("dev", "draft").comment("Git's draft").yaml())
        .add("dev/flows/secret_local.yaml", Flows.flow("dev", "secret_local").yaml()).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").resource())
        .put(Flows.flow("dev", "draft").comment("Kestra's draft").resource())
        .put(Flows.flow("dev", "secret_token").resource());

    Plan plan = Sides.plan(git, kestra, DEV_FLOWS, Sides.policy(Side.KESTRA));

    assertEquals(Map.of(flow("a"), Action.NO_OP), actions(plan));
    assertLeftOut(plan, 2, ".kestraignore");
    ApplyResult result = Applier.to(git.writer(), kestra).apply(plan);
    assertTrue(result.isComplete(), result.line());
    assertEquals(Optional.of(head), repo.head(Repos.MAIN), "nothing written to Git");
  }

  @Test
  void anIgnoredFile_withTheOtherExtension_leavesItsKeyOut() {
    BareRepo repo = repos.bare("yml");
    repo.commit(Repos.MAIN).add(".kestraignore", "*.yml\n")
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml())
        .add("dev/flows/old.yml", Flows.flow("dev", "old").yaml()).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());

    Plan plan = Sides.plan(git, kestra("a", "old"), DEV_FLOWS, Sides.policy(Side.GIT));

    assertEquals(Map.of(flow("a"), Action.NO_OP), actions(plan), "old.yml is ignored: Kestra's old is left out");
  }

  @Test
  void flowsLayout_anIgnoredFolder_leavesItsChildNamespaceOut() {
    BareRepo repo = repos.bare("flows-layout");
    repo.commit(Repos.MAIN).add("_flows/.kestraignore", "drafts/\n")
        .add("_flows/a.yml", Flows.flow("company", "a").yaml())
        .add("_flows/drafts/wip.yml", Flows.flow("company.drafts", "wip").yaml()).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.flows("company"));
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("company", "a").resource())
        .put(Flows.flow("company.drafts", "wip").resource()).put(Flows.flow("company.drafts", "other").resource())
        .put(Flows.flow("company.team", "gone").resource());
    Scope scope = Scope.namespaces(Set.of("company"), true, Set.of(ResourceKind.FLOW));

    Plan plan = Sides.plan(git, kestra, scope, Sides.policy(Side.GIT).withIncludeChildNamespaces(true));

    assertEquals(Map.of(ResourceKey.flow("company", "a"), Action.NO_OP, ResourceKey.flow("company.team", "gone"),
        Action.DELETE), actions(plan));
    assertLeftOut(plan, 2, "_flows/.kestraignore");
  }
}
