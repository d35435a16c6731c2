package dev.driftless.kestra.internal.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body with one file part, as Kestra's namespace file upload takes it.
 * The part's file name is whatever the caller gives: for uploads it must be neutral, because Kestra
 * unpacks a part whose file name ends in {@code .zip} into the namespace root and ignores the path.
 */
public final class Multipart {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Multipart() {}

  /** A body with one part {@code name} holding {@code content} under the file name {@code filename}. */
  public static ApiCall.Body file(String name, String filename, byte[] content) {
    String boundary = boundaryFor(content);
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 256);
    write(out, "--" + boundary + "\r\n");
    write(out, "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n");
    write(out, "Content-Type: application/octet-stream\r\n\r\n");
    out.write(content, 0, content.length);
    write(out, "\r\n--" + boundary + "--\r\n");
    return new ApiCall.Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
  }

  /** A random boundary that does not occur in the content. */
  private static String boundaryFor(byte[] content) {
    while (true) {
      byte[] random = new byte[16];
      RANDOM.nextBytes(random);
      String boundary = "driftless-" + HexFormat.of().formatHex(random);
      if (indexOf(content, ("--" + boundary).getBytes(StandardCharsets.US_ASCII)) < 0) {
        return boundary;
      }
    }
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void write(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }
}
