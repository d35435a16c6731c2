package dev.driftless.emulator.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One property of a flow object as the catalogue records it: its name, what it holds, the Java type
 * Kestra names in its messages, and the constraints Kestra's validation applies to it.
 *
 * <p>Written in the catalogue as {@code <name> <kind> <javaType> [flag...]}; see
 * {@link #parse(String)} for the flags.
 *
 * @param name the property as written in YAML
 * @param field the name in Kestra's violation paths: the Java field, which differs for keywords
 *              ({@code else} is {@code _else})
 * @param kind what the property holds
 * @param javaType the Java type in Kestra's deserialization messages; {@code -} when none shows
 * @param checks the constraints without a parameter
 * @param pattern a regular expression the value must match entirely ({@code must match "..."})
 * @param size the length bounds of a text ({@code size must be between a and b})
 * @param min the lowest accepted number ({@code must be greater than or equal to n})
 */
record PropertySchema(String name, String field, ValueKind kind, String javaType, Set<Check> checks,
    Optional<String> pattern, Optional<Size> size, OptionalLong min) {

  /** The constraints that take no parameter. */
  enum Check {
    /** {@code must not be null}. */
    NOT_NULL("notnull"),
    /** {@code must not be blank}: absent, or a text of white space only. */
    NOT_BLANK("notblank"),
    /** {@code must not be empty}: absent, an empty text, list or map. */
    NOT_EMPTY("notempty"),
    /** {@code must be greater than 0}. */
    POSITIVE("positive"),
    /** {@code must be null}: a property Kestra reads but refuses. */
    NULL("null"),
    /** A time-zone id ({@code timezone '(X)' is not a valid time-zone ID}). */
    TIMEZONE("timezone"),
    /** A Java regular expression ({@code invalid pattern [X]}). */
    REGEX("regex"),
    /** A list of Java regular expressions. */
    REGEX_ITEMS("regexitems"),
    /** Kestra reports the property as deprecated when it is set. */
    DEPRECATED("deprecated"),
    /** Kestra does not validate what the property holds (no {@code @Valid}). */
    NO_CASCADE("novalid"),
    /** A list whose items must not be null ({@code <list element>: must not be null}). */
    NOT_NULL_ITEMS("notnullitems"),
    /**
     * {@code must not be null}, on a property with a default: absent (or null) keeps the default,
     * only an empty text, which Kestra reads as null, is refused.
     */
    DEFAULTED("defaulted");

    private final String word;

    Check(String word) {
      this.word = word;
    }

    static Optional<Check> of(String word) {
      for (Check c : values()) {
        if (c.word.equals(word)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  /** Length bounds of a text, inclusive. */
  record Size(int min, int max) {
  }

  PropertySchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(javaType, "javaType");
    checks = checks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checks));
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(min, "min");
    pattern.ifPresent(Pattern::compile);
  }

  /**
   * Reads one catalogue line (without its indentation): {@code name kind javaType} then flags among
   * {@code notnull notblank notempty positive null timezone regex regexitems deprecated novalid
   * notnullitems defaulted},
   * {@code pattern=<regex>}, {@code size=<min>..<max>}, {@code min=<n>} and {@code field=<javaField>}.
   */
  static PropertySchema parse(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length < 3) {
      throw new IllegalArgumentException("a property needs a name, a kind and a Java type: " + line);
    }
    Set<Check> checks = EnumSet.noneOf(Check.class);
    Optional<String> pattern = Optional.empty();
    Optional<Size> size = Optional.empty();
    OptionalLong min = OptionalLong.empty();
    String field = parts[0];
    for (String flag : List.of(parts).subList(3, parts.length)) {
      Optional<Check> check = Check.of(flag);
      if (check.isPresent()) {
        checks.add(check.get());
      } else if (flag.startsWith("pattern=")) {
        pattern = Optional.of(flag.substring("pattern=".length()));
      } else if (flag.startsWith("size=")) {
        String[] bounds = flag.substring("size=".length()).split("\\.\\.");
        size = Optional.of(new Size(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])));
      } else if (flag.startsWith("min=")) {
        min = OptionalLong.of(Long.parseLong(flag.substring("min=".length())));
      } else if (flag.startsWith("field=")) {
        field = flag.substring("field=".length());
      } else {
        throw new IllegalArgumentException("unknown property flag '" + flag + "' in: " + line);
      }
    }
    return new PropertySchema(parts[0], field, ValueKind.parse(parts[1]), parts[2], checks, pattern, size, min);
  }

  boolean has(Check check) {
    return checks.contains(check);
  }
}
