package dev.driftless.emulator.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Server-made ids, shaped like Kestra's {@code IdUtils.create()}: 22 base62 characters. */
public final class Ids {

  private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {
  }

  public static String create() {
    char[] out = new char[22];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < out.length; i++) {
      out[i] = BASE62[random.nextInt(BASE62.length)];
    }
    return new String(out);
  }
}
