package dev.driftless.port;

import java.util.Objects;

/**
 * One thing wrong with a setting of a side: which setting, and what is wrong with it, worded to
 * follow the setting's name ({@code password} + {@code "needs a username"}).
 *
 * @param setting the setting's name, as the settings type names it ({@code url}, {@code password})
 * @param message what is wrong, never quoting a credential
 */
public record SettingProblem(String setting, String message) {

  public SettingProblem {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(message, "message");
  }

  /** {@code password needs a username}. */
  public String render() {
    return setting + " " + message;
  }

  @Override
  public String toString() {
    return render();
  }
}
