package dev.driftless.core.internal.codec;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.driftless.core.render.VisibleText;

/**
 * JSON strings with every character {@link VisibleText} would escape written as a {@code \}{@code u}
 * escape: Jackson escapes the C0 controls by itself, but writes DEL, the C1 controls, bidirectional
 * overrides and zero-width characters as they are, and a plan printed with {@code --format json}
 * lands on a terminal. The text read back is the same.
 */
final class JsonEscapes extends CharacterEscapes {

  static final JsonEscapes INSTANCE = new JsonEscapes();

  private final int[] ascii;

  private JsonEscapes() {
    ascii = standardAsciiEscapesForJSON();
    ascii[0x7f] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (Character.isSurrogate((char) ch) || !VisibleText.isHidden(ch)) {
      return null;
    }
    String hex = Integer.toHexString(ch);
    return new SerializedString("\\u" + "0".repeat(4 - hex.length()) + hex);
  }
}
