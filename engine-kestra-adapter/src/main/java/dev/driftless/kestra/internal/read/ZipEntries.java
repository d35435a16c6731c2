package dev.driftless.kestra.internal.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the entries of a ZIP export as it streams in. Each entry is read up to a size limit: a
 * larger one is kept as "too large" without its bytes, so that an export can never exhaust memory
 * through one entry, and that entry is reported rather than silently dropped.
 */
public final class ZipEntries {

  private ZipEntries() {}

  /**
   * One file of an archive.
   *
   * @param name the entry's name exactly as the archive gives it
   * @param content the bytes, empty when the entry is larger than the limit
   */
  public record Entry(String name, Optional<byte[]> content) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
    }

    public boolean tooLarge() {
      return content.isEmpty();
    }
  }

  /** The file entries (directories skipped), in archive order. */
  public static List<Entry> read(InputStream in, long limit) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16L);
        byte[] bytes = zip.readNBytes(cap + 1);
        if (bytes.length > limit) {
          out.add(new Entry(entry.getName(), Optional.empty()));
        } else {
          out.add(new Entry(entry.getName(), Optional.of(bytes)));
        }
        zip.closeEntry();
      }
    }
    return out;
  }
}
