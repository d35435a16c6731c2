/**
 * The pure engine: the planner, the applier, YAML handling, codecs and renderers. The packages under
 * {@code dev.driftless.core.internal} are its implementation and are not exported.
 *
 * <p>On a module path, rows written or read as Ion need ion-java on the class path and
 * {@code --add-reads com.fasterxml.jackson.dataformat.ion=ALL-UNNAMED}: Jackson's Ion module requires
 * ion-java by a name ion-java does not carry. On a class path nothing is needed.
 */
@SuppressWarnings("requires-automatic")
module dev.driftless.core {
  requires transitive dev.driftless.api;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.dataformat.ion;
  requires org.yaml.snakeyaml;
  requires io.vavr;
  requires io.github.javadiffutils;
  requires static org.immutables.value.annotations;

  exports dev.driftless.core.apply;
  exports dev.driftless.core.codec;
  exports dev.driftless.core.plan;
  exports dev.driftless.core.render;
  exports dev.driftless.core.yaml;
}
