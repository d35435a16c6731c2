package dev.driftless.git.internal.repo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds what fetches into a repository in memory bring: counts the bytes of the packs they receive,
 * as they are read off the connection and before they are kept, and stops the fetch once the
 * count passes the limit. The pack is what the repository holds, so the count bounds its memory.
 */
final class MemoryBudget {

  private final long limit;
  private long used;
  private volatile boolean exceeded;

  MemoryBudget(long limit) {
    this.limit = limit;
  }

  long limit() {
    return limit;
  }

  /** Whether a fetch went past the limit (and was stopped). */
  boolean exceeded() {
    return exceeded;
  }

  /** The pack stream {@code in}, counted against the limit. */
  InputStream counting(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          add(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          add(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
      }
    };
  }

  private synchronized void add(long bytes) throws IOException {
    used += bytes;
    if (used > limit) {
      exceeded = true;
      throw new IOException("the fetched pack is larger than " + limit + " bytes, the limit for a read in memory");
    }
  }

  @Override
  public String toString() {
    return "MemoryBudget[" + used + " of " + limit + " bytes]";
  }
}
