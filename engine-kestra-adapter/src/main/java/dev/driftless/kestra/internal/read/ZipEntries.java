package dev.driftless.kestra.internal.read;

import dev.driftless.kestra.internal.client.IncompleteAnswerException;
import dev.driftless.port.DriftlessException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads the entries of a ZIP export as it streams in, trusting nothing about it.
 *
 * <p>An export is what a snapshot is built from, and an export taken for smaller than it is would
 * plan deletions. So the archive must be whole: it must end with its central directory, whose count
 * of entries must be the count read; a body cut short (a dropped connection, a proxy), an HTML page or
 * a JSON error where the ZIP should be, is an {@link IncompleteAnswerException}, never fewer entries.
 *
 * <p>It is also bounded: each entry is read up to a size limit (a larger one is kept as "too large"
 * without its bytes, so it is reported rather than dropped); more entries, or more bytes all
 * together, than the limits allow refuse the export whole, before memory runs out.
 */
public final class ZipEntries {

  /** End of central directory record: its signature, and its length without the comment. */
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int END_LENGTH = 22;
  /** The end record lies in the last 22 bytes plus a comment of at most 65,535. */
  private static final int TAIL = END_LENGTH + 0xFFFF;

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

  /**
   * What an export may hold.
   *
   * @param entryBytes the largest entry read; larger ones are kept as too large
   * @param entries the most entries
   * @param totalBytes the most bytes all entries together
   */
  public record Limits(long entryBytes, int entries, long totalBytes, long held) {
    public Limits {
      if (entryBytes < 1 || entries < 1 || totalBytes < 1 || held < 0) {
        throw new IllegalArgumentException("export limits must be positive");
      }
    }

    public Limits(long entryBytes, int entries, long totalBytes) {
      this(entryBytes, entries, totalBytes, 0);
    }

    /** These limits for an export read after others that hold this many bytes: the total is shared. */
    public Limits after(long heldBefore) {
      return new Limits(entryBytes, entries, totalBytes, heldBefore);
    }
  }

  /**
   * The bytes the exports of one read may expand to, all together: each export takes its bytes
   * from it as it reads them, so that the total holds however many exports are read at the same
   * time. An export that fails gives back what it took (a retried download counts once).
   * Thread-safe.
   */
  public static final class Budget {
    private final long total;
    private final AtomicLong used;

    /** A budget of {@code total} bytes of which {@code held} are already taken. */
    public Budget(long total, long held) {
      if (total < 1 || held < 0) {
        throw new IllegalArgumentException("an export budget must be positive");
      }
      this.total = total;
      this.used = new AtomicLong(held);
    }

    /** The limits' total, with their {@code held} bytes taken. */
    public static Budget of(Limits limits) {
      return new Budget(limits.totalBytes(), limits.held());
    }

    public long total() {
      return total;
    }

    /** The bytes taken so far. */
    public long used() {
      return used.get();
    }

    /** Takes {@code bytes}; returns the bytes taken in all, these included. */
    long take(long bytes) {
      return used.addAndGet(bytes);
    }

    void giveBack(long bytes) {
      used.addAndGet(-bytes);
    }
  }

  /**
   * The file entries (directories skipped), in archive order.
   *
   * @param what the export, for messages: {@code the flow export of namespace dev}
   * @throws IncompleteAnswerException when the body is not a whole ZIP archive
   * @throws DriftlessException when the export is over a limit
   */
  public static List<Entry> read(InputStream in, Limits limits, String what) throws IOException {
    return read(in, limits, Budget.of(limits), what);
  }

  /**
   * The file entries (directories skipped), in archive order, their bytes taken from {@code budget}
   * (shared by the read's exports; {@code limits}' own total is not consulted).
   *
   * @param what the export, for messages: {@code the flow export of namespace dev}
   * @throws IncompleteAnswerException when the body is not a whole ZIP archive
   * @throws DriftlessException when the export is over a limit
   */
  public static List<Entry> read(InputStream in, Limits limits, Budget budget, String what) throws IOException {
    List<Entry> out = new ArrayList<>();
    Tail tail = new Tail(in);
    long total = 0;
    int count = 0;
    boolean whole = false;
    try (ZipInputStream zip = new ZipInputStream(tail)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        count++;
        if (count > limits.entries()) {
          throw new DriftlessException(what + " holds more than " + limits.entries() + " entries, the limit"
              + " (maxExportEntries): it is not read, and nothing is planned from it");
        }
        if (entry.isDirectory()) {
          continue;
        }
        int cap = (int) Math.min(limits.entryBytes(), Integer.MAX_VALUE - 16L);
        byte[] bytes = zip.readNBytes(cap + 1);
        total += bytes.length;
        long used = budget.take(bytes.length);
        if (bytes.length > limits.entryBytes()) {
          out.add(new Entry(entry.getName(), Optional.empty()));
          // The rest of a too large entry is read past, never held, and counts toward the total: an
          // entry expanding to gigabytes refuses the export instead of holding the read for minutes.
          for (long skipped; used <= budget.total() && (skipped = zip.skip(1L << 20)) > 0; ) {
            total += skipped;
            used = budget.take(skipped);
          }
        } else {
          out.add(new Entry(entry.getName(), Optional.of(bytes)));
        }
        if (used > budget.total()) {
          long others = used - total;
          throw new DriftlessException(what + " expands to more than " + budget.total() + " bytes"
              + (others > 0 ? " together with the " + others + " bytes of the exports read before it" : "")
              + ", the limit for one read (maxExportBytes): it is not read, and nothing is planned from it");
        }
        zip.closeEntry();
      }
      tail.drain();
      int listed = tail.entriesInDirectory().orElseThrow(() -> new IncompleteAnswerException(what + " is not a whole"
          + " ZIP archive: it ends without the archive's directory (cut short, or not a ZIP at all)"));
      if (listed != 0xFFFF && listed != count) {
        throw new IncompleteAnswerException(what + " holds " + count + " entries but its directory lists " + listed
            + ": the archive is damaged or cut short");
      }
      whole = true;
    } catch (ZipException e) {
      throw new IncompleteAnswerException(what + " is not a valid ZIP archive (" + e.getMessage() + ")", e);
    } catch (java.io.EOFException e) {
      throw new IncompleteAnswerException(what + " is cut short in the middle of an entry", e);
    } finally {
      if (!whole) {
        budget.giveBack(total);
      }
    }
    return out;
  }

  /** Passes every byte through, keeping the last {@link #TAIL} of them, where a ZIP's end record is. */
  private static final class Tail extends FilterInputStream {
    private final byte[] ring = new byte[TAIL];
    private long seen;

    Tail(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        ring[(int) (seen++ % TAIL)] = (byte) b;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int done = 0; done < n; ) {
        int at = (int) (seen % TAIL);
        int chunk = Math.min(n - done, TAIL - at);
        System.arraycopy(buffer, offset + done, ring, at, chunk);
        done += chunk;
        seen += chunk;
      }
      return n;
    }

    @Override
    public void close() {
      // The answer's stream is closed by whoever opened it, after the tail is checked.
    }

    /** Reads what the ZIP reader left: the central directory and the end record. */
    void drain() throws IOException {
      byte[] buffer = new byte[8192];
      while (read(buffer, 0, buffer.length) >= 0) {
        // keep the tail
      }
    }

    /** The entry count of the end record the body ends with; empty when it ends with none. */
    Optional<Integer> entriesInDirectory() {
      int length = (int) Math.min(seen, TAIL);
      byte[] last = new byte[length];
      for (int i = 0; i < length; i++) {
        last[i] = ring[(int) ((seen - length + i) % TAIL)];
      }
      for (int at = length - END_LENGTH; at >= 0; at--) {
        if (int32(last, at) == END_SIGNATURE && at + END_LENGTH + int16(last, at + 20) == length) {
          return Optional.of(int16(last, at + 10));
        }
      }
      return Optional.empty();
    }

    private static int int16(byte[] b, int at) {
      return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int at) {
      return int16(b, at) | int16(b, at + 2) << 16;
    }
  }
}
