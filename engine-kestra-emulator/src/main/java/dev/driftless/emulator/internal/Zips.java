package dev.driftless.emulator.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** ZIP archives in memory. */
public final class Zips {

  /** Upper bound on what an uploaded archive may expand to, a crude zip-bomb guard. */
  private static final long MAX_EXPANDED = 256L * 1024 * 1024;

  private Zips() {
  }

  /** An archive holding {@code entries} (name to content) in iteration order. */
  public static byte[] write(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The file entries of an archive (directories skipped), in archive order.
   *
   * @throws ApiException 422 when the bytes are not a readable archive
   */
  public static Map<String, byte[]> read(byte[] archive) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        byte[] content = zip.readAllBytes();
        total += content.length;
        if (total > MAX_EXPANDED) {
          throw ApiException.illegalArgument("Archive expands beyond " + MAX_EXPANDED + " bytes");
        }
        entries.put(entry.getName(), content);
      }
    } catch (IOException e) {
      throw ApiException.illegalArgument("Invalid ZIP archive: " + e.getMessage());
    }
    return entries;
  }
}
