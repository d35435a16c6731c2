package dev.driftless.kestra.internal.write;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dashboard sources as Kestra before 2.0 wants them for a create: without their {@code id}. */
final class DashboardSources {

  private static final Pattern TOP_LEVEL_ID = Pattern.compile("(?m)^id[ \\t]*:[^\\r\\n]*(\\r?\\n|$)");

  private DashboardSources() {}

  /** The source with its top-level {@code id:} line removed; every other byte kept. */
  static byte[] withoutId(byte[] source) {
    String text = new String(source, StandardCharsets.UTF_8);
    Matcher m = TOP_LEVEL_ID.matcher(text);
    if (!m.find()) {
      return source;
    }
    return (text.substring(0, m.start()) + text.substring(m.end())).getBytes(StandardCharsets.UTF_8);
  }
}
