package dev.driftless.git.internal.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.git.internal.read.BlobVerdicts.Invalid;
import dev.driftless.git.internal.read.BlobVerdicts.Pending;
import dev.driftless.git.internal.read.BlobVerdicts.Valid;
import dev.driftless.git.internal.read.BlobVerdicts.Verdict;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict cache: what it remembers, how it keeps it, and that damage only costs a parse. */
class BlobVerdictsTest {

  @TempDir
  Path dir;

  private static Pending pending(String text, ResourceKind kind) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
      return new Pending(ids.idFor(Constants.OBJ_BLOB, bytes), kind, Content.of(bytes));
    }
  }

  private static List<Pending> mixed(int count) {
    List<Pending> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(switch (i % 4) {
        case 0 -> pending("id: f" + i + "\nnamespace: dev\ntasks: []\n", ResourceKind.FLOW);
        case 1 -> pending("id: f" + i + "\nnamespace: dev\ntasks: [\n", ResourceKind.FLOW);
        case 2 -> pending("title: board " + i + "\ncharts: []\n", ResourceKind.DASHBOARD);
        default -> pending("namespace: dev\n# " + i + "\n", ResourceKind.APP);
      });
    }
    return out;
  }

  private static List<Verdict> judgedOneByOne(List<Pending> blobs) {
    return blobs.stream().map(p -> BlobVerdicts.judge(p.content(), p.kind())).toList();
  }

  @Test
  void verdicts_areTheParsersVerdicts_inOrder_whetherJudgedOneByOneInParallelOrRemembered() {
    List<Pending> blobs = mixed(300);
    Path file = dir.resolve(BlobVerdicts.FILE_NAME);

    BlobVerdicts first = BlobVerdicts.open(Optional.of(file));
    List<Verdict> learnt = first.verdicts(blobs);
    first.save();
    List<Verdict> remembered = BlobVerdicts.open(Optional.of(file)).verdicts(blobs);

    List<Verdict> expected = judgedOneByOne(blobs);
    assertEquals(expected, learnt);
    assertEquals(expected, remembered);
    assertEquals(new Valid(Optional.of("f0"), Optional.of("dev")), expected.get(0));
    assertTrue(expected.get(1) instanceof Invalid invalid && invalid.line().isPresent(), expected.get(1).toString());
    assertEquals(new Valid(Optional.empty(), Optional.empty()), expected.get(2), "a dashboard may omit its id");
    assertEquals(new Invalid("has no 'id'", OptionalInt.empty()), expected.get(3));
  }

  @Test
  void aRememberedVerdict_isUsedWithoutParsing() throws IOException {
    Pending flow = pending("id: real\nnamespace: dev\ntasks: []\n", ResourceKind.FLOW);
    Path file = dir.resolve(BlobVerdicts.FILE_NAME);
    // A verdict no parse of these bytes would give: only the cache can be its source.
    Files.write(file, BlobVerdicts.encode(java.util.Map.of(new BlobVerdicts.Key(flow.blob(), ResourceKind.FLOW),
        new Valid(Optional.of("remembered"), Optional.of("elsewhere"))), BlobVerdicts.rules()));

    assertEquals(List.of(new Valid(Optional.of("remembered"), Optional.of("elsewhere"))),
        BlobVerdicts.open(Optional.of(file)).verdicts(List.of(flow)));
  }

  @Test
  void aVerdict_isPerKind() {
    byte[] bytes = "title: board\ncharts: []\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Pending asDashboard = pending("title: board\ncharts: []\n", ResourceKind.DASHBOARD);
    Pending asFlow = new Pending(asDashboard.blob(), ResourceKind.FLOW, Content.of(bytes));
    BlobVerdicts verdicts = BlobVerdicts.open(Optional.empty());

    List<Verdict> both = verdicts.verdicts(List.of(asDashboard, asFlow));

    assertTrue(both.get(0) instanceof Valid, both.toString());
    assertTrue(both.get(1) instanceof Invalid, both.toString());
  }

  @Test
  void aDamagedOrTruncatedFile_isIgnored_andReplacedOnSave() throws IOException {
    List<Pending> blobs = mixed(20);
    Path file = dir.resolve(BlobVerdicts.FILE_NAME);
    BlobVerdicts first = BlobVerdicts.open(Optional.of(file));
    first.verdicts(blobs);
    first.save();
    byte[] good = Files.readAllBytes(file);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x40;
    for (byte[] damaged : List.of(flipped, java.util.Arrays.copyOf(good, good.length - 3), new byte[] {1, 2, 3},
        new byte[0])) {
      Files.write(file, damaged);
      BlobVerdicts reopened = BlobVerdicts.open(Optional.of(file));
      assertEquals(judgedOneByOne(blobs), reopened.verdicts(blobs));
      reopened.save();
      assertEquals(judgedOneByOne(blobs), BlobVerdicts.open(Optional.of(file)).verdicts(blobs));
      assertTrue(Files.size(file) > 16, "replaced by a whole file");
    }
  }

  @Test
  void aFileWrittenUnderOtherRules_isDropped() throws IOException {
    Pending flow = pending("id: real\nnamespace: dev\ntasks: []\n", ResourceKind.FLOW);
    Path file = dir.resolve(BlobVerdicts.FILE_NAME);
    Files.write(file, BlobVerdicts.encode(java.util.Map.of(new BlobVerdicts.Key(flow.blob(), ResourceKind.FLOW),
        new Valid(Optional.of("remembered"), Optional.empty())), BlobVerdicts.rules() + " (older)"));

    assertEquals(List.of(new Valid(Optional.of("real"), Optional.of("dev"))),
        BlobVerdicts.open(Optional.of(file)).verdicts(List.of(flow)));
  }

  @Test
  void save_writesOnlyWhenSomethingWasLearnt_andLeavesNoTemporaryFiles() throws IOException {
    List<Pending> blobs = mixed(10);
    Path file = dir.resolve(BlobVerdicts.FILE_NAME);
    BlobVerdicts first = BlobVerdicts.open(Optional.of(file));
    first.verdicts(blobs);
    first.save();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

    BlobVerdicts second = BlobVerdicts.open(Optional.of(file));
    second.verdicts(blobs);
    second.save();
    assertEquals(0, Files.getLastModifiedTime(file).toMillis(), "nothing new, nothing written");

    BlobVerdicts third = BlobVerdicts.open(Optional.of(file));
    third.verdicts(mixed(11));
    third.save();
    assertNotEquals(0, Files.getLastModifiedTime(file).toMillis(), "one new verdict, written");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void withoutAFile_nothingIsWritten() throws IOException {
    BlobVerdicts verdicts = BlobVerdicts.open(Optional.empty());
    verdicts.verdicts(mixed(5));
    verdicts.save();
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.findAny().isPresent());
    }
  }

  @Test
  void aFileOverTheBound_isTrimmedToTheVerdictsOneSessionUsed() throws IOException {
    Path file = dir.resolve(BlobVerdicts.FILE_NAME);
    java.util.Map<BlobVerdicts.Key, Verdict> many = new java.util.HashMap<>();
    Valid verdict = new Valid(Optional.of("x"), Optional.of("dev"));
    for (int i = 0; i <= BlobVerdicts.MAX_KEPT; i++) {
      many.put(new BlobVerdicts.Key(ObjectId.fromRaw(new int[] {1, i * 0x9E3779B9, i, 3, 4}), ResourceKind.FLOW), verdict);
    }
    Files.write(file, BlobVerdicts.encode(many, BlobVerdicts.rules()));
    List<Pending> used = mixed(8);

    BlobVerdicts big = BlobVerdicts.open(Optional.of(file));
    big.verdicts(used);
    big.save();

    assertEquals(used.size(), BlobVerdicts.decode(Files.readAllBytes(file)).size());
  }
}
