package dev.driftless.kestra.internal.client;

import java.io.IOException;
import java.io.InputStream;

/** Reads a successful answer's body as it streams in (a ZIP export is never held in memory whole). */
@FunctionalInterface
public interface BodyReader<T> {

  /** Reads the body; an {@link IOException} here counts as a failed attempt and may be retried. */
  T read(InputStream body) throws IOException;
}
