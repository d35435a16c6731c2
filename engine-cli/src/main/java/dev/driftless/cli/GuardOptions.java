package dev.driftless.cli;

import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The mass-deletion guard's flags, for {@code plan}, {@code apply} and {@code run}: each changes one
 * setting of the guard it is given (the defaults, or a task's), the others stay as they are. The
 * flags are the task properties spelled the command line's way.
 */
final class GuardOptions {

  @Option(names = "--max-delete-share", paramLabel = "SHARE",
      description = "Hold back a plan deleting more than this share of what a side holds in scope, such as 30%% or 0.3 "
          + "(default: 30%%; task property maxDeleteShare).")
  String maxDeleteShare;

  @Option(names = "--delete-guard-min-population", paramLabel = "N",
      description = "Judge a side by that share only when it holds at least N resources in scope (default: 10; task "
          + "property deleteGuardMinPopulation). Deleting everything where the source holds nothing is held at any size.")
  Integer minPopulation;

  @Option(names = "--allow-deletes", paramLabel = "N",
      description = "Let a plan deleting at most N resources on a side through without approval (task property "
          + "allowedDeletes).")
  Integer allowDeletes;

  @Option(names = "--no-delete-guard", description = "No mass-deletion guard: nothing is held back.")
  boolean noGuard;

  /** Whether any guard flag is given. */
  boolean isSet() {
    return maxDeleteShare != null || minPopulation != null || allowDeletes != null || noGuard;
  }

  /** The policy with its guard changed by these flags; every bad flag at once, in words. */
  Policy applyTo(Policy policy) {
    return isSet() ? policy.withGuards(applyTo(policy.guards())) : policy;
  }

  /** The guard changed by these flags; every bad flag at once, in words. */
  Guards applyTo(Guards guards) {
    List<String> problems = new ArrayList<>();
    if (noGuard && (maxDeleteShare != null || minPopulation != null || allowDeletes != null)) {
      problems.add("--no-delete-guard turns the guard off: give it without --max-delete-share, "
          + "--delete-guard-min-population or --allow-deletes");
    }
    Guards out = noGuard ? Guards.none() : guards;
    if (maxDeleteShare != null) {
      try {
        out = out.withMaxDeleteShare(Guards.share(maxDeleteShare));
      } catch (IllegalArgumentException e) {
        problems.add("--max-delete-share " + e.getMessage());
      }
    }
    if (minPopulation != null) {
      if (minPopulation < 0) {
        problems.add("--delete-guard-min-population must be 0 or more, got " + minPopulation);
      } else {
        out = out.withMinPopulation(minPopulation);
      }
    }
    if (allowDeletes != null) {
      if (allowDeletes < 0) {
        problems.add("--allow-deletes must be 0 or more, got " + allowDeletes);
      } else {
        out = out.withAllowedDeletes(allowDeletes);
      }
    }
    if (!problems.isEmpty()) {
      throw new UserError(String.join("; ", problems));
    }
    return out;
  }
}
