/**
 * The Kestra API emulator: a real HTTP server on loopback answering as a given Kestra version and
 * edition would, and its command. The package {@code dev.driftless.emulator.internal} is its
 * implementation and is not exported.
 */
module dev.driftless.emulator {
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;

  exports dev.driftless.emulator;
}
