package dev.driftless.emulator.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The plugin types an emulated server knows, as a stock Kestra of that version without extra
 * plugins has them, plus the types a test or user adds: a flow using any other type is refused, as
 * Kestra refuses it ({@code Invalid type: ...}). Deprecated aliases (such as
 * {@code io.kestra.core.tasks.log.Log}) are known and name their replacement.
 *
 * <p>Beyond the names, the catalogue holds the flow model the validator checks against
 * ({@link ObjectSchema}): per plugin and model object, its properties, what they hold and their
 * constraints. It is read from a resource in our own format ({@code plugins-<line>.txt} next to
 * this package's resources); what is verified and what is derived:
 * <ul>
 *   <li><b>0.20.x</b> ({@code plugins-0.20.txt}): verified against a real Kestra 0.20.7 OSS server.
 *       The types and aliases are those of {@code GET /api/v1/plugins}; the properties of every
 *       task, trigger and condition, of the flow and of its model objects (inputs, retries, SLAs,
 *       outputs, listeners, plugin defaults, nested objects) come from
 *       {@code POST /api/v1/flows/validate} probes: their names in Kestra's order, the Java type and
 *       value kind the deserializer applies, and the constraint messages; deprecations come from the
 *       server's flow JSON schema. The Docker task runner is known by name only. Checked against
 *       Kestra's own test flows, 6,562 variations of them (1,500 also as block YAML) and 323
 *       hand-written probes: the same verdict on every one.
 *   <li><b>0.21 and later</b> ({@code plugins-1.x.txt}): derived, not verified, from the core sources
 *       of Kestra 1.3.31: the {@code io.kestra.plugin.core} classes annotated as plugins (dashboard
 *       charts aside), their {@code @Plugin(aliases)} and {@code @Deprecated}, the flow's top-level
 *       properties, where flowable tasks hold their child tasks, and the input, retry and SLA types.
 *       Plugin properties are not checked (after 0.20 most became dynamic, so the 0.20 data would
 *       refuse valid flows): the plugins are open, and only their types, the ids of tasks and
 *       triggers, the checks that read alike in 1.3's sources (a Dag's dependencies, a Switch's
 *       cases, a WorkingDirectory's children, a Schedule's cron) and the flow-wide checks apply. A
 *       version other than 1.3 may know a few types more or fewer.
 * </ul>
 */
public final class PluginCatalogue {

  /** A plugin type: a Java class name with a package, like {@code io.kestra.plugin.core.log.Log}. */
  private static final Pattern CLASS_NAME = Pattern.compile("([a-zA-Z_$][a-zA-Z0-9_$]*\\.)+[a-zA-Z_$][a-zA-Z0-9_$]*");
  private static final Map<String, Contents> LOADED = new ConcurrentHashMap<>();

  private final KestraVersion version;
  private final Set<String> added;
  private final boolean anyType;
  private final Contents contents;

  private PluginCatalogue(KestraVersion version, Set<String> added, boolean anyType) {
    this.version = Objects.requireNonNull(version, "version");
    this.added = Set.copyOf(added);
    this.anyType = anyType;
    this.contents = LOADED.computeIfAbsent(resourceFor(version), PluginCatalogue::load);
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
    return added.contains(type) || contents.plugins.containsKey(type) || replacementOf(type).isPresent()
        || (anyType && CLASS_NAME.matcher(type).matches());
  }

  /** The type a deprecated alias stands for, when it is one. */
  public Optional<String> replacementOf(String type) {
    return Optional.ofNullable(contents.aliases.get(type));
  }

  /**
   * The schema of a stock plugin type or of a deprecated alias (the schema of its replacement);
   * empty for added types and unknown ones.
   */
  Optional<ObjectSchema> plugin(String type) {
    String resolved = contents.aliases.getOrDefault(type, type);
    return Optional.ofNullable(contents.plugins.get(resolved));
  }

  /** The schema of a model object ({@code flow}, {@code input:STRING}, a nested class name...). */
  Optional<ObjectSchema> model(String name) {
    return Optional.ofNullable(contents.models.get(name));
  }

  /** The members of a family of model objects, by their {@code type} value ({@code input}: STRING...). */
  List<String> family(String family) {
    String prefix = family + ":";
    return contents.models.keySet().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
        .toList();
  }

  /** Every deprecated alias and its replacement. */
  Map<String, String> aliases() {
    return contents.aliases;
  }

  private static String resourceFor(KestraVersion version) {
    return version.atLeast(0, 21) ? "plugins-1.x.txt" : "plugins-0.20.txt";
  }

  /** A parsed catalogue resource. */
  private record Contents(Map<String, ObjectSchema> plugins, Map<String, ObjectSchema> models,
      Map<String, String> aliases) {
  }

  private static Contents load(String resource) {
    String path = "/dev/driftless/emulator/" + resource;
    try (InputStream in = PluginCatalogue.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the plugin catalogue " + path + " is missing from the class path");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(), path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin catalogue " + path, e);
    }
  }

  /** Reads the catalogue format described at the top of each resource file. */
  private static Contents parse(List<String> lines, String source) {
    Map<String, ObjectSchema> plugins = new LinkedHashMap<>();
    Map<String, ObjectSchema> models = new LinkedHashMap<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    Entry current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        if (line.startsWith(" ")) {
          if (current == null) {
            throw new IllegalArgumentException("a property before any plugin or model");
          }
          current.properties.add(PropertySchema.parse(line));
          continue;
        }
        if (current != null) {
          current.store(plugins, models);
          current = null;
        }
        String[] parts = line.split(" ");
        if (parts[0].equals("alias")) {
          aliases.put(parts[1], parts[2]);
        } else if (parts[0].equals("model")) {
          current = new Entry(parts[1], ObjectSchema.Category.MODEL, parts[2], List.of(parts).subList(3, parts.length));
        } else {
          ObjectSchema.Category category = ObjectSchema.Category.of(parts[0])
              .orElseThrow(() -> new IllegalArgumentException("unknown category " + parts[0]));
          current = new Entry(parts[1], category, parts[1], List.of(parts).subList(2, parts.length));
        }
      } catch (RuntimeException e) {
        throw new IllegalStateException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (current != null) {
      current.store(plugins, models);
    }
    return new Contents(Map.copyOf(plugins), Map.copyOf(models), Map.copyOf(aliases));
  }

  /** A plugin or model being read. */
  private static final class Entry {
    private final String name;
    private final ObjectSchema.Category category;
    private final String javaClass;
    private final Set<ObjectSchema.Trait> traits = EnumSet.noneOf(ObjectSchema.Trait.class);
    private final List<String> children = new ArrayList<>();
    private final List<PropertySchema> properties = new ArrayList<>();

    Entry(String name, ObjectSchema.Category category, String javaClass, List<String> flags) {
      this.name = name;
      this.category = category;
      this.javaClass = javaClass;
      for (String flag : flags) {
        if (flag.startsWith("children=")) {
          children.addAll(List.of(flag.substring("children=".length()).split(",")));
        } else {
          traits.add(ObjectSchema.Trait.of(flag).orElseThrow(() -> new IllegalArgumentException("unknown trait " + flag)));
        }
      }
    }

    void store(Map<String, ObjectSchema> plugins, Map<String, ObjectSchema> models) {
      ObjectSchema schema = new ObjectSchema(name, category, javaClass, traits, children, properties);
      (category == ObjectSchema.Category.MODEL ? models : plugins).put(name, schema);
    }
  }
}
