package dev.driftless.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes as people write it on a command line: {@code 1048576}, {@code 512KiB},
 * {@code 10MiB}, {@code 1GiB} (powers of 1024; the unit's case does not matter).
 */
final class ByteSize implements ITypeConverter<Long> {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|kib|mib|gib)?");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a size: give bytes, or a number with KiB, MiB or GiB,"
          + " such as 10MiB");
    }
    long number = Long.parseLong(m.group(1));
    long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
      case "kib" -> 1024L;
      case "mib" -> 1024L * 1024;
      case "gib" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    if (number < 1) {
      throw new TypeConversionException("'" + value + "' must be at least 1 byte");
    }
    if (number > Integer.MAX_VALUE / unit) {
      throw new TypeConversionException("'" + value + "' is more than 2 GiB, the most one file can hold in memory");
    }
    return number * unit;
  }
}
