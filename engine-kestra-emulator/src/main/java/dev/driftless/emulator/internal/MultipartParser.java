package dev.driftless.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small {@code multipart/form-data} parser, enough for Kestra's upload calls. */
public final class MultipartParser {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]*)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  /** One part of a multipart body. */
  public record Part(String name, Optional<String> filename, String contentType, byte[] content) {
    /** The part's file name, or empty when the part is a plain field. */
    public String filenameOrEmpty() {
      return filename.orElse("");
    }
  }

  private MultipartParser() {
  }

  /** The first part with the given name. */
  public static Optional<Part> find(List<Part> parts, String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public static List<Part> parse(byte[] body, String contentTypeHeader) {
    Matcher m = BOUNDARY.matcher(contentTypeHeader);
    if (!m.find()) {
      throw ApiException.badRequest("multipart body without boundary");
    }
    String boundary = m.group(2) != null ? m.group(2) : m.group(1);
    byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, first, 0);
    if (pos < 0) {
      throw ApiException.badRequest("multipart body without its boundary");
    }
    pos += first.length;
    List<Part> parts = new ArrayList<>();
    while (true) {
      if (startsWith(body, pos, new byte[] {'-', '-'})) {
        return parts;
      }
      if (!startsWith(body, pos, CRLF)) {
        throw ApiException.badRequest("malformed multipart body");
      }
      pos += 2;
      int headerEnd = indexOf(body, HEADER_END, pos);
      if (headerEnd < 0) {
        throw ApiException.badRequest("malformed multipart part headers");
      }
      String headers = new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8);
      int contentStart = headerEnd + HEADER_END.length;
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        throw ApiException.badRequest("multipart body without its closing boundary");
      }
      parts.add(part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)));
      pos = contentEnd + next.length;
    }
  }

  private static Part part(String headers, byte[] content) {
    String disposition = "";
    String type = "application/octet-stream";
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-disposition")) {
        disposition = value;
      } else if (name.equals("content-type")) {
        type = value;
      }
    }
    Matcher name = NAME.matcher(disposition);
    Matcher filename = FILENAME.matcher(disposition);
    return new Part(
        name.find() ? name.group(1) : "",
        filename.find() ? Optional.of(filename.group(1)) : Optional.empty(),
        type, content);
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    if (at + prefix.length > data.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
