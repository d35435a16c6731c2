package dev.driftless.cli;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Saved plans on disk. A plan file is sealed when written and checked when read: one changed after
 * it was made is refused, naming the file (see {@link PlanJson}).
 */
final class PlanFiles {

  private PlanFiles() {}

  static Plan read(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError("plan file " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read plan file " + file + ": " + e.getMessage(), e);
    }
    try {
      return PlanJson.read(json, "the plan file " + file);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  static void write(Path file, Plan plan) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path temp = Files.createTempFile(parent, ".plan-", ".json");
      Files.writeString(temp, PlanJson.write(plan), StandardCharsets.UTF_8);
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserError("cannot write plan file " + file + ": " + e.getMessage(), e);
    }
  }
}
