package dev.driftless.core.render;

/**
 * Text from either side made safe to show: the one escaping Driftless applies to every name,
 * message and line of content it prints, so that what a reviewer sees is what the plan holds.
 *
 * <p>A file name, a flow's text or a server's words may hold characters that a terminal, a CI log
 * or a browser acts on instead of showing: ANSI escape sequences ({@code ESC [ 2K} clears a line,
 * {@code ESC ] 8 ;;} makes a link), carriage returns and backspaces that write over what came
 * before, the C1 controls ({@code U+009B} is a CSI of its own), bidirectional overrides
 * ({@code U+202E} shows text backwards), zero-width and other invisible characters. Each of them is
 * shown as {@code \}{@code uXXXX} (lower-case hex, as in Java and JSON strings; a character beyond
 * {@code U+FFFF} as its two surrogates), as {@code ResourceKey} already quotes a bad name. Shown
 * this way: the controls ({@code U+0000}-{@code U+001F}, {@code U+007F}-{@code U+009F}), the
 * format characters (bidirectional controls, zero-width space and joiners, the byte-order mark, tag
 * characters, soft hyphen), the line and paragraph separators, every space other than
 * {@code U+0020}, lone surrogates and the letters that draw nothing (Hangul fillers, the blank
 * Braille pattern). A tab is kept in a line of content ({@link #line}), escaped in a name
 * ({@link #of}). Backslashes are left as they are: the escapes are for reading, not for decoding.
 *
 * <p>The plan itself keeps the true names and contents; escaping happens when it is drawn. Plan
 * JSON is data and keeps the characters, written as JSON escapes.
 */
public final class VisibleText {

  private VisibleText() {}

  /** A name or any other one-line value: every hidden character escaped, line breaks and tabs too. */
  public static String of(String text) {
    return escape(text, false);
  }

  /** One line of content or of a message: like {@link #of}, but a tab stays a tab. */
  public static String line(String text) {
    return escape(text, true);
  }

  /** Whether the character would be acted on or drawn as nothing rather than shown. */
  public static boolean isHidden(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE -> true;
      case Character.SPACE_SEPARATOR -> codePoint != ' ';
      default -> codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
          || codePoint == 0x2800;
    };
  }

  private static String escape(String text, boolean keepTabs) {
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (isHidden(cp) && !(keepTabs && cp == '\t')) {
        break;
      }
      i += Character.charCount(cp);
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      if (isHidden(cp) && !(keepTabs && cp == '\t')) {
        for (int j = i; j < i + n; j++) {
          appendEscape(out, text.charAt(j));
        }
      } else {
        out.appendCodePoint(cp);
      }
      i += n;
    }
    return out.toString();
  }

  private static void appendEscape(StringBuilder out, char c) {
    String hex = Integer.toHexString(c);
    out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
  }
}
