package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.emulator.FlowRevision;
import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.hostile.Misbehaviour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar with at most 512 MB of heap ({@code -Xmx512m}) against a hostile Kestra (a
 * {@link HostileProxy} in front of the emulator, answering one call as the hostile servers
 * did) and against hostile Git repositories. Every command must end within a generous bound, and a
 * bad read must fail: exit code 1, an error in words on stderr (no exception's name, no
 * {@code OutOfMemoryError}, no stack trace), and nothing written to either side.
 *
 * <p>Kestra is the source for the Kestra cases, so that a bad answer taken for "Kestra holds less"
 * would delete files in Git; each runs {@code apply --auto-approve}, which would write what it
 * planned. Git is the source for the Git cases.
 */
@Timeout(1800)
class HostileSidesJarIT {

  private static final String FLOW_EXPORT = "/api/v1/main/flows/export/by-query";
  private static final String FLOW_SEARCH = "/api/v1/main/flows/search";
  private static final String FILE_EXPORT = "/api/v1/main/namespaces/dev/files/export";
  /** How long a command may take before the test gives up on it: far above what each case needs. */
  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final byte[] X = "x\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] Y = "y\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private Sides sides;
  private JarProcess jar;
  private HostileProxy proxy;
  private Optional<ObjectId> gitBefore;
  private Map<String, String> kestraBefore;

  /** Both sides hold flows a and b and files x.txt and y.txt of namespace dev: they are in sync. */
  @BeforeEach
  void start() {
    jar = JarProcess.in(dir);
    sides = Sides.start(dir, jar);
    proxy = HostileProxy.before(sides.kestra.url());
    for (String id : List.of("a", "b")) {
      sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", id, "hello"));
    }
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "/x.txt", X);
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "/y.txt", Y);
    sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "hello"))
        .add("dev/flows/b.yaml", Sides.flow("dev", "b", "hello"))
        .add("dev/files/x.txt", X).add("dev/files/y.txt", Y).push();
    remember();
  }

  @AfterEach
  void stop() {
    try {
      proxy.close();
    } finally {
      sides.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Kestra answers

  @Test
  void throughTheProxy_anHonestKestra_isInSync() {
    Cli.Result applied = driftless(BOUND, applyThroughProxyArgs()).assertExit(0).assertNoStackTrace();
    assertTrue((applied.out() + applied.err()).contains("No changes to apply"), applied.toString());
    assertNothingWritten();
  }

  @Test
  void anHtmlPage_whereTheFlowExportShouldBe() {
    refused("GET", FLOW_EXPORT, Misbehaviour.htmlPage(), "text/html");
  }

  @Test
  void anHtmlPage_whereTheFileExportShouldBe() {
    refused("GET", FILE_EXPORT, Misbehaviour.htmlPage(), "text/html");
  }

  @Test
  void aFileExportCutShort() {
    refused("GET", FILE_EXPORT, Misbehaviour.truncated(0.5), "ZIP");
  }

  @Test
  void aFileExportWithoutItsDirectory() {
    refused("GET", FILE_EXPORT, Misbehaviour.zipWithoutDirectory(), "directory");
  }

  @Test
  void jsonWhereTheFileExportShouldBe() {
    refused("GET", FILE_EXPORT, Misbehaviour.body(200, "application/json", "{\"message\":\"export scheduled\"}"),
        "application/json");
  }

  @Test
  void aFlowSearchWithFieldsOfTheWrongTypes() {
    refused("GET", FLOW_SEARCH, Misbehaviour.json(page -> {
      page.get("results").forEach(item -> ((ObjectNode) item).put("id", 42));
      return page;
    }), "'id'");
  }

  @Test
  void aFlowSearchThatPagesForever() {
    refused("GET", FLOW_SEARCH, Misbehaviour.endlessPages(1000, Long.MAX_VALUE / 2), "lists more than");
  }

  @Test
  void aZipBombOfManyEntries_inTheFileExport() {
    refused("GET", FILE_EXPORT, Misbehaviour.zipBomb(300_000, 0), "entries");
  }

  @Test
  void anExportOfAMillionEntries() {
    refused("GET", FLOW_EXPORT, Misbehaviour.zipBomb(1_000_000, 0), "entries");
  }

  @Test
  void aZipBombOfOneHugeEntry_inTheFlowExport() {
    refused("GET", FLOW_EXPORT, Misbehaviour.zipBomb(1, 4L << 30), "expands to more than");
  }

  @Test
  void aZipBombOfOneHugeEntry_inTheFileExport() {
    refused("GET", FILE_EXPORT, Misbehaviour.zipBomb(1, 4L << 30), "more than");
  }

  @Test
  void serverErrors_afterTheRetries() {
    refused("GET", FILE_EXPORT, Misbehaviour.status(503, true), "503");
    refused("GET", FLOW_SEARCH, Misbehaviour.status(500, false), "500");
  }

  @Test
  void aRedirectToALoginPage_andRefusedCredentials() {
    refused("GET", FLOW_EXPORT, Misbehaviour.status(302, true), "302");
    refused("GET", FLOW_SEARCH, Misbehaviour.status(401, false), "refused the credentials");
    refused("GET", FILE_EXPORT, Misbehaviour.status(403, false), "denied");
  }

  @Test
  void aBodyTrickledAByteAtATime_endsByTheDeadline() {
    proxy.on("GET", FILE_EXPORT, Misbehaviour.trickle(Duration.ofSeconds(1)));
    List<String> args = new ArrayList<>(List.of(applyThroughProxyArgs()));
    args.addAll(List.of("--call-deadline", "5s"));
    Cli.Result result = driftless(BOUND, args.toArray(String[]::new));
    assertRefused(result, "within the call deadline of 5 s");
  }

  // ---------------------------------------------------------------------------------------------
  // Git repositories

  @Test
  void aHugeBlob_isNotRead_andNothingIsDeleted() {
    byte[] huge = new byte[60 * 1024 * 1024];
    sides.commit().add("dev/files/huge.bin", huge).push();
    remember();

    Cli.Result result = driftless(BOUND, gitIsSourceArgs("plan"));

    assertEndsInWords(result);
    assertTrue((result.out() + result.err()).contains("dev/files/huge.bin"), () -> "the huge file is named\n" + result);
    assertNothingWritten();
  }

  @Test
  void aFolderOf200000Entries_endsWithinItsBound() {
    commitTree(filesTree(wide(200_000)), "A folder of 200,000 files");

    Cli.Result result = driftless(BOUND, gitIsSourceArgs("plan", "--no-diff"));

    assertEndsInWords(result);
    assertNothingWritten();
  }

  @Test
  void aTreeTenThousandFoldersDeep_endsWithinItsBound() {
    commitTree(filesTree(deep(10_000)), "Folders 10,000 deep");

    Cli.Result result = driftless(BOUND, gitIsSourceArgs("plan"));

    assertEndsInWords(result);
    assertNothingWritten();
  }

  @Test
  void aFlowOf200000Keys_endsWithinItsBound() {
    commitFlowOf200000Keys();

    Cli.Result result = driftless(BOUND, gitIsSourceArgs("plan"));
    assertEndsInWords(result);
    assertTrue(result.out().contains("has more than 100,000 keys and values"), () -> "the limit is named\n" + result);
    assertNothingWritten();
  }

  @Test
  void aFlowOf200000Keys_withoutDiffs_endsWithinItsBound() {
    commitFlowOf200000Keys();

    Cli.Result result = driftless(BOUND, gitIsSourceArgs("plan", "--no-diff"));
    assertEndsInWords(result);
    assertTrue(result.out().contains("has more than 100,000 keys and values"), () -> "the limit is named\n" + result);
    assertNothingWritten();
  }

  @Test
  void aChanged60000LineFile_endsWithinItsBound() {
    commitChanged60000LineFile();

    assertEndsInWords(driftless(BOUND, gitIsSourceArgs("plan")));
    assertNothingWritten();
  }

  /** Flow a in Git gains 200,000 labels; Kestra holds it without them. */
  private void commitFlowOf200000Keys() {
    StringBuilder flow = new StringBuilder(Sides.flow("dev", "a", "hello")).append("labels:\n");
    for (int i = 0; i < 200_000; i++) {
      flow.append("  k").append(i).append(": v\n");
    }
    sides.commit().add("dev/flows/a.yaml", flow.toString()).push();
    remember();
  }

  /** A file of 60,000 lines in Git whose every line differs in Kestra. */
  private void commitChanged60000LineFile() {
    StringBuilder inGit = new StringBuilder();
    StringBuilder inKestra = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      inGit.append("line ").append(i).append('\n');
      inKestra.append("changed line ").append(i).append('\n');
    }
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "/long.txt", inKestra.toString().getBytes(StandardCharsets.UTF_8));
    sides.commit().add("dev/files/long.txt", inGit.toString()).push();
    remember();
  }

  // ---------------------------------------------------------------------------------------------

  /** The proxy answers the call with the misbehaviour; apply must fail in words and write nothing. */
  private void refused(String method, String path, Misbehaviour misbehaviour, String said) {
    proxy.clear();
    proxy.on(method, path, misbehaviour);
    assertRefused(driftless(BOUND, applyThroughProxyArgs()), said);
  }

  private void assertRefused(Cli.Result result, String said) {
    result.assertExit(1);
    assertEndsInWords(result);
    assertTrue(result.err().contains(said), () -> "the error says '" + said + "'\n" + result);
    assertNothingWritten();
  }

  /** No exception's name, no stack trace, no running out of memory; an error, if any, in words. */
  private static void assertEndsInWords(Cli.Result result) {
    result.assertNoStackTrace();
    for (String sign : List.of("OutOfMemoryError", "StackOverflowError", "Exception", "java.lang.", "\tat ")) {
      assertFalse(result.err().contains(sign) || result.out().contains(sign), () -> sign + " in the output\n" + result);
    }
    if (result.exit() != 0) {
      assertTrue(result.err().startsWith("driftless: ") || result.err().contains("\ndriftless: ")
          || result.out().contains("This plan cannot be applied: resolve the errors above.")
          || result.out().contains("This plan is held back by the mass-deletion guard"),
          () -> "an error in words on stderr, or a plan that says why it cannot be applied\n" + result);
    }
  }

  private String[] applyThroughProxyArgs() {
    return new String[] {"apply", "--auto-approve", "--git", sides.gitUrl(), "--kestra", proxy.url().toString(),
        "--namespace", "dev", "--source-of-truth", "kestra"};
  }

  private String[] gitIsSourceArgs(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(),
        "--namespace", "dev", "--source-of-truth", "git"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Runs the jar with at most 512 MB of heap, and no secret in its output. */
  private Cli.Result driftless(Duration bound, String... args) {
    List<String> command = new ArrayList<>(List.of(JarProcess.java(), "-Xmx512m", "-jar", JarProcess.jar().toString()));
    command.addAll(List.of(args));
    return jar.run(command, sides.env(), "", List.of(args), bound).assertNoneOf(sides.secrets());
  }

  private void remember() {
    gitBefore = sides.repo.head("main");
    kestraBefore = kestraState();
  }

  private void assertNothingWritten() {
    assertEquals(gitBefore, sides.repo.head("main"), "Git was written");
    assertEquals(kestraBefore, kestraState(), "Kestra was written");
  }

  /** Every flow's source and namespace file's content in the emulator, by where it is. */
  private Map<String, String> kestraState() {
    Map<String, String> out = new TreeMap<>();
    for (FlowRevision flow : sides.state().flows(Sides.TENANT)) {
      out.put("flow " + flow.namespace() + "/" + flow.id(), flow.source());
    }
    for (String ns : sides.state().namespaces(Sides.TENANT)) {
      for (String path : sides.state().namespaceFilePaths(Sides.TENANT, ns)) {
        out.put("file " + ns + path, sides.state().namespaceFile(Sides.TENANT, ns, path)
            .map(b -> new String(b, StandardCharsets.ISO_8859_1)).orElse(""));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Trees too large to build through an index, written object by object

  /** A tree of {@code count} small files, all with the same content. */
  private TreeWriter wide(int count) {
    return inserter -> {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, X);
      List<String> names = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        names.add("f" + i + ".txt");
      }
      names.sort(null);
      TreeFormatter tree = new TreeFormatter();
      for (String name : names) {
        tree.append(name, FileMode.REGULAR_FILE, blob);
      }
      return inserter.insert(tree);
    };
  }

  /** A chain of {@code depth} folders, one inside the other, with a file at the bottom. */
  private TreeWriter deep(int depth) {
    return inserter -> {
      TreeFormatter bottom = new TreeFormatter();
      bottom.append("bottom.txt", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, X));
      ObjectId tree = inserter.insert(bottom);
      for (int i = 0; i < depth; i++) {
        TreeFormatter parent = new TreeFormatter();
        parent.append("d", FileMode.TREE, tree);
        tree = inserter.insert(parent);
      }
      return tree;
    };
  }

  /** The root tree {@code dev/files/<tree>} next to the flows a and b. */
  private TreeWriter filesTree(TreeWriter files) {
    return inserter -> {
      TreeFormatter flows = new TreeFormatter();
      flows.append("a.yaml", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, Sides.flow("dev", "a", "hello").getBytes(StandardCharsets.UTF_8)));
      flows.append("b.yaml", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, Sides.flow("dev", "b", "hello").getBytes(StandardCharsets.UTF_8)));
      TreeFormatter dev = new TreeFormatter();
      dev.append("files", FileMode.TREE, files.write(inserter));
      dev.append("flows", FileMode.TREE, inserter.insert(flows));
      TreeFormatter root = new TreeFormatter();
      root.append("dev", FileMode.TREE, inserter.insert(dev));
      return inserter.insert(root);
    };
  }

  /** Writes a tree's objects; returns its id. */
  @FunctionalInterface
  private interface TreeWriter {
    ObjectId write(ObjectInserter inserter) throws IOException;
  }

  /** Commits the tree as the whole of {@code main}, on top of its head, and remembers the new state. */
  private void commitTree(TreeWriter tree, String message) {
    try (Repository repo = sides.repo.open(); ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId head = repo.exactRef(Constants.R_HEADS + "main").getObjectId();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree.write(inserter));
      commit.setParentId(head);
      PersonIdent who = new PersonIdent("Hostile", "hostile@driftless.invalid");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repo.updateRef(Constants.R_HEADS + "main");
      update.setExpectedOldObjectId(head);
      update.setNewObjectId(id);
      RefUpdate.Result result = update.update();
      assertTrue(result == RefUpdate.Result.FAST_FORWARD || result == RefUpdate.Result.NEW, result.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    remember();
  }
}
