package dev.driftless.core.internal.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of secret-looking value the masker knows, one named case each: the line, what must not
 * show, and the line as masked. Then the values that look alike but are references or plain data,
 * and stay as they are.
 */
class SecretPatternsTest {

  static List<Arguments> secrets() {
    return List.of(
        // .env files, shell scripts, properties and INI files
        masked(".env line", "DB_PASSWORD=hunter2-env", "hunter2-env", "DB_PASSWORD=<secret-1>"),
        masked(".env line with export", "export API_TOKEN=tok-abc-123", "tok-abc-123", "export API_TOKEN=<secret-1>"),
        masked(".env AWS secret key", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY=<secret-1>"),
        masked(".env double-quoted", "STRIPE_SECRET=\"sk test value\"", "sk test value", "STRIPE_SECRET=<secret-1>"),
        masked(".env single-quoted", "SMTP_PASS='my pass word'", "my pass word", "SMTP_PASS=<secret-1>"),
        masked(".env unquoted with spaces", "DB_PASSWD=two words", "two words", "DB_PASSWD=<secret-1>"),
        masked("INI with spaces and a comment", "client_secret = s3cr3t-value # rotated", "s3cr3t-value",
            "client_secret = <secret-1> # rotated"),
        masked("properties file", "spring.datasource.password=prop-secret", "prop-secret",
            "spring.datasource.password=<secret-1>"),
        masked("YAML list of environment variables", "  - DB_PASSWORD=list-secret", "list-secret",
            "  - DB_PASSWORD=<secret-1>"),
        masked("script line in a block string", "      export GITHUB_TOKEN=abc123def456", "abc123def456",
            "      export GITHUB_TOKEN=<secret-1>"),
        masked("command-line option", "    commands: mysql --password=cmd-secret -h db", "cmd-secret",
            "    commands: mysql --password=<secret-1> -h db"),
        // URLs
        masked("JDBC password parameter", "url: jdbc:postgresql://db:5432/app?user=app&password=jdbc-secret&ssl=true",
            "jdbc-secret", "url: jdbc:postgresql://db:5432/app?user=app&password=<secret-1>&ssl=true"),
        masked("JDBC SQL Server properties", "url: jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=mssql-secret;",
            "mssql-secret", "url: jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=<secret-1>;"),
        masked("JDBC Oracle user/password@", "url: jdbc:oracle:thin:scott/tiger-secret@db:1521/ORCL", "tiger-secret",
            "url: jdbc:oracle:thin:scott/<secret-1>@db:1521/ORCL"),
        masked("URL userinfo", "uri: https://bob:url-secret@example.com/repo.git", "url-secret",
            "uri: https://bob:<secret-1>@example.com/repo.git"),
        masked("URL userinfo with an @ in the password", "uri: https://bob:p@ss-word@example.com/x", "p@ss-word",
            "uri: https://bob:<secret-1>@example.com/x"),
        masked("URL access token parameter", "uri: https://api.example.com/v1?access_token=qs-secret-123&page=2",
            "qs-secret-123", "uri: https://api.example.com/v1?access_token=<secret-1>&page=2"),
        // HTTP headers
        masked("Authorization: Bearer in YAML", "      Authorization: Bearer bearer-yaml-secret-123",
            "bearer-yaml-secret-123", "      Authorization: Bearer <secret-1>"),
        masked("Authorization: Basic in a JSON header map", "headers: {\"Authorization\": \"Basic dXNlcjpwYXNzd29yZA==\"}",
            "dXNlcjpwYXNzd29yZA==", "headers: {\"Authorization\": \"Basic <secret-1>\"}"),
        masked("Authorization header in curl", "curl -H \"Authorization: Bearer abc.def.ghi-curl\" https://x",
            "abc.def.ghi-curl", "curl -H \"Authorization: Bearer <secret-1>\" https://x"),
        masked("Authorization without a scheme", "  authorization: raw-header-secret", "raw-header-secret",
            "  authorization: <secret-1>"),
        masked("a bearer token anywhere", "    value: \"Bearer 0123456789abcdefXYZ\"", "0123456789abcdefXYZ",
            "    value: \"Bearer <secret-1>\""),
        masked("API key header in curl", "curl -H 'X-API-Key: hdr-secret' https://x", "hdr-secret",
            "curl -H 'X-API-Key: <secret-1>' https://x"),
        // keys of the credential family
        masked("pwd key", "  pwd: pwd-secret", "pwd-secret", "  pwd: <secret-1>"),
        masked("passwd key", "passwd: passwd-secret", "passwd-secret", "passwd: <secret-1>"),
        masked("pass key", "smtp_pass: pass-secret", "pass-secret", "smtp_pass: <secret-1>"),
        masked("secret key", "clientSecret: cs-secret", "cs-secret", "clientSecret: <secret-1>"),
        masked("api_key key", "api_key: ak-secret", "ak-secret", "api_key: <secret-1>"),
        masked("apikey key", "apikey: ak2-secret", "ak2-secret", "apikey: <secret-1>"),
        masked("credentials key", "credentials: cred-secret", "cred-secret", "credentials: <secret-1>"),
        masked("private_key in a JSON service account", "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n\",",
            "-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n", "  \"private_key\": <secret-1>,"),
        masked("password in an inline JSON object", "{\"user\": \"u\", \"password\": \"json-inline-secret\"}",
            "json-inline-secret", "{\"user\": \"u\", \"password\": \"<secret-1>\"}"),
        masked("password in a YAML flow mapping", "auth: {username: u, password: flow-map-secret}", "flow-map-secret",
            "auth: {username: u, password: <secret-1>}"),
        // token formats
        masked("Google API key", "    key: AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "    key: <secret-1>"),
        masked("Stripe live key", "    note: sk_live_0123456789abcdefghijklmn", "sk_live_0123456789abcdefghijklmn",
            "    note: <secret-1>"));
  }

  static List<Arguments> lookAlikes() {
    return List.of(
        kept("a Kestra secret reference", "    password: \"{{ secret('DB_PASSWORD') }}\""),
        kept("a Kestra secret reference in a .env line", "DB_PASSWORD={{ secret('DB_PASSWORD') }}"),
        kept("an environment reference", "DB_PASSWORD=${DB_PASSWORD}"),
        kept("an environment reference without braces", "export API_TOKEN=$API_TOKEN"),
        kept("a bearer header from a secret", "      Authorization: \"Bearer {{ secret('API_TOKEN') }}\""),
        kept("a plain key", "    username: admin"),
        kept("prose about passwords", "    message: the password is required"),
        kept("a URL without credentials", "    uri: https://example.com:8080/path?page=2&sort=name"),
        kept("a comparison", "    if [ \"$token\" == \"x\" ]; then"),
        kept("a call", "    conn = connect(user=u, password=getpass())"),
        kept("an empty value", "DB_PASSWORD="),
        kept("a mask", "    password: <secret-3>"),
        kept("a file named like a secret, in a message", "dev/files/secrets.env: is larger than 10 MB, it is left alone"),
        kept("a file named like a token, in a message", "namespace file token.txt: too large"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void secrets_areMasked(String name, String line, String secret, String expected) {
    String out = new SecretMasker().maskLines(List.of(line)).get(0);

    assertFalse(out.contains(secret), () -> name + ": '" + secret + "' shows in " + out);
    assertEquals(expected, out, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookAlikes")
  void lookAlikes_stayAsTheyAre(String name, String line) {
    assertEquals(line, new SecretMasker().maskLines(List.of(line)).get(0), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void theSameValue_getsTheSameMask_whateverPatternFoundIt(String name, String line, String secret, String expected) {
    SecretMasker masker = new SecretMasker();
    List<String> out = masker.maskLines(List.of("password: \"" + secret + "\"", line, "password: other-value"));

    assertEquals("password: <secret-1>", out.get(0), name);
    assertEquals(expected, out.get(1), name);
    assertEquals("password: <secret-2>", out.get(2), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void maskingTwice_changesNothing(String name, String line, String secret, String expected) {
    List<String> once = new SecretMasker().maskLines(List.of(line));

    assertEquals(once, new SecretMasker().maskLines(once), name);
    assertTrue(once.get(0).contains("<secret-1>"), name);
  }

  private static Arguments masked(String name, String line, String secret, String expected) {
    return Arguments.of(name, line, secret, expected);
  }

  private static Arguments kept(String name, String line) {
    return Arguments.of(name, line);
  }
}
