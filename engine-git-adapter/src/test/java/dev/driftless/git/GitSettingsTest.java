package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.git.layout.Layout;
import dev.driftless.plan.PlanOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GitSettingsTest {

  @Test
  void remote_listsEveryProblemAtOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GitRemote.builder()
        .url("git://example.com/flows.git")
        .password(Secret.of("tok_abcdef"))
        .privateKey(Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----"))
        .privateKeyFile(Path.of("/keys/id_rsa"))
        .trustedCaPem(Path.of("/ca.pem"))
        .connectTimeout(Duration.ZERO)
        .build());
    String message = e.getMessage();
    assertTrue(message.contains("password is used for HTTP(S) remotes only"), message);
    assertTrue(message.contains("username is required with a password"), message);
    assertTrue(message.contains("privateKey is used for SSH remotes only"), message);
    assertTrue(message.contains("not both"), message);
    assertTrue(message.contains("trustedCaPem is used for HTTPS remotes only"), message);
    assertTrue(message.contains("connectTimeout must be positive"), message);
    assertFalse(message.contains("tok_abcdef"), message);
  }

  @Test
  void remote_refusesAPasswordInTheUrl_withoutRepeatingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GitRemote.of("https://bot:hunter2@github.com/acme/flows.git"));
    assertTrue(e.getMessage().contains("url holds a password"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void remote_needsAKeyForSsh() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GitRemote.of("git@github.com:acme/flows.git"));
    assertTrue(e.getMessage().contains("privateKey is required for an SSH remote"), e.getMessage());
  }

  @Test
  void remote_knowsItsProtocol() {
    assertEquals(GitRemote.Protocol.SSH, GitRemote.builder().url("git@github.com:a/b.git")
        .privateKey(Secret.of("k")).build().protocol());
    assertEquals(GitRemote.Protocol.SSH, GitRemote.builder().url("ssh://git@host:2222/a/b.git")
        .privateKey(Secret.of("k")).build().protocol());
    assertEquals(GitRemote.Protocol.HTTPS, GitRemote.of("https://host/a.git").protocol());
    assertEquals(GitRemote.Protocol.HTTP, GitRemote.of("http://host/a.git").protocol());
    assertEquals(GitRemote.Protocol.GIT, GitRemote.of("git://host/a.git").protocol());
    assertEquals(GitRemote.Protocol.FILE, GitRemote.of("file:///srv/a.git").protocol());
    assertEquals(GitRemote.Protocol.LOCAL, GitRemote.of("/srv/a.git").protocol());
  }

  @Test
  void remote_toString_showsNoSecret() {
    GitRemote remote = GitRemote.builder().url("https://github.com/acme/flows.git").username("bot")
        .password(Secret.of("tok_0123456789")).build();
    assertFalse(remote.toString().contains("tok_0123456789"), remote.toString());
    assertTrue(remote.toString().contains("***"), remote.toString());
  }

  @Test
  void settings_listEveryProblemAtOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GitSettings.builder()
        .remote(GitRemote.of("https://github.com/acme/flows.git"))
        .layout(Layout.flows("dev"))
        .branch("bad..branch")
        .maxFileBytes(0)
        .authorEmail("nobody")
        .commitMessage(" ")
        .build());
    String message = e.getMessage();
    assertTrue(message.contains("branch 'bad..branch' is not a valid branch name"), message);
    assertTrue(message.contains("maxFileBytes must be positive"), message);
    assertTrue(message.contains("authorEmail 'nobody' is no e-mail address"), message);
    assertTrue(message.contains("commitMessage must not be blank"), message);
  }

  @Test
  void settings_requireRemoteAndLayout() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> GitSettings.builder().build());
    assertTrue(e.getMessage().contains("remote") && e.getMessage().contains("layout"), e.getMessage());
  }

  @Test
  void settings_haveThePluginsDefaults() {
    GitSettings settings = GitSettings.builder().remote(GitRemote.builder().url("https://h/a.git").username("ci")
        .password(Secret.of("t")).build()).layout(Layout.flows("dev")).build();
    assertEquals("main", settings.branch());
    assertEquals(Duration.ofSeconds(10), settings.remote().connectTimeout());
    assertEquals(Duration.ofSeconds(60), settings.remote().readTimeout());
    assertEquals("ci", settings.effectiveAuthorName());
    assertEquals(GitSettings.DEFAULT_MAX_FILE_BYTES, settings.maxFileBytes());
    assertEquals(PlanOptions.DEFAULT_MAX_RESOURCE_BYTES, settings.maxFileBytes(), "the planner's and Kestra's limit");
    assertFalse(settings.readMissingAsEmpty());
    assertEquals("Driftless: Plan: 1 to create.\n\nPlan abc\n", settings.commitMessage("abc", "Plan: 1 to create."));
  }

  @Test
  void hostKeys_defaultToTheUsersKnownHosts_andSayLoudlyWhenOff() {
    assertEquals(HostKeys.Source.KNOWN_HOSTS_FILE, GitRemote.of("https://h/a.git").hostKeys().source());
    assertTrue(HostKeys.acceptAnyHostKeyInsecurely().toString().contains("INSECURE"));
    assertFalse(HostKeys.acceptAnyHostKeyInsecurely().verifies());
  }

  @Test
  void remote_toString_namesWhereASecretCameFrom_notTheSecret() {
    GitRemote remote = GitRemote.builder().url("https://github.com/acme/flows.git").username("bot")
        .password(Secret.of("tok_0123456789", "secret('GITHUB_TOKEN')")).build();
    assertTrue(remote.toString().contains("***(secret('GITHUB_TOKEN'))"), remote.toString());
    assertFalse(remote.toString().contains("tok_0123456789"), remote.toString());
  }

  @Test
  void baselineRef_isOnePerBranchAndDirectory_andBranchesWithSlashesDoNotMeet() {
    GitSettings.Builder base = GitSettings.builder().remote(GitRemote.of("https://h/a.git"));
    GitSettings main = base.layout(Layout.flows("dev")).build();
    assertTrue(main.baselineRef().matches("refs/driftless/baseline/[0-9a-f]{16}"), main.baselineRef());
    assertEquals(main.baselineRef(), GitSettings.builder().remote(GitRemote.of("https://other/b.git"))
        .layout(Layout.flows("dev")).build().baselineRef(), "the same branch and directory share it");
    Set<String> refs = new HashSet<>();
    for (String branch : List.of("main", "a/b", "a", "a/b/c", "a-b")) {
      for (Layout layout : List.of(Layout.flows("dev"), Layout.namespaces(), Layout.namespaces("a/b"),
          Layout.namespaces("b"))) {
        GitSettings settings = GitSettings.builder().remote(GitRemote.of("https://h/a.git")).branch(branch)
            .layout(layout).build();
        assertTrue(refs.add(settings.baselineRef()), branch + " " + layout.describe() + " clashes");
        assertEquals(GitSettings.defaultBaselineRef(branch, layout.directory()), settings.baselineRef());
      }
    }
    assertEquals("refs/driftless/baseline/flows", GitSettings.builder().remote(GitRemote.of("https://h/a.git"))
        .layout(Layout.flows("dev")).baselineRef("refs/driftless/baseline/flows").build().baselineRef());
  }

  @Test
  void baselineRef_mustBeAValidRefOutsideBranchesAndTags() {
    for (String bad : List.of("refs/heads/baseline", "refs/tags/baseline", "driftless/baseline", "refs/a..b",
        "refs/a b", "refs/x.lock", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GitSettings.builder()
          .remote(GitRemote.of("https://h/a.git")).layout(Layout.flows("dev")).baselineRef(bad).build(), bad);
      assertTrue(e.getMessage().contains("baselineRef '" + bad + "'"), e.getMessage());
    }
  }
}
