package dev.driftless.kestra;

import dev.driftless.kestra.internal.client.KestraClient;
import dev.driftless.kestra.internal.client.ServerDetection;
import dev.driftless.kestra.internal.read.ExecutionFilesReader;
import dev.driftless.kestra.internal.read.KestraReader;
import dev.driftless.kestra.internal.read.ReadContext;
import dev.driftless.kestra.internal.read.StateReader;
import dev.driftless.kestra.internal.review.KestraReviewer;
import dev.driftless.kestra.internal.write.KestraWriter;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.SnapshotReader;
import java.util.Map;
import java.util.Objects;

/**
 * The Kestra side of a sync, on one server: its {@link #reader()} and {@link #writer()}, and what
 * was detected about the server ({@link #server()}: version, edition, tenant).
 *
 * <pre>{@code
 * try (KestraSide kestra = KestraSide.open(settings)) {
 *   Snapshot snapshot = kestra.reader().read(Scope.namespace("company.team", kinds));
 *   Applier.to(kestra.writer()).apply(plan);
 * }
 * }</pre>
 *
 * <p>Opening asks the server for its version and edition ({@code GET /api/v1/configs}), which also
 * checks the credentials on servers from 0.24 on. The reader and the writer are thread-safe and can
 * be used as long as the side is open; whoever opens it closes it.
 */
public final class KestraSide implements AutoCloseable {

  private final KestraSettings settings;
  private final KestraServer server;
  private final KestraClient client;
  private final SnapshotReader reader;
  private final ChangeWriter writer;

  private KestraSide(KestraSettings settings, KestraServer server, KestraClient client) {
    this.settings = settings;
    this.server = server;
    this.client = client;
    StateReader state = new StateReader(new ReadContext(client, server, settings));
    this.reader = new KestraReader(state);
    this.writer = new KestraWriter(state);
  }

  /**
   * Connects to the server of the settings and detects what it is.
   *
   * @throws AccessDeniedException when the server refuses the credentials
   * @throws SideUnavailableException when it cannot be reached
   * @throws dev.driftless.port.DriftlessException when it does not answer like Kestra, or the
   *     tenant does not fit its edition
   */
  public static KestraSide open(KestraSettings settings) {
    Objects.requireNonNull(settings, "settings");
    KestraClient root = KestraClient.connect(settings);
    try {
      KestraServer server = ServerDetection.detect(root, settings);
      return new KestraSide(settings, server, root.forTenant(server.tenant()));
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /** What was detected: version, edition, tenant, and what this server can hold. */
  public KestraServer server() {
    return server;
  }

  public KestraSettings settings() {
    return settings;
  }

  /**
   * Reads one execution's output files (for PushExecutionFiles): all of them under their own
   * names, or exactly the {@code kestra://} URIs of {@code filesMap} under its names.
   */
  public SnapshotReader executionFiles(String executionId, Map<String, String> filesMap) {
    return new ExecutionFilesReader(new ReadContext(client, server, settings), executionId, filesMap);
  }

  /** Reads snapshots of this server; reading never writes. */
  public SnapshotReader reader() {
    return reader;
  }

  /**
   * Reviews a plan's writes to this server before it is applied (pass it to
   * {@code Planner.plan(..., reviewer)}): flows whose text this version would alter, namespace file
   * names it would mangle, and Kestra's own validation of every flow to be written, in one call.
   */
  public PlanReviewer reviewer() {
    return new KestraReviewer(new ReadContext(client, server, settings));
  }

  /** Writes plans' changes to this server, one call per changed resource. */
  public ChangeWriter writer() {
    return writer;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "KestraSide[" + server.describe() + "]";
  }
}
