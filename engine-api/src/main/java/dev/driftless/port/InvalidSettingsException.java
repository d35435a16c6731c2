package dev.driftless.port;

import java.util.List;

/**
 * Settings that cannot work, with every problem found, each naming its setting; thrown when the
 * settings are built, before anything is read or written.
 */
public class InvalidSettingsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<SettingProblem> problems;

  /**
   * @param what the settings, as the message names them ({@code invalid Git remote https://host/repo})
   * @param problems every problem, at least one
   */
  public InvalidSettingsException(String what, List<SettingProblem> problems) {
    super(message(what, problems));
    this.problems = List.copyOf(problems);
  }

  public List<SettingProblem> problems() {
    return problems;
  }

  private static String message(String what, List<SettingProblem> problems) {
    StringBuilder out = new StringBuilder(what).append(':');
    problems.forEach(p -> out.append("\n  - ").append(p.render()));
    return out.toString();
  }
}
