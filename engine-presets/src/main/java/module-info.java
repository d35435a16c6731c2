/**
 * The Kestra Git plugin's tasks as typed requests over the engine: the task-file reader, the preset
 * runner, the {@code Reconciler} and webhook verification.
 */
@SuppressWarnings("requires-automatic")
module dev.driftless.presets {
  requires transitive dev.driftless.api;
  requires transitive dev.driftless.core;
  requires transitive dev.driftless.git;
  requires transitive dev.driftless.kestra;
  requires org.yaml.snakeyaml;
  requires static org.immutables.value.annotations;

  exports dev.driftless.presets;
  exports dev.driftless.presets.run;
  exports dev.driftless.presets.webhook;
}
