package dev.driftless.core.internal.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks values that look like secrets in text, line by line: YAML, JSON, {@code .env} and
 * properties files, shell scripts, URLs, HTTP headers, and a side's messages about them.
 *
 * <p>Masks preserve equality: within one masker, the same secret value always becomes the same
 * mask ({@code <secret-1>}), and different values different masks, whichever pattern found them, so
 * a diff still shows whether a secret changed without showing it. Masks are numbered in order of
 * first appearance, which keeps output deterministic. Masking masked text changes nothing.
 *
 * <p>Masked:
 * <ul>
 *   <li>values of keys named like credentials ({@link #SECRET_KEY}: password, passwd, pwd, pass,
 *       secret, token, api key, access key, private key, client secret, credentials, ...), as
 *       {@code key: value} (YAML, JSON, a header), {@code KEY=value} ({@code .env}, properties, INI,
 *       shell, with {@code export}, quoted or not) and {@code key=value} anywhere in a line (a URL's
 *       query, a JDBC URL's properties, a command-line option); block strings under such keys;
 *   <li>{@code Authorization} headers' credentials ({@code Bearer}, {@code Basic}, ... or none), and
 *       a long {@code Bearer} token anywhere;
 *   <li>passwords in URLs ({@code scheme://user:password@host}, {@code jdbc:oracle:thin:user/password@}),
 *       and long user-only credentials ({@code https://token@host});
 *   <li>PEM private key blocks, on their own lines or inside one string; well-known token formats
 *       anywhere (GitHub, GitLab, Slack, AWS access key ids, OpenAI, Stripe, Google API keys, JWTs).
 * </ul>
 * Also masked: a value written on the lines after its key ({@code password:} then an indented
 * {@code hunter2}).
 *
 * <p>Not masked: references rather than values ({@code {{ secret('X') }}}, {@code ${X}}, {@code $X}),
 * empty values, {@code ~} and {@code null}.
 */
public final class SecretMasker {

  /** Words that make a key name one of a credential, anywhere in it. */
  private static final String SECRET_WORD = "(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key"
      + "|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?header|bearer|sas[_-]?key|connection[_-]?string"
      + "|signing[_-]?key|encryption[_-]?key|session[_-]?key|jwt)";
  /** A key named like a credential: a secret word anywhere in it, or {@code pass} as its last word. */
  private static final String SECRET_NAME =
      "(?:[A-Za-z0-9_.-]*" + SECRET_WORD + "[A-Za-z0-9_.-]*|(?:[A-Za-z0-9_.-]*[_.-])?pass)";
  private static final Pattern SECRET_KEY = Pattern.compile("(?i)" + SECRET_NAME);
  /**
   * Parts of every {@link #SECRET_WORD}, of {@code pass} and of the authorization and bearer
   * headers: a line holding none of them (in any case) has no key named like a credential, so the
   * keyed rules are not tried on it.
   */
  private static final List<String> SECRET_PARTS = List.of("pass", "pwd", "secret", "token", "key", "credential",
      "auth", "bearer", "connection", "jwt");
  /**
   * The rest of a line up to a {@code #} comment (one after a space): written so that it is matched
   * in time linear in the line's length (a lazy {@code .*?} before an optional comment is not).
   */
  private static final String UNTIL_COMMENT = "(?:\\S|\\s++(?!#))*+";
  /** A quoted value, matched without recursing once per character (a loop of alternatives would). */
  private static final String QUOTED = "\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|'[^']*+'";
  /** {@code key: value}, YAML or JSON, the whole line. */
  private static final Pattern KEY_VALUE = Pattern.compile(
      "^(\\s*(?:-\\s+)?)([\"']?)([A-Za-z0-9_.-]+)\\2(\\s*:\\s+)(" + UNTIL_COMMENT + ")(\\s+#.*)?$");
  /** {@code key:} with its value on the next lines (or a nested mapping there), maybe a comment. */
  private static final Pattern KEY_ALONE = Pattern.compile(
      "^(\\s*(?:-\\s+)?)([\"']?)([A-Za-z0-9_.-]++)\\2\\s*+:(?:\\s++#.*)?\\s*+$");
  /** A line that starts a mapping entry, a list item or a comment: structure, not a scalar's text. */
  private static final Pattern STRUCTURE = Pattern.compile("^\\s*(?:-(?:\\s|$)|#|[\"']?[^\\s\"':#]+[\"']?\\s*:(?:\\s|$))");
  /** {@code KEY=value}, {@code .env}, properties, INI or shell, the whole line. */
  private static final Pattern ASSIGNMENT_LINE = Pattern.compile(
      "^(\\s*(?:-\\s+)?(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\\s*=\\s*)(" + QUOTED + "|" + UNTIL_COMMENT
          + ")(\\s+#.*)?$");
  /** {@code key=value} inside a line: a query parameter, a JDBC property, an option. */
  private static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_.$-])([A-Za-z0-9_.-]++)"
      + "(\\s*+=(?!=)\\s*+)(" + QUOTED + "|\\$\\{[^}\\s]*+}|[^\\s\"'&;#,(){}<>\\[\\]]++(?!\\())");
  /** {@code key: value} inside a line: inline JSON, a YAML flow mapping, a header in a command. */
  private static final Pattern FIELD = Pattern.compile("(?<![A-Za-z0-9_.$/\\\\-])([\"']?)([A-Za-z0-9_-]++)\\1"
      + "(\\s*+:\\s*+)(" + QUOTED + "|[^\\s\"',;{}\\[\\]]++)");
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "(?i)(\\bauthorization[\"']?\\s*[:=]\\s*[\"']?\\s*(?:(?:bearer|basic|token|digest|negotiate|apikey)\\s+)?+)"
          + "([^\\s\"',;{}]+)");
  private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s+)([A-Za-z0-9._~+/-]{16,}=*)");
  private static final Pattern TOKENS = Pattern.compile(
      "(?<![A-Za-z0-9_-])(ghp_[A-Za-z0-9]{20,}+|gh[ousr]_[A-Za-z0-9]{20,}+|github_pat_[A-Za-z0-9_]{20,}+"
          + "|glpat-[A-Za-z0-9_-]{20,}+|xox[abprs]-[A-Za-z0-9-]{10,}+|AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}+"
          + "|[sr]k_live_[A-Za-z0-9]{20,}+|AIza[0-9A-Za-z_-]{35}"
          + "|eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+)");
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)([^\\s/?#]+)(@)");
  private static final Pattern URL_TOKEN = Pattern.compile("(://)([A-Za-z0-9_.~%-]{20,})(@)");
  private static final Pattern ORACLE_PASSWORD = Pattern.compile("(jdbc:oracle:[a-z]+:[^/\\s:@]+/)([^@\\s]+)(@)");
  private static final Pattern INLINE_PEM = Pattern.compile(
      "(-----BEGIN [A-Z ]*PRIVATE KEY-----)(.+?)(-----END [A-Z ]*PRIVATE KEY-----)");
  /** A PEM block's first line: the marker ends the line, the key follows on the next ones. */
  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\"']?\\s*$");
  private static final Pattern PEM_END = Pattern.compile("-----END [A-Z ]*PRIVATE KEY-----");
  private static final Pattern MASK = Pattern.compile("<secret-\\d+>");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?");

  /** The longest line searched for secrets; a longer one is not shown at all. */
  static final int MAX_LINE = 10_000;

  private final Map<String, String> masks = new HashMap<>();
  /** Every mask given or met in the text, so that a new value never gets a mask already shown. */
  private final Set<String> taken = new HashSet<>();
  private int counter;

  /** Masks every line of a text; state (block strings, PEM blocks) carries from line to line. */
  public List<String> maskLines(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    int blockIndent = -1;
    int keyAloneIndent = -1;
    boolean inPem = false;
    for (String line : lines) {
      if (line.length() > MAX_LINE) {
        // Longer than any line a diff shows: a message quoting a side's words at length. It is not
        // searched (that would take time out of proportion) and so not shown.
        out.add("[a line of " + line.length() + " characters, not shown]");
        continue;
      }
      if (inPem) {
        if (PEM_END.matcher(line).find()) {
          inPem = false;
          out.add(line);
        } else {
          out.add(line.isBlank() ? line : indentOf(line) + mask(line.strip()));
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
      if (keyAloneIndent >= 0 && !line.isBlank()) {
        boolean continues = indentOf(line).length() > keyAloneIndent && !STRUCTURE.matcher(line).find();
        blockIndent = continues ? keyAloneIndent : -1;
        keyAloneIndent = -1;
        if (continues) {
          // A plain scalar written on the lines after its key: those lines are the secret's value.
          out.add(indentOf(line) + mask(line.strip()));
          continue;
        }
      }
      inPem = PEM_BEGIN.matcher(line).find();
      if (!mayNameSecret(line)) {
        out.add(maskUnkeyed(line));
        continue;
      }
      Matcher alone = KEY_ALONE.matcher(line);
      if (alone.matches()) {
        if (SECRET_KEY.matcher(alone.group(3)).matches()) {
          keyAloneIndent = alone.group(1).replace("-", " ").length();
        }
        out.add(line);
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
        if (isValue(value)) {
          String comment = kv.group(6) == null ? "" : kv.group(6);
          out.add(kv.group(1) + kv.group(2) + kv.group(3) + kv.group(2) + kv.group(4) + maskValue(value) + comment);
          continue;
        }
      }
      Matcher assignment = ASSIGNMENT_LINE.matcher(line);
      if (assignment.matches() && SECRET_KEY.matcher(assignment.group(2)).matches() && isValue(assignment.group(4))) {
        String comment = assignment.group(5) == null ? "" : assignment.group(5);
        out.add(assignment.group(1) + assignment.group(2) + assignment.group(3) + mask(assignment.group(4)) + comment);
        continue;
      }
      out.add(maskInline(line));
    }
    return out;
  }

  private String maskInline(String line) {
    String masked = maskUnkeyed(line);
    masked = replaceAll(AUTHORIZATION, masked, m -> keepReferences(m, 2));
    masked = replaceAll(BEARER, masked, m -> keepReferences(m, 2));
    masked = replaceKeyed(ASSIGNMENT, masked, 1, 3);
    return replaceKeyed(FIELD, masked, 2, 4);
  }

  /** The rules that need no key named like a credential: token formats, PEM keys, passwords in URLs. */
  private String maskUnkeyed(String line) {
    String masked = replaceAll(TOKENS, line, m -> mask(m.group(1)));
    if (masked.contains("-----BEGIN ")) {
      masked = replaceAll(INLINE_PEM, masked, m -> m.group(1) + mask(m.group(2)) + m.group(3));
    }
    if (masked.contains("://")) {
      masked = replaceAll(URL_PASSWORD, masked, m -> keepReferences(m, 2));
    }
    if (masked.contains("jdbc:oracle:")) {
      masked = replaceAll(ORACLE_PASSWORD, masked, m -> keepReferences(m, 2));
    }
    if (masked.contains("://")) {
      masked = replaceAll(URL_TOKEN, masked, m -> keepReferences(m, 2));
    }
    return masked;
  }

  private static boolean mayNameSecret(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    for (String part : SECRET_PARTS) {
      if (lower.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Masks the values of the pattern's matches whose key is named like a credential. A match whose key
   * is not one is passed over only as far as its key, so that a credential inside its value
   * ({@code notes: pwd: x}) is still found.
   */
  private String replaceKeyed(Pattern pattern, String text, int keyGroup, int valueGroup) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int from = 0;
    while (from < text.length() && m.find(from)) {
      if (SECRET_KEY.matcher(m.group(keyGroup)).matches() && isValue(m.group(valueGroup))) {
        out.append(text, copied, m.start()).append(secretKeyed(m, keyGroup, valueGroup));
        copied = m.end();
        from = m.end();
      } else {
        from = m.end(keyGroup);
      }
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  /** The match with the value in {@code group} masked, unless it is a reference or a mask already. */
  private String keepReferences(Matcher m, int group) {
    String value = m.group(group);
    if (!isValue(value)) {
      return m.group();
    }
    return m.group().substring(0, m.start(group) - m.start()) + mask(value)
        + m.group().substring(m.end(group) - m.start());
  }

  /** The match with its value masked when its key is named like a credential; quotes are kept. */
  private String secretKeyed(Matcher m, int keyGroup, int valueGroup) {
    if (!SECRET_KEY.matcher(m.group(keyGroup)).matches() || !isValue(m.group(valueGroup))) {
      return m.group();
    }
    String value = m.group(valueGroup);
    String quote = isQuoted(value) ? value.substring(0, 1) : "";
    return m.group().substring(0, m.start(valueGroup) - m.start()) + quote + mask(value) + quote;
  }

  private static String replaceAll(Pattern pattern, String text, Function<Matcher, String> f) {
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

  /** A quoted value with a trailing comma (a JSON line) keeps the comma outside the mask. */
  private String maskValue(String value) {
    String beforeComma = value.endsWith(",") ? value.substring(0, value.length() - 1).strip() : "";
    if (isQuoted(beforeComma) || MASK.matcher(beforeComma).matches()) {
      return mask(beforeComma) + ",";
    }
    return mask(value);
  }

  private String mask(String value) {
    String unquoted = unquote(value);
    if (MASK.matcher(unquoted).matches()) {
      taken.add(unquoted);
      return unquoted;
    }
    return masks.computeIfAbsent(unquoted, v -> {
      String mask;
      do {
        mask = "<secret-" + ++counter + ">";
      } while (!taken.add(mask));
      return mask;
    });
  }

  /** Whether the text is a value to mask: not empty, not null, not a reference to a secret kept elsewhere. */
  private static boolean isValue(String text) {
    String v = unquote(text.strip()).strip();
    return !v.isEmpty() && !v.equals("~") && !v.equals("null") && !v.contains("{{") && !v.contains("{%")
        && !REFERENCE.matcher(v).matches() && !MASK.matcher(v).matches();
  }

  private static boolean isQuoted(String value) {
    return value.length() >= 2
        && ((value.startsWith("\"") && value.endsWith("\"")) || (value.startsWith("'") && value.endsWith("'")));
  }

  private static String unquote(String value) {
    return isQuoted(value) ? value.substring(1, value.length() - 1) : value;
  }

  private static String indentOf(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return line.substring(0, i);
  }
}
