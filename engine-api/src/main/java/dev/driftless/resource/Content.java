package dev.driftless.resource;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The bytes of a resource, immutable. YAML kinds hold their exact source text (comments, quotes
 * and line endings included), so that what Git and Kestra store can be compared byte for byte.
 *
 * <p>{@link #toString()} never shows the bytes: contents can hold secrets.
 */
public final class Content {

  private static final Content EMPTY = new Content(new byte[0]);

  private final byte[] bytes;
  private volatile Fingerprint fingerprint;

  private Content(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A content holding a copy of the given bytes. */
  public static Content of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Content(bytes.clone());
  }

  /** A content holding the UTF-8 encoding of the given text. */
  public static Content ofText(String text) {
    return text.isEmpty() ? EMPTY : new Content(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** A read-only view of the bytes, for callers that stream them without copying. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  public int size() {
    return bytes.length;
  }

  /** The SHA-256 fingerprint, computed once. */
  public Fingerprint fingerprint() {
    Fingerprint result = fingerprint;
    if (result == null) {
      result = Fingerprint.of(bytes);
      fingerprint = result;
    }
    return result;
  }

  /** The content as text when it is valid UTF-8 without NUL characters; empty for binary content. */
  public Optional<String> text() {
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Whether the content is text (see {@link #text()}). */
  public boolean isText() {
    return text().isPresent();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Content that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Content[" + bytes.length + " bytes, " + fingerprint() + "]";
  }
}
