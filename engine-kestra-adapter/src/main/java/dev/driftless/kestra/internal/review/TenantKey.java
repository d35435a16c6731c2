package dev.driftless.kestra.internal.review;

import dev.driftless.kestra.KestraServer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow's top-level {@code tenantId:}. Kestra before 0.23 takes the tenant to store a flow in from
 * that key (seen on 0.20.7: the create answers 200, the flow is then missing where it was sent, and a
 * second create is a 422), so the flow would land outside the tenant synced. From 0.23 the tenant
 * comes from the API path, whatever the source says (read in Kestra's sources).
 */
final class TenantKey {

  private static final Pattern KEY = Pattern.compile("(?m)^tenantId[ \\t]*:");

  private TenantKey() {}

  /** Why this server would store the flow outside the tenant synced; empty when it would not. */
  static Optional<String> refusal(KestraServer server, String source) {
    if (server.atLeast(0, 23)) {
      return Optional.empty();
    }
    Matcher m = KEY.matcher(source);
    if (!m.find()) {
      return Optional.empty();
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      line += source.charAt(i) == '\n' ? 1 : 0;
    }
    return Optional.of("has a top-level 'tenantId' (line " + line + "), which " + server.describeShort() + " takes as"
        + " the tenant to store the flow in, so it would land outside the tenant synced: remove it (the tenant"
        + " comes from the server)");
  }
}
