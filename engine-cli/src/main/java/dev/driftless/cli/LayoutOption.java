package dev.driftless.cli;

import dev.driftless.presets.LayoutType;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --layout}: the presets' names for the layouts ({@link LayoutType#label()}), each one the
 * command line syncs. That is every layout but {@code outputs}, whose execution files only
 * PushExecutionFiles writes.
 */
final class LayoutOption implements ITypeConverter<LayoutType>, Iterable<String> {

  private static final List<LayoutType> SYNCED =
      List.of(LayoutType.NAMESPACE, LayoutType.FLOWS, LayoutType.FILES, LayoutType.DASHBOARDS);

  /** The layout the command line syncs with this name, if any. */
  static Optional<LayoutType> of(String label) {
    return LayoutType.fromLabel(label).filter(SYNCED::contains);
  }

  @Override
  public LayoutType convert(String value) {
    return of(value).orElseThrow(() -> new TypeConversionException("expected one of ["
        + String.join(", ", this) + "] (case-sensitive) but was '" + value + "'"));
  }

  /** The names, for the help and shell completion. */
  @Override
  public Iterator<String> iterator() {
    return SYNCED.stream().map(LayoutType::label).iterator();
  }
}
