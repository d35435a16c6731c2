/**
 * The Kestra side through its REST API: the client, the snapshot reader, the change writer and the
 * detection of the server's version and edition. The packages under
 * {@code dev.driftless.kestra.internal} are its implementation and are not exported.
 */
@SuppressWarnings("requires-automatic")
module dev.driftless.kestra {
  requires transitive dev.driftless.api;
  requires dev.driftless.core;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires static org.immutables.value.annotations;

  exports dev.driftless.kestra;
}
