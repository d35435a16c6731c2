package dev.driftless.core.internal.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void mask_secretKeys_preservingEquality() {
    SecretMasker masker = new SecretMasker();
    List<String> out = masker.maskLines(List.of(
        "    password: hunter2",
        "    apiToken: \"abc123\"",
        "    password: hunter2 # same",
        "    username: admin"));
    assertEquals("    password: <secret-1>", out.get(0));
    assertEquals("    apiToken: <secret-2>", out.get(1));
    assertEquals("    password: <secret-1> # same", out.get(2));
    assertEquals("    username: admin", out.get(3));
  }

  @Test
  void mask_leavesTemplatesVisible() {
    List<String> out = new SecretMasker().maskLines(List.of("    password: \"{{ secret('GITHUB_TOKEN') }}\""));
    assertEquals("    password: \"{{ secret('GITHUB_TOKEN') }}\"", out.get(0));
  }

  @Test
  void mask_knownTokenFormatsAnywhere_andUrlPasswords() {
    List<String> out = new SecretMasker().maskLines(List.of(
        "    message: use ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 now",
        "    uri: https://bob:s3cr3t@example.com/repo.git"));
    assertFalse(out.get(0).contains("ghp_ABC"), out.get(0));
    assertEquals("    uri: https://bob:<secret-2>@example.com/repo.git", out.get(1));
  }

  @Test
  void mask_blockStringsUnderSecretKeys_andPemBlocks() {
    List<String> out = new SecretMasker().maskLines(List.of(
        "privateKey: |",
        "  -----BEGIN OPENSSH PRIVATE KEY-----",
        "  b3BlbnNzaC1rZXktdjEAAAAA",
        "  -----END OPENSSH PRIVATE KEY-----",
        "next: visible",
        "key: -----BEGIN RSA PRIVATE KEY-----",
        "MIIEpAIBAAKCAQEA",
        "-----END RSA PRIVATE KEY-----"));
    assertTrue(out.get(1).contains("<secret-"));
    assertTrue(out.get(2).contains("<secret-"));
    assertEquals("next: visible", out.get(4));
    assertFalse(out.get(6).contains("MIIE"), out.get(6));
  }

  /** A plain scalar may continue on the next, deeper lines: under a secret key, those lines are its value. */
  @Test
  void mask_aValueOnTheLinesAfterItsSecretKey_butNotANestedMapping() {
    List<String> out = new SecretMasker().maskLines(List.of(
        "password:",
        "  hunter2",
        "apiToken:   # on the next line",
        "    abc123",
        "    def456",
        "credentials:",
        "  username: admin",
        "  password: s3cret",
        "secrets:",
        "  - name: a",
        "title:",
        "  visible"));
    assertEquals(List.of(
        "password:",
        "  <secret-1>",
        "apiToken:   # on the next line",
        "    <secret-2>",
        "    <secret-3>",
        "credentials:",
        "  username: admin",
        "  password: <secret-4>",
        "secrets:",
        "  - name: a",
        "title:",
        "  visible"), out);
  }

  /** Runs of spaces once made the line patterns take time quadratic in the line's length. */
  @Test
  void mask_longLinesOfSpaces_endsPromptly_andKeepsTheComment() {
    String spaces = " ".repeat(4_000);
    List<String> out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new SecretMasker().maskLines(List.of(
        "password: a" + spaces + "b" + spaces + "# note",
        "DB_PASSWORD=a" + spaces + "b",
        "title: x" + spaces + "y")));
    assertEquals("password: <secret-1>" + spaces + "# note", out.get(0));
    assertEquals("DB_PASSWORD=<secret-1>", out.get(1), "the same value, the same mask");
    assertEquals("title: x" + spaces + "y", out.get(2));
  }

  /** Lines built to make the patterns backtrack: each is searched in time near linear, or not at all. */
  @Test
  void mask_linesBuiltToBacktrack_endPromptly() {
    List<String> lines = List.of(
        "x " + "-password".repeat(1_000) + " y",
        "passwordpassword".repeat(600),
        "password=\"" + "a".repeat(9_000) + "\"",
        "note " + "eyJ".repeat(3_000),
        "title: " + "token".repeat(1_900) + " z",
        "-password".repeat(100_000));
    List<String> out = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new SecretMasker().maskLines(lines));
    assertEquals("password=<secret-1>", out.get(2));
    assertEquals("[a line of 900000 characters, not shown]", out.get(5));
  }

  @Test
  void mask_assignmentsAndFields_stillFoundInsideALine() {
    List<String> out = new SecretMasker().maskLines(List.of(
        "curl -u x --password=hunter2 https://h?user=bob&api_key=k3y&page=2",
        "{\"client_secret\": \"abc\", \"name\": \"n\"}",
        "see secrets.env: kept"));
    assertEquals("curl -u x --password=<secret-1> https://h?user=bob&api_key=<secret-2>&page=2", out.get(0));
    assertEquals("{\"client_secret\": \"<secret-3>\", \"name\": \"n\"}", out.get(1));
    assertEquals("see secrets.env: kept", out.get(2));
  }
}
