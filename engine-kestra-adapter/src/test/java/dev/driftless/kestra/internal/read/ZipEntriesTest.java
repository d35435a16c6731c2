package dev.driftless.kestra.internal.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipEntriesTest {

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
      zip.write(new byte[1_000_000]);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("exact"));
      zip.write(new byte[10]);
      zip.closeEntry();
    }
    List<ZipEntries.Entry> entries = ZipEntries.read(new ByteArrayInputStream(bytes.toByteArray()), 10);
    assertEquals(List.of("dir/small", "big", "exact"), entries.stream().map(ZipEntries.Entry::name).toList());
    assertArrayEquals(new byte[] {1, 2, 3}, entries.get(0).content().orElseThrow());
    assertTrue(entries.get(1).tooLarge());
    assertEquals(10, entries.get(2).content().orElseThrow().length);
  }
}
