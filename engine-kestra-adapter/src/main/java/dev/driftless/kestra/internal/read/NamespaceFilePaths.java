package dev.driftless.kestra.internal.read;

import dev.driftless.resource.ResourceKey;
import java.util.Optional;

/**
 * Checks a namespace file path as an export names it, before it becomes a key: no NUL or control
 * character, not absolute, no {@code ..}; then normalised ({@code a//b} is {@code a/b}). A path that
 * fails is reported, never silently rewritten into another one.
 */
public final class NamespaceFilePaths {

  private NamespaceFilePaths() {}

  /** The path as a key's name, or why it cannot be one. */
  public static Result check(String raw) {
    if (raw.indexOf('\0') >= 0) {
      return Result.invalid("contains a NUL character");
    }
    if (raw.startsWith("/") || raw.startsWith("\\") || raw.matches("^[A-Za-z]:[/\\\\].*")) {
      return Result.invalid("is absolute");
    }
    for (String segment : raw.split("[/\\\\]", -1)) {
      if (segment.equals("..")) {
        return Result.invalid("has a '..' segment");
      }
    }
    String normalised = ResourceKey.normalisePath(raw);
    return ResourceKey.pathProblem(normalised).map(Result::invalid).orElseGet(() -> Result.valid(normalised));
  }

  /** A checked path: the normalised path, or the problem. */
  public record Result(Optional<String> path, Optional<String> problem) {
    static Result valid(String path) {
      return new Result(Optional.of(path), Optional.empty());
    }

    static Result invalid(String problem) {
      return new Result(Optional.empty(), Optional.of(problem));
    }
  }
}
