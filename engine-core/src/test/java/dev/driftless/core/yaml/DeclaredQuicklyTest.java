package dev.driftless.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link YamlDocument#declaredQuickly} must never disagree with the full parse: whenever it answers,
 * the full parse finds the text valid with the same {@code id} and {@code namespace}, so the verdict
 * on every text is the same whichever way it is judged. Texts are generated in the block style,
 * then many are broken on purpose (characters and lines inserted, removed, repeated), so that the
 * quick check meets what it must give up on: duplicate keys, anchors and aliases, several documents,
 * tabs, bad indentation, long scalars, byte order marks, numbers and booleans where the identity
 * stands.
 */
class DeclaredQuicklyTest {

  private static final List<ResourceKind> KINDS = List.of(ResourceKind.FLOW, ResourceKind.DASHBOARD, ResourceKind.APP,
      ResourceKind.TEST);

  /** A verdict as the Git reader keeps it: the declared identity, or the problem and its line. */
  private record Verdict(Optional<String> id, Optional<String> namespace, String problem, OptionalInt line) {}

  private static Verdict full(Content content, ResourceKind kind) {
    ParsedYaml parsed = YamlDocument.parse(content);
    Optional<YamlProblem> problem = parsed.problem()
        .or(() -> parsed.document().flatMap(doc -> doc.identityProblem(kind)));
    if (problem.isPresent()) {
      return new Verdict(Optional.empty(), Optional.empty(), problem.get().message(), problem.get().line());
    }
    YamlDocument doc = parsed.document().orElseThrow();
    return new Verdict(doc.id(), doc.namespace(), "", OptionalInt.empty());
  }

  private static Verdict judged(Content content, ResourceKind kind) {
    return YamlDocument.declaredQuickly(content, kind)
        .map(d -> new Verdict(d.id(), d.namespace(), "", OptionalInt.empty()))
        .orElseGet(() -> full(content, kind));
  }

  private static void assertSameVerdict(String text, ResourceKind kind) {
    Content content = Content.of(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(full(content, kind), judged(content, kind), () -> "a different verdict as a " + kind.label()
        + " on\n" + text.replace("\t", "<TAB>").replace("\r", "<CR>"));
  }

  @Test
  @Timeout(120)
  void declaredQuickly_givesTheFullParsesVerdict_onGeneratedAndBrokenTexts() {
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    System.out.println("DeclaredQuicklyTest seed " + seed + " (reproduce with -Ddriftless.seed=" + seed + ")");
    AtomicInteger quick = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    try {
      qt().withFixedSeed(seed).withExamples(Integer.getInteger("driftless.examples", 6000)).forAll(longs().all()).checkAssert(n -> {
        Random random = new Random(n);
        String text = new Texts(random).document();
        if (random.nextInt(5) == 0) {
          text = text.replace("\n", "\r\n");
        }
        if (random.nextInt(2) > 0) {
          text = Texts.broken(text, random);
        }
        ResourceKind kind = KINDS.get(random.nextInt(KINDS.size()));
        total.incrementAndGet();
        Content content = Content.of(text.getBytes(StandardCharsets.UTF_8));
        if (YamlDocument.declaredQuickly(content, kind).isPresent()) {
          quick.incrementAndGet();
        }
        assertSameVerdict(text, kind);
      });
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("quick identity property failed with seed " + seed + "; reproduce with -Ddriftless.seed="
          + seed + "\n" + e.getMessage(), e);
    }
    System.out.println("DeclaredQuicklyTest: " + quick + " of " + total + " texts judged quickly");
    // Not vacuous: the quick check answers for a good share of the texts, and gives up on others.
    assertTrue(quick.get() > total.get() / 10, quick + " of " + total + " judged quickly");
    assertTrue(quick.get() < total.get() * 9 / 10, quick + " of " + total + " judged quickly");
  }

  @Test
  void declaredQuickly_answers_forAPlainFlow() {
    String flow = """
        # a comment
        id: hello
        namespace: company.team
        description: "Loads the table"
        labels:
          owner: data
        inputs:
          - id: day
            type: STRING
            defaults: '2024-01-01'
        tasks:
        - id: run
          type: io.kestra.plugin.scripts.shell.Commands
          commands:
            - |
              set -e
              echo "a: b" # not a comment
          timeout: 30
        triggers: []
        """;
    assertEquals(Optional.of(new DeclaredIdentity(Optional.of("hello"), Optional.of("company.team"))),
        YamlDocument.declaredQuickly(Content.of(flow.getBytes(StandardCharsets.UTF_8)), ResourceKind.FLOW));
    assertSameVerdict(flow, ResourceKind.FLOW);
  }

  /** The hostile texts each need the full parse; the verdict is the full parse's. */
  @Test
  void declaredQuickly_givesUp_onWhatOnlyTheFullParseCanJudge() {
    List<String> hostile = List.of(
        "id: a\nnamespace: dev\nid: b\n",
        "id: a\nnamespace: dev\nx:\n  k: 1\n  k: 2\n",
        "id: a\nnamespace: dev\n---\nid: b\nnamespace: dev\n",
        "---\nid: a\nnamespace: dev\n",
        "id: &x a\nnamespace: dev\ny: *x\n",
        "id: a\nnamespace: dev\nb: &anchor\n  c: 1\nd: *anchor\n",
        "id: a\nnamespace: dev\n\tx: 1\n",
        "id: a\r\nnamespace: dev\r\n",
        "id: a\rnamespace: dev\r",
        "id: a\r\nnamespace: dev\r\nx: |\r\n  one\r\n\r\n  two\r\ny: 'q' # c\r\n",
        "id: a\r\nnamespace: dev\r\r\n",
        "\uFEFFid: a\nnamespace: dev\n",
        "id: a\nnamespace: dev\nx:\n  y: 1\n   z: 2\n",
        "id: a\nnamespace: dev\nx:\n    y: 1\n  z: 2\n",
        "id: a\nnamespace: dev\nx: " + "9".repeat(5000) + "\n",
        "id: a\nnamespace: dev\nx: \"" + "a".repeat(200_000) + "\"\n",
        "id: yes\nnamespace: dev\n",
        "id: 12\nnamespace: dev\n",
        "id: a\nnamespace: null\n",
        "id: a\nnamespace: dev\nversion: 1.2.3\n",
        "id: a\nnamespace: dev\nx: 0x1G\n",
        "id: a\nnamespace: dev\nx: a: b\n",
        "id: a\nnamespace: dev\nx: |\n  one\n two\n",
        "id: a\nnamespace: dev\nx: |\n   \n  one\n",
        "id: a\nnamespace: dev\nx: \"unterminated\n",
        "id: a\nnamespace: dev\nx: 'it''s'\ny: \"\\q\"\n",
        "id: !!str 12\nnamespace: dev\n",
        "id: \"a\"\nnamespace: 'dev'\nx: {{ inputs.a }}\n",
        "  id: a\n  namespace: dev\n",
        "- id: a\n",
        "id: a\nnamespace: dev\nx: @at\n",
        "id: a\nnamespace: dev\nx: foo\n  continued\n",
        "id: a\nnamespace: dev\n? complex\n: key\n",
        "%YAML 1.1\n---\nid: a\nnamespace: dev\n",
        "id: a\nnamespace: dev\n...\n",
        "id: a\nnamespace: dev\nx: \u2028\n",
        "id: a\nnamespace: dev\nx: \u0085\n");
    for (String text : hostile) {
      for (ResourceKind kind : KINDS) {
        assertSameVerdict(text, kind);
      }
    }
  }

  /** Near and past the limits: the quick check answers only far below them, and agrees everywhere. */
  @Test
  @Timeout(60)
  void declaredQuickly_givesTheFullParsesVerdict_nearTheLimits() {
    StringBuilder manyKeys = new StringBuilder("id: a\nnamespace: dev\n");
    for (int i = 0; i < 60_000; i++) {
      manyKeys.append('k').append(i).append(": 1\n");
    }
    assertSameVerdict(manyKeys.toString(), ResourceKind.FLOW);
    for (int depth : new int[] {30, 63, 64, 65, 70, 199, 201}) {
      StringBuilder nested = new StringBuilder("id: a\nnamespace: dev\n");
      for (int i = 0; i < depth; i++) {
        nested.append(" ".repeat(i)).append("k:\n");
      }
      nested.append(" ".repeat(depth)).append("v: 1\n");
      assertSameVerdict(nested.toString(), ResourceKind.FLOW);
    }
    String longText = "id: a\nnamespace: dev\nx: |\n" + ("  " + "y".repeat(1000) + "\n").repeat(1100);
    assertSameVerdict(longText, ResourceKind.FLOW);
    String justBelow = "id: a\nnamespace: dev\nx: |\n" + ("  " + "y".repeat(1000) + "\n").repeat(1000);
    assertTrue(YamlDocument.declaredQuickly(Content.of(justBelow.getBytes(StandardCharsets.UTF_8)), ResourceKind.FLOW)
        .isPresent(), "a long block scalar below the bound is judged quickly");
    assertSameVerdict(justBelow, ResourceKind.FLOW);
  }

  @Test
  void declaredQuickly_readsNonUtf8_asTheFullParseDoes() {
    Content binary = Content.of(new byte[] {'i', 'd', ':', ' ', (byte) 0xff, '\n'});
    assertEquals(Optional.empty(), YamlDocument.declaredQuickly(binary, ResourceKind.FLOW));
  }

  /** Block-style YAML texts from a random source, near the style flows are written in and sometimes not. */
  static final class Texts {
    private static final List<String> KEYS = List.of("id", "namespace", "type", "tasks", "inputs", "message", "x",
        "y", "on", "1", "a.b", "a-b", "_k", "defaults", "triggers", "labels");
    private static final List<String> WORDS = List.of("hello", "company.team", "dev", "a", "flow_1", "io.kestra.X",
        "yes", "No", "TRUE", "false", "null", "Null", "~", "y", "n", "on", "OFF", "12", "0", "007", "0x1F", "0b101",
        "1.5", "1.2.3", "-3", "+4", "1e5", ".inf", ".NaN", "2024-01-01", "12:30", "1_000", "<<", "$x", "/path",
        "(p)", "é", "a b", "a:b", "a #b", "a#b", "€uro", "{{ x }}", "[a, b]", "{}", "[]", "{a: 1}", "*alias",
        "&anchor v", "!!str s", "!t v", "@x", "`x", "%x", "|", ">", "-", "- x", "?", ":", "#", "'", "\"",
        "'q'", "'it''s'", "\"q\"", "\"a\\nb\"", "\"a\\x41\"", "\"a\\/\"", "\"\\u00e9\"", "''", "\"\"", "\" \"",
        "ok # c", "'q' # c", "[a,]", "[a, [b]]", "[01]", "['it''s']", "[\"a\\\"\"]", "[a b]",
        "[a: b]", "[a] x", "[a] # c", "[yes, null, 1.5]", "[9999999999999999999999]", "[,]", "[a", "[\"a,b\"]", "'q'x", "\"q\"#c", "|-", ">+", "|2", "| # c");
    private static final List<String> CLEAN = List.of("hello", "company.team", "a b c", "io.kestra.plugin.core.log.Log",
        "12", "'quoted'", "\"double\"", "/path/to", "$HOME", "x", "'{{ x }}'",
        "[SUCCESS, FAILED]", "['a', \"b\"]", "[1, 2]", "[a,b]", "[ ]");
    private final Random random;

    Texts(Random random) {
      this.random = random;
    }

    String document() {
      StringBuilder out = new StringBuilder();
      if (random.nextInt(10) == 0) {
        out.append("# comment\n");
      }
      if (random.nextInt(8) > 0) {
        out.append("id: ").append(random.nextBoolean() ? "hello" : pick(List.of("hello", "a", "'quoted'", "\"dq\"", "flow_2", "yes", "12", "", "x y",
            "hello # c", "|\n  block"))).append('\n');
      }
      if (random.nextInt(8) > 0) {
        out.append("namespace: ").append(random.nextBoolean() ? "company.team" : pick(List.of("company.team", "dev", "'dev'", "\"a.b\"", "a..b", "null",
            "", "dev # c", "Dev.Team"))).append('\n');
      }
      mapping(out, 0, 0, random.nextInt(6));
      return out.toString();
    }

    private void mapping(StringBuilder out, int indent, int depth, int entries) {
      java.util.Set<String> used = new java.util.HashSet<>(List.of("id", "namespace"));
      for (int i = 0; i < entries; i++) {
        if (random.nextInt(12) == 0) {
          out.append(" ".repeat(random.nextInt(indent + 3))).append(random.nextBoolean() ? "# note\n" : "\n");
        }
        String key = pick(KEYS);
        if (random.nextInt(10) > 0) {
          while (!used.add(key)) {
            key = pick(KEYS) + random.nextInt(1000);
          }
        }
        out.append(" ".repeat(indent)).append(key).append(':');
        value(out, indent, depth, true);
      }
    }

    /** After a key's colon or a dash: a value on this line, or a nested block on the next ones. */
    private void value(StringBuilder out, int indent, int depth, boolean ofMapping) {
      int choice = depth > 3 ? random.nextInt(3) : random.nextInt(6);
      switch (choice) {
        case 0, 1 -> out.append(' ').append(random.nextInt(4) == 0 ? pick(WORDS) : pick(CLEAN)).append('\n');
        case 2 -> {
          out.append(' ').append(random.nextBoolean() ? "|" : ">-").append('\n');
          int inner = indent + 1 + random.nextInt(3);
          for (int j = random.nextInt(4); j >= 0; j--) {
            out.append(" ".repeat(inner + (random.nextInt(5) == 0 ? 2 : 0))).append(pick(WORDS)).append('\n');
            // (a block scalar holds any text)
            if (random.nextInt(6) == 0) {
              out.append('\n');
            }
          }
        }
        case 3 -> {
          out.append('\n');
          mapping(out, indent + 1 + random.nextInt(3), depth + 1, 1 + random.nextInt(3));
        }
        default -> {
          out.append('\n');
          int dash = ofMapping && random.nextBoolean() ? indent : indent + 1 + random.nextInt(2);
          for (int j = random.nextInt(3); j >= 0; j--) {
            out.append(" ".repeat(dash)).append('-');
            if (random.nextBoolean()) {
              out.append(' ').append(random.nextInt(4) == 0 ? pick(KEYS) : "id").append(':');
              value(out, dash + 2, depth + 1, true);
              if (random.nextBoolean()) {
                mapping(out, dash + 2, depth + 1, 1 + random.nextInt(2));
              }
            } else {
              value(out, dash, depth + 1, false);
            }
          }
        }
      }
    }

    private String pick(List<String> from) {
      return from.get(random.nextInt(from.size()));
    }

    private static final List<String> HOSTILE = List.of("\t", "\r", "\n", " ", "  ", "#", ": ", "-", "- ", "---\n",
        "...\n", "'", "\"", "&a ", "*a", "!", "|", ">", "[", "]", "{", "}", ",", "?", "%", "@", "\\", "\uFEFF",
        "\u00a0", "\u2028", "\u0085", "\u0000", "é", "\uD83D\uDE00", "id: x\n", "namespace: y\n", "x: 1\n");

    /** The text with a few characters or lines inserted, removed or repeated. */
    static String broken(String text, Random random) {
      StringBuilder out = new StringBuilder(text);
      for (int k = random.nextInt(3); k >= 0; k--) {
        int at = out.length() == 0 ? 0 : random.nextInt(out.length() + 1);
        switch (random.nextInt(5)) {
          case 0, 1 -> out.insert(at, HOSTILE.get(random.nextInt(HOSTILE.size())));
          case 2 -> {
            if (out.length() > 0) {
              out.deleteCharAt(Math.min(at, out.length() - 1));
            }
          }
          case 3 -> {
            int start = out.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
            int end = out.indexOf("\n", at);
            if (end >= 0 && start <= end) {
              out.insert(start, out.substring(start, end + 1));
            }
          }
          default -> out.insert(at, " ".repeat(1 + random.nextInt(3)));
        }
      }
      return out.toString();
    }
  }
}
