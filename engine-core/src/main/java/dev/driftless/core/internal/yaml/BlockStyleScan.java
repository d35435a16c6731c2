package dev.driftless.core.internal.yaml;

import dev.driftless.core.yaml.DeclaredIdentity;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the top-level {@code id} and {@code namespace} of a YAML text written in the plain block
 * style — the style nearly every flow is written in — without building a tree, and only when it is
 * certain that {@link YamlParsing#parse} accepts the text and reads the same two values. Anything
 * it is not sure of makes it give up, never guess: the caller then parses the text in full, so the
 * verdict on a text is always the full parse's.
 *
 * <p>It is sure of, and nothing else: a text of at most {@link #MAX_CHARS} characters, lines ending
 * in LF or CR LF, no character a tab, a carriage return elsewhere, another control character, a line or paragraph separator, a byte order
 * mark or a lone surrogate; no line starting with {@code ---}, {@code ...} or {@code %}; one mapping
 * at column 0 whose keys are plain words ({@code [A-Za-z0-9_][A-Za-z0-9_.-]*}), each key once per
 * mapping; values that are nested block mappings and lists (lists of items on their own lines, maybe
 * at the key's own indentation, and compact mappings after {@code - }), {@code {}}, one-line flow
 * lists of words, integers and quoted scalars without escapes ({@code [SUCCESS, FAILED]}),
 * one-line quoted scalars (double-quoted ones with only the escapes {@code \\ \" \n \t \r}),
 * literal and folded block scalars ({@code |}, {@code >}, maybe with {@code -} or {@code +}) whose
 * first line is not blank, and one-line plain scalars that start with a letter, {@code _},
 * {@code /}, {@code $}, {@code (} or {@code ~}, or are a decimal integer of at most 18 digits, and
 * hold no {@code ": "}. Comments and blank lines may stand anywhere. Texts far below the full
 * parse's limits only: at most {@link #MAX_DEPTH} levels and {@link #MAX_NODES} keys and values.
 *
 * <p>Each of these is read as SnakeYAML's parser reads it and Jackson builds it (keys as their
 * text; duplicate keys refused at every level); a value counts as text for {@code id} and
 * {@code namespace} only when Jackson would make it a string: quoted, or plain and starting with a
 * letter or {@code _} and none of the words YAML 1.1 reads as a boolean or null, in any case.
 */
public final class BlockStyleScan {

  /** The longest text it reads; a longer one is left to the full parse. */
  static final int MAX_CHARS = 1 << 20;
  /** Far below {@link YamlParsing#MAX_DEPTH}. */
  static final int MAX_DEPTH = 64;
  /** Below {@link YamlParsing#MAX_NODES}, counting more generously than the full parse. */
  static final int MAX_NODES = YamlParsing.MAX_NODES / 2;
  private static final int MAX_KEY = 256;
  /** Below Jackson's limit on the length of a number. */
  private static final int MAX_PLAIN = 900;

  /** Thrown to give up; it carries nothing and costs no stack trace. */
  private static final class NotSure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSure() {
      super(null, null, false, false);
    }
  }

  private static final NotSure NOT_SURE = new NotSure();

  private final String text;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int lines;
  /** The next line to read. */
  private int line;
  private int nodes;
  private String id;
  private String namespace;

  private BlockStyleScan(String text) {
    this.text = text;
  }

  /**
   * The text's top-level {@code id} and {@code namespace}, when it is certainly one valid document
   * that {@link YamlParsing#parse} reads with these values (each absent, or a string); empty when
   * it cannot tell.
   */
  public static Optional<DeclaredIdentity> scan(String text) {
    if (text.length() > MAX_CHARS) {
      return Optional.empty();
    }
    BlockStyleScan scan = new BlockStyleScan(text);
    try {
      scan.splitLines();
      scan.document();
    } catch (NotSure e) {
      return Optional.empty();
    }
    return Optional.of(new DeclaredIdentity(Optional.ofNullable(scan.id), Optional.ofNullable(scan.namespace)));
  }

  /** Splits the text into lines, refusing the characters and line starts it is not sure of. */
  private void splitLines() {
    int n = text.length();
    int start = 0;
    lineStart(start);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        continue;
      }
      if (c == '\n' || (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n')) {
        addLine(start, i); // a line ends before its line break, which is one character or two (CR LF)
        i += c == '\r' ? 1 : 0;
        start = i + 1;
        lineStart(start);
      } else if (c < 0xa1 || c == 0x2028 || c == 0x2029 || c == 0xfeff || c >= 0xfffe) {
        throw NOT_SURE;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1))) {
          throw NOT_SURE;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw NOT_SURE;
      }
    }
    addLine(start, n);
  }

  private void lineStart(int at) {
    if (text.startsWith("---", at) || text.startsWith("...", at) || text.startsWith("%", at)) {
      throw NOT_SURE;
    }
  }

  private void addLine(int start, int end) {
    if (lines == starts.length) {
      starts = Arrays.copyOf(starts, lines * 2);
      ends = Arrays.copyOf(ends, lines * 2);
    }
    starts[lines] = start;
    ends[lines] = end;
    lines++;
  }

  private void document() {
    int l = nextContent();
    if (l == lines || indent(l) != 0) {
      throw NOT_SURE;
    }
    mapping(0, 1, true, false);
    if (nextContent() != lines) {
      throw NOT_SURE;
    }
  }

  /**
   * A block mapping whose keys stand at column {@code col}; its first key on the current line,
   * after a {@code - }, when {@code compact}.
   */
  private void mapping(int col, int depth, boolean top, boolean compact) {
    deeper(depth);
    count();
    Set<String> keys = new HashSet<>();
    boolean first = true;
    while (true) {
      int l;
      if (first && compact) {
        l = line;
      } else {
        l = nextContent();
        if (l == lines) {
          return;
        }
        int indent = indent(l);
        if (indent < col) {
          return;
        }
        if (indent > col) {
          throw NOT_SURE;
        }
      }
      first = false;
      int p = starts[l] + col;
      int e = ends[l];
      int colon = keyEnd(p, e);
      if (colon < 0) {
        throw NOT_SURE;
      }
      String key = text.substring(p, colon);
      if (!keys.add(key)) {
        throw NOT_SURE; // a duplicate key: the full parse says where
      }
      count();
      boolean identity = top && (key.equals("id") || key.equals("namespace"));
      String value = value(l, colon + 1, col, depth, true);
      if (identity) {
        if (value == null) {
          throw NOT_SURE;
        }
        if (key.equals("id")) {
          id = value;
        } else {
          namespace = value;
        }
      }
    }
  }

  /** A block list whose dashes stand at column {@code col}. */
  private void sequence(int col, int depth) {
    deeper(depth);
    count();
    while (true) {
      int l = nextContent();
      if (l == lines) {
        return;
      }
      int indent = indent(l);
      if (indent < col) {
        return;
      }
      if (indent > col) {
        throw NOT_SURE;
      }
      if (!isDash(l, col)) {
        return; // the next key of the mapping that holds the list at its own indentation
      }
      int e = ends[l];
      int c = skipSpaces(starts[l] + col + 1, e);
      if (c == e || text.charAt(c) == '#' || text.charAt(c) == '-') {
        throw NOT_SURE; // an empty item, or a list in a list
      }
      if (keyEnd(c, e) >= 0) {
        line = l;
        mapping(c - starts[l], depth + 1, false, true);
      } else {
        value(l, c, col, depth, false);
      }
    }
  }

  /**
   * The value that starts at {@code p} on line {@code l} (after a key's colon, or a dash), where
   * {@code col} is the column of the key or the dash. Leaves {@link #line} after it.
   *
   * @return the value when it is a string Jackson builds as text, else null
   */
  private String value(int l, int p, int col, int depth, boolean ofMapping) {
    int e = ends[l];
    p = skipSpaces(p, e);
    if (p == e || text.charAt(p) == '#') {
      line = l + 1;
      int next = nextContent();
      if (next < lines) {
        int indent = indent(next);
        if (indent > col) {
          if (isDash(next, indent)) {
            sequence(indent, depth + 1);
          } else {
            mapping(indent, depth + 1, false, false);
          }
          return null;
        }
        if (ofMapping && indent == col && isDash(next, indent)) {
          sequence(indent, depth + 1);
          return null;
        }
      }
      if (!ofMapping) {
        throw NOT_SURE;
      }
      count(); // null
      return null;
    }
    count();
    char c = text.charAt(p);
    line = l + 1;
    switch (c) {
      case '"': {
        int q = p + 1;
        boolean escaped = false;
        while (q < e && text.charAt(q) != '"') {
          if (text.charAt(q) == '\\') {
            if (q + 1 >= e || "\\\"ntr".indexOf(text.charAt(q + 1)) < 0) {
              throw NOT_SURE;
            }
            escaped = true;
            q += 2;
          } else {
            q++;
          }
        }
        if (q >= e) {
          throw NOT_SURE; // it goes on on the next line
        }
        trailing(q + 1, e);
        return escaped ? null : text.substring(p + 1, q);
      }
      case '\'': {
        int q = p + 1;
        boolean doubled = false;
        while (q < e) {
          if (text.charAt(q) == '\'') {
            if (q + 1 < e && text.charAt(q + 1) == '\'') {
              doubled = true;
              q += 2;
              continue;
            }
            break;
          }
          q++;
        }
        if (q >= e) {
          throw NOT_SURE;
        }
        trailing(q + 1, e);
        String inner = text.substring(p + 1, q);
        return doubled ? inner.replace("''", "'") : inner;
      }
      case '|':
      case '>':
        blockScalar(l, p, col);
        return null;
      case '[':
        deeper(depth + 1);
        trailing(flowList(p + 1, e), e);
        return null;
      case '{':
        if (p + 1 < e && text.charAt(p + 1) == '}') {
          trailing(p + 2, e);
          return null;
        }
        throw NOT_SURE;
      default:
        return plain(p, e);
    }
  }

  /**
   * A one-line flow list after its {@code [}: empty, or words ({@code [A-Za-z_][A-Za-z0-9_./-]*}),
   * decimal integers and quoted scalars without escapes, separated by commas. Returns where it ends.
   */
  private int flowList(int p, int e) {
    p = skipSpaces(p, e);
    if (p < e && text.charAt(p) == ']') {
      return p + 1;
    }
    while (true) {
      if (p >= e) {
        throw NOT_SURE;
      }
      count();
      char c = text.charAt(p);
      int q = p + 1;
      if (c == '"' || c == '\'') {
        while (q < e && text.charAt(q) != c && text.charAt(q) != '\\') {
          q++;
        }
        if (q >= e || text.charAt(q) != c || (q + 1 < e && text.charAt(q + 1) == c)) {
          throw NOT_SURE;
        }
        q++;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        while (q < e && (isWordChar(text.charAt(q)) || text.charAt(q) == '/')) {
          q++;
        }
      } else if (c >= '1' && c <= '9') {
        while (q < e && text.charAt(q) >= '0' && text.charAt(q) <= '9') {
          q++;
        }
        if (q - p > 18) {
          throw NOT_SURE;
        }
      } else {
        throw NOT_SURE;
      }
      q = skipSpaces(q, e);
      if (q < e && text.charAt(q) == ']') {
        return q + 1;
      }
      if (q >= e || text.charAt(q) != ',') {
        throw NOT_SURE;
      }
      p = skipSpaces(q + 1, e);
    }
  }

  /** A one-line plain scalar: its text when Jackson makes it a string that is safe to read as text. */
  private String plain(int p, int e) {
    int end = p;
    while (end < e && !(text.charAt(end) == '#' && text.charAt(end - 1) == ' ')) {
      end++;
    }
    while (end > p && text.charAt(end - 1) == ' ') {
      end--;
    }
    if (end - p > MAX_PLAIN) {
      throw NOT_SURE;
    }
    String value = text.substring(p, end);
    if (value.endsWith(":") || value.contains(": ")) {
      throw NOT_SURE;
    }
    char c = value.charAt(0);
    if (c >= '0' && c <= '9') {
      if (value.length() > 18 || (c == '0' && value.length() > 1)) {
        throw NOT_SURE;
      }
      for (int i = 1; i < value.length(); i++) {
        if (value.charAt(i) < '0' || value.charAt(i) > '9') {
          throw NOT_SURE;
        }
      }
      return null; // an integer
    }
    boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!word && c != '/' && c != '$' && c != '(' && c != '~' && c <= 0xa0) {
      throw NOT_SURE;
    }
    return word && !isBooleanOrNull(value) ? value : null;
  }

  /** Every word YAML 1.1 reads as a boolean or null, in any case (more than the resolver reads). */
  private static boolean isBooleanOrNull(String value) {
    switch (value.length()) {
      case 1:
        return "yYnN".indexOf(value.charAt(0)) >= 0;
      case 2:
        return value.equalsIgnoreCase("no") || value.equalsIgnoreCase("on");
      case 3:
        return value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("off");
      case 4:
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("null");
      case 5:
        return value.equalsIgnoreCase("false");
      default:
        return false;
    }
  }

  /**
   * A literal or folded block scalar whose header is at {@code p} on line {@code l}: its lines are
   * those indented deeper than its first, which must be deeper than {@code col} and not blank.
   */
  private void blockScalar(int l, int p, int col) {
    int e = ends[l];
    int r = p + 1;
    if (r < e && (text.charAt(r) == '-' || text.charAt(r) == '+')) {
      r++;
    }
    trailing(r, e);
    int n = l + 1;
    while (n < lines && starts[n] == ends[n]) {
      n++;
    }
    if (n == lines) {
      throw NOT_SURE;
    }
    int spaces = spaces(n);
    if (spaces == ends[n] - starts[n] || spaces <= col) {
      throw NOT_SURE; // a first line of spaces only, or an empty scalar
    }
    for (n++; n < lines; n++) {
      int s = spaces(n);
      if (s < ends[n] - starts[n] && s < spaces) {
        break;
      }
    }
    line = n;
  }

  /** After a quoted scalar or a block header: spaces, then maybe a comment after a space. */
  private void trailing(int q, int e) {
    int r = skipSpaces(q, e);
    if (r < e && !(text.charAt(r) == '#' && r > q)) {
      throw NOT_SURE;
    }
  }

  /** Where the plain word key starting at {@code p} ends at a colon followed by a space or the line's end, or -1. */
  private int keyEnd(int p, int e) {
    if (p >= e) {
      return -1;
    }
    char c = text.charAt(p);
    if (!(isWordChar(c) && c != '-' && c != '.')) {
      return -1;
    }
    int q = p + 1;
    while (q < e && isWordChar(text.charAt(q))) {
      q++;
    }
    if (q >= e || text.charAt(q) != ':' || q - p > MAX_KEY) {
      return -1;
    }
    return q + 1 == e || text.charAt(q + 1) == ' ' ? q : -1;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  }

  private boolean isDash(int l, int col) {
    int at = starts[l] + col;
    return text.charAt(at) == '-' && (at + 1 == ends[l] || text.charAt(at + 1) == ' ');
  }

  /** Skips blank and comment lines; returns the next line with content, or {@link #lines}. */
  private int nextContent() {
    while (line < lines) {
      int s = spaces(line);
      int length = ends[line] - starts[line];
      if (s < length && text.charAt(starts[line] + s) != '#') {
        break;
      }
      line++;
    }
    return line;
  }

  /** The indentation of a line with content. */
  private int indent(int l) {
    return spaces(l);
  }

  private int spaces(int l) {
    int i = starts[l];
    int e = ends[l];
    while (i < e && text.charAt(i) == ' ') {
      i++;
    }
    return i - starts[l];
  }

  private int skipSpaces(int p, int e) {
    while (p < e && text.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  private void deeper(int depth) {
    if (depth > MAX_DEPTH) {
      throw NOT_SURE;
    }
  }

  private void count() {
    if (++nodes > MAX_NODES) {
      throw NOT_SURE;
    }
  }
}
