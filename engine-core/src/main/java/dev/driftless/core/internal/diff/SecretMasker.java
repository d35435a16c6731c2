package dev.driftless.core.internal.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks values that look like secrets in YAML-ish text, line by line.
 *
 * <p>Masks preserve equality: within one masker, the same secret value always becomes the same
 * mask ({@code <secret-1>}), and different values different masks, so a diff still shows whether a
 * secret changed without showing it. Masks are numbered in order of first appearance, which keeps
 * output deterministic. Masked: values of keys named like credentials (password, token, apiKey,
 * privateKey, ...) unless they are templates ({@code {{ secret('X') }}}); block strings under such
 * keys; PEM private key blocks; well-known token formats anywhere; passwords in URLs.
 */
public final class SecretMasker {

  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i).*(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|"
          + "client[_-]?secret|credentials?|auth[_-]?header|bearer|sas[_-]?key|connection[_-]?string).*");
  private static final Pattern KEY_VALUE = Pattern.compile(
      "^(\\s*(?:-\\s+)?)([\"']?)([A-Za-z0-9_.-]+)\\2(\\s*:\\s+)(.*?)(\\s+#.*)?$");
  private static final Pattern TOKENS = Pattern.compile(
      "(ghp_[A-Za-z0-9]{20,}|gh[ousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
          + "|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}"
          + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})");
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)([^@\\s/]+)(@)");
  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
  private static final Pattern PEM_END = Pattern.compile("-----END [A-Z ]*PRIVATE KEY-----");

  private final Map<String, String> masks = new HashMap<>();

  /** Masks every line of a text; state (block strings, PEM blocks) carries from line to line. */
  public List<String> maskLines(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    int blockIndent = -1;
    boolean inPem = false;
    for (String line : lines) {
      if (inPem) {
        if (PEM_END.matcher(line).find()) {
          inPem = false;
          out.add(line);
        } else {
          out.add(indentOf(line) + mask(line.strip()));
        }
        continue;
      }
      if (blockIndent >= 0) {
        if (line.isBlank() || indentOf(line).length() > blockIndent) {
          out.add(line.isBlank() ? line : indentOf(line) + mask(line.strip()));
          continue;
        }
        blockIndent = -1;
      }
      if (PEM_BEGIN.matcher(line).find()) {
        inPem = true;
        out.add(maskInline(line));
        continue;
      }
      Matcher kv = KEY_VALUE.matcher(line);
      if (kv.matches() && SECRET_KEY.matcher(kv.group(3)).matches()) {
        String value = kv.group(5);
        if (value.startsWith("|") || value.startsWith(">")) {
          blockIndent = kv.group(1).replace("-", " ").length();
          out.add(line);
          continue;
        }
        if (!value.isEmpty() && !isTemplate(value) && !value.equals("~") && !value.equals("null")) {
          String comment = kv.group(6) == null ? "" : kv.group(6);
          out.add(kv.group(1) + kv.group(2) + kv.group(3) + kv.group(2) + kv.group(4) + mask(value) + comment);
          continue;
        }
      }
      out.add(maskInline(line));
    }
    return out;
  }

  private String maskInline(String line) {
    String masked = replaceAll(TOKENS, line, m -> mask(m.group(1)));
    return replaceAll(URL_PASSWORD, masked, m -> m.group(1) + mask(m.group(2)) + m.group(3));
  }

  private static String replaceAll(Pattern pattern, String text, java.util.function.Function<Matcher, String> f) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private String mask(String value) {
    String unquoted = unquote(value);
    return masks.computeIfAbsent(unquoted, v -> "<secret-" + (masks.size() + 1) + ">");
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && ((value.startsWith("\"") && value.endsWith("\"")) || (value.startsWith("'") && value.endsWith("'")))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static boolean isTemplate(String value) {
    String v = unquote(value).strip();
    return v.startsWith("{{") && v.endsWith("}}");
  }

  private static String indentOf(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return line.substring(0, i);
  }
}
