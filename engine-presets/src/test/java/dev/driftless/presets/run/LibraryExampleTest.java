package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.flow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's "The library" example runs as written, and the README shows what is compiled here. */
@Timeout(60)
class LibraryExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/dev/driftless/presets/run/LibraryExample.java");
  private static final Path README = Path.of("../README.md");

  @TempDir
  Path dir;

  @Test
  void theExample_syncsANamespaceFromGitIntoKestra() {
    try (PresetWorld world = PresetWorld.start(dir)) {
      world.commit().add("company.team/flows/hello.yaml", flow("company.team", "hello", "hi")).push();

      PresetResult run = LibraryExample.syncFromGit(world.url(), world.gitUser(), Secret.of(world.gitToken()),
          world.kestraUrl(), Secret.of(PresetWorld.KESTRA_PASSWORD));

      assertTrue(run.isSuccess(), run.plan().summary().line());
      assertEquals(Optional.of(flow("company.team", "hello", "hi")), world.flow("company.team", "hello"));
      assertEquals(1, run.rows().size(), run.rows().toString());
    }
  }

  @Test
  void theReadme_showsTheCompiledExample() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String example = between(Files.readString(EXAMPLE, StandardCharsets.UTF_8));

    assertTrue(readme.contains("```java\n" + example + "```\n"),
        "README.md's \"The library\" section should show, as a java block:\n" + example);
  }

  /** The lines between the markers, without their common indentation. */
  private static String between(String source) {
    List<String> lines = Arrays.asList(source.split("\n", -1));
    int begin = indexOf(lines, "// README: begin");
    int end = indexOf(lines, "// README: end");
    List<String> body = lines.subList(begin + 1, end);
    int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n")) + "\n";
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("no '" + marker + "' line in " + EXAMPLE);
  }
}
