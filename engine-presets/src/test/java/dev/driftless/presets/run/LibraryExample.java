package dev.driftless.presets.run;

import dev.driftless.core.render.PlanText;
import dev.driftless.credential.Secret;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.policy.WhenMissing;
import dev.driftless.presets.NamespaceSync;
import dev.driftless.resource.Side;

/**
 * The README's example of running a preset from Java, compiled here: {@link LibraryExampleTest}
 * runs it and holds the README's text to the lines between the markers.
 */
final class LibraryExample {

  private LibraryExample() {}

  static PresetResult syncFromGit(String repository, String gitUser, Secret gitToken, String kestraUrl,
      Secret kestraPassword) {
    // README: begin
    NamespaceSync task = NamespaceSync.builder()
        .url(repository).username(gitUser).password(gitToken)
        .branch("main").namespace("company.team")
        .sourceOfTruth(Side.GIT).whenMissingInSource(WhenMissing.KEEP)
        .kestraUrl(kestraUrl)
        .auth(new KestraAuth.Basic("admin@kestra.io", kestraPassword))
        .build();                                        // every problem of the task at once
    PresetResult result = PresetRunner.create().run(task);  // plans, then applies unless dryRun(true)
    System.out.println(PlanText.render(result.plan()));
    result.rows();                                       // the plugin's diff rows; result.ion() as a file
    result.commitUrl();                                  // for tasks that push to Git
    // README: end
    return result;
  }
}
