package dev.driftless.kestra.internal.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.kestra.internal.client.IncompleteAnswerException;
import dev.driftless.port.DriftlessException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ZipEntriesTest {

  private static final ZipEntries.Limits TEN_BYTES = new ZipEntries.Limits(10, 1000, 1 << 20);
  private static final String WHAT = "the export";

  @Test
  void entriesOverTheLimit_areKeptWithoutTheirBytes_andDirectoriesSkipped() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("dir/"));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("dir/small"));
      zip.write(new byte[] {1, 2, 3});
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("big"));
      zip.write(new byte[100_000]);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("exact"));
      zip.write(new byte[10]);
      zip.closeEntry();
    }
    List<ZipEntries.Entry> entries = read(bytes.toByteArray(), TEN_BYTES);
    assertEquals(List.of("dir/small", "big", "exact"), entries.stream().map(ZipEntries.Entry::name).toList());
    assertArrayEquals(new byte[] {1, 2, 3}, entries.get(0).content().orElseThrow());
    assertTrue(entries.get(1).tooLarge());
    assertEquals(10, entries.get(2).content().orElseThrow().length);
  }

  @Test
  void anEmptyArchive_isWhole_andHoldsNothing() throws IOException {
    assertEquals(List.of(), read(zip(0, 1), TEN_BYTES));
  }

  @Test
  void anArchiveCutShort_anywhere_isIncomplete_neverFewerEntries() {
    byte[] whole = zip(5, 8);
    for (int cut = 0; cut < whole.length; cut++) {
      byte[] part = Arrays.copyOf(whole, cut);
      int at = cut;
      assertThrows(IncompleteAnswerException.class, () -> read(part, TEN_BYTES), () -> "cut at byte " + at);
    }
  }

  @Test
  void anHtmlPage_orJson_whereTheZipShouldBe_isIncomplete() {
    IncompleteAnswerException html = assertThrows(IncompleteAnswerException.class,
        () -> read("<html><body>Down for maintenance</body></html>".getBytes(StandardCharsets.UTF_8), TEN_BYTES));
    assertTrue(html.getMessage().startsWith("the export is not a whole ZIP archive"), html.getMessage());
    assertThrows(IncompleteAnswerException.class,
        () -> read("{\"message\":\"oops\"}".getBytes(StandardCharsets.UTF_8), TEN_BYTES));
    assertThrows(IncompleteAnswerException.class, () -> read(new byte[0], TEN_BYTES));
  }

  @Test
  void moreEntriesThanTheLimit_refuseTheExportWhole() {
    DriftlessException e = assertThrows(DriftlessException.class,
        () -> read(zip(50, 1), new ZipEntries.Limits(10, 20, 1 << 20)));
    assertEquals("the export holds more than 20 entries, the limit (maxExportEntries): it is not read, and nothing is"
        + " planned from it", e.getMessage());
  }

  @Test
  void anEntryExpandingToGigabytes_refusesTheExport_withoutHoldingIt() {
    ZipEntries.Limits limits = new ZipEntries.Limits(1 << 20, 10, 16L << 20);
    DriftlessException e = assertThrows(DriftlessException.class, () -> ZipEntries.read(bomb(1L << 28), limits, WHAT));
    assertTrue(e.getMessage().contains("expands to more than 16777216 bytes, the limit for one read (maxExportBytes)"),
        e.getMessage());
  }

  private static List<ZipEntries.Entry> read(byte[] bytes, ZipEntries.Limits limits) throws IOException {
    return ZipEntries.read(new ByteArrayInputStream(bytes), limits, WHAT);
  }

  private static byte[] zip(int entries, int size) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < entries; i++) {
        zip.putNextEntry(new ZipEntry("e" + i));
        zip.write(new byte[size]);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  /** A ZIP whose one entry expands to {@code size} zero bytes, made on the fly (a few megabytes compressed). */
  private static InputStream bomb(long size) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bomb"));
      byte[] zeros = new byte[1 << 20];
      for (long written = 0; written < size; written += zeros.length) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
