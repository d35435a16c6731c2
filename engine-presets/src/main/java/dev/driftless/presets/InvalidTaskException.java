package dev.driftless.presets;

import java.util.List;
import java.util.stream.Collectors;

/** A task that cannot run, with every problem found; thrown before anything is read or written. */
public final class InvalidTaskException extends IllegalArgumentException {

  private final transient List<Problem> problems;

  public InvalidTaskException(String what, List<Problem> problems) {
    super(what + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
        + problems.stream().map(p -> "  - " + p.render()).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
