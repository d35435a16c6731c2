package dev.driftless.presets;

import dev.driftless.credential.Secret;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.policy.Guards;
import dev.driftless.policy.OnConflict;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The properties tasks share, as the setters of their builders and as read from a task file, so
 * that each is read in one place. Each setter group is typed by the builder it returns; the
 * generated builder methods implement them, so a caller that fills any task's builder from its own
 * properties (the Kestra plugin, from rendered properties) sets a group once for every task.
 */
public final class FieldGroups {

  /** The task properties of the mass-deletion guard, as its messages name them. */
  public static final String MAX_DELETE_SHARE = "maxDeleteShare";
  public static final String DELETE_GUARD_MIN_POPULATION = "deleteGuardMinPopulation";
  public static final String ALLOWED_DELETES = "allowedDeletes";

  /** Why {@code sourceOfTruthByKind} cannot say BOTH, for every reader of it. */
  public static final String BOTH_PER_KIND = "BOTH is chosen for the whole task, not per kind: set sourceOfTruth: "
      + "BOTH, and name in sourceOfTruthByKind only the kinds that stay one-way (GIT or KESTRA)";

  private FieldGroups() {}

  /** The Git remote's properties ({@link GitConnection}). */
  public interface Remote<B> {
    B url(String value);

    B username(String value);

    B password(Secret value);

    B privateKey(Secret value);

    B passphrase(Secret value);

    B trustedCaPemPath(String value);

    B noProxy(boolean value);

    B connectTimeout(int value);

    B readTimeout(int value);

    B putAllGitConfig(Map<String, ? extends String> entries);

    B knownHostsPath(String value);

    B hostKey(String value);

    B strictHostKeyChecking(boolean value);
  }

  /** Kestra's properties ({@link KestraConnection}). */
  public interface Server<B> {
    B kestraUrl(String value);

    B auth(KestraAuth value);

    B tenantId(String value);
  }

  /** How a task that writes to Git signs its commit ({@link CommitSettings}). */
  public interface CommitInfo<B> {
    B commitMessage(String value);

    B authorName(String value);

    B authorEmail(String value);
  }

  /** NamespaceSync's and TenantSync's properties ({@link TwoWaySync}). */
  public interface TwoWay<B> {
    B branch(String value);

    B gitDirectory(String value);

    B sourceOfTruth(Side value);

    /** {@code sourceOfTruth: BOTH}. */
    B twoWay(boolean value);

    B onConflict(OnConflict value);

    B putAllSourceOfTruthByKind(Map<ResourceKind, ? extends Side> entries);

    B whenMissingInSource(WhenMissing value);

    B protectedNamespaces(Set<String> value);

    B onInvalidSyntax(OnInvalidSyntax value);

    B kinds(Set<ResourceKind> value);
  }

  /** How a run goes: plan only, and when the mass-deletion guard holds a plan back. */
  public interface DryRun<B> {
    B dryRun(boolean value);

    B guards(Guards value);
  }

  /** The output rows' detail ({@link SyncTask#rows()}). */
  public interface Rows<B> {
    B rows(RowDetail value);
  }

  /**
   * What every task but Clone reads: the remote, Kestra, {@code dryRun} and {@code rows}. A task that
   * sets no {@code kestraUrl}, {@code tenantId} or {@code auth} (or only {@code auth: {auto: true}})
   * takes what its surroundings give ({@link TaskEnvironment}), as the plugin takes Kestra's inside Kestra.
   */
  static <B extends Remote<B> & Server<B> & DryRun<B> & Rows<B>> void readShared(PropertyReader r, B b) {
    readRemote(r, b);
    // The plugin reads cloneSubmodules on every task; only Clone uses it.
    r.accept("cloneSubmodules");
    r.accept("kestraUrl", "tenantId", "auth");
    TaskEnvironment environment = r.environment();
    (r.has("kestraUrl") ? r.string("kestraUrl") : environment.kestraUrl()).map(environment.urls()).ifPresent(b::kestraUrl);
    (r.has("tenantId") ? r.string("tenantId") : environment.tenantId()).ifPresent(b::tenantId);
    (r.has("auth") ? r.object("auth").flatMap(auth -> readAuth(r, auth)) : environment.kestraAuth().get())
        .ifPresent(b::auth);
    r.bool("dryRun").ifPresent(b::dryRun);
    r.enumValue("rows", RowDetail.class).ifPresent(b::rows);
    readGuards(r).ifPresent(b::guards);
  }

  /**
   * The mass-deletion guard's settings, on top of its defaults: {@code maxDeleteShare} (30% or
   * 0.3), {@code deleteGuardMinPopulation} and {@code allowedDeletes} (whole numbers, 0 or more).
   */
  static Optional<Guards> readGuards(PropertyReader r) {
    Guards guards = Guards.defaults();
    boolean set = false;
    Optional<String> share = r.string(MAX_DELETE_SHARE);
    if (share.isPresent()) {
      try {
        guards = guards.withMaxDeleteShare(Guards.share(share.get()));
        set = true;
      } catch (IllegalArgumentException e) {
        r.problem(MAX_DELETE_SHARE, e.getMessage());
      }
    }
    Optional<Integer> population = wholeNumber(r, DELETE_GUARD_MIN_POPULATION);
    if (population.isPresent()) {
      guards = guards.withMinPopulation(population.get());
      set = true;
    }
    Optional<Integer> allowed = wholeNumber(r, ALLOWED_DELETES);
    if (allowed.isPresent()) {
      guards = guards.withAllowedDeletes(allowed.get());
      set = true;
    }
    return set ? Optional.of(guards) : Optional.empty();
  }

  private static Optional<Integer> wholeNumber(PropertyReader r, String name) {
    Optional<Integer> value = r.integer(name);
    if (value.isPresent() && value.get() < 0) {
      r.problem(name, "must be 0 or more, got " + value.get());
      return Optional.empty();
    }
    return value;
  }

  static void readCommit(PropertyReader r, CommitInfo<?> b) {
    r.string("commitMessage").ifPresent(b::commitMessage);
    r.string("authorName").ifPresent(b::authorName);
    r.string("authorEmail").ifPresent(b::authorEmail);
  }

  static void readRemote(PropertyReader r, Remote<?> b) {
    r.string("url").map(r.environment().urls()).ifPresent(b::url);
    r.string("username").ifPresent(b::username);
    r.secret("password").ifPresent(b::password);
    r.secret("privateKey").ifPresent(b::privateKey);
    r.secret("passphrase").ifPresent(b::passphrase);
    r.string("trustedCaPemPath").ifPresent(b::trustedCaPemPath);
    r.bool("noProxy").ifPresent(b::noProxy);
    r.integer("connectTimeout").ifPresent(b::connectTimeout);
    r.integer("readTimeout").ifPresent(b::readTimeout);
    b.putAllGitConfig(r.stringMap("gitConfig"));
    r.string("knownHostsPath").ifPresent(b::knownHostsPath);
    r.string("hostKey").ifPresent(b::hostKey);
    r.bool("strictHostKeyChecking").ifPresent(b::strictHostKeyChecking);
  }

  static void readTwoWay(PropertyReader r, TwoWay<?> b) {
    r.string("branch").ifPresent(b::branch);
    r.string("gitDirectory").ifPresent(b::gitDirectory);
    r.enumValue("sourceOfTruth", SourceOfTruth.class).ifPresent(source -> {
      switch (source) {
        case GIT -> b.sourceOfTruth(Side.GIT);
        case KESTRA -> b.sourceOfTruth(Side.KESTRA);
        case BOTH -> b.twoWay(true);
      }
    });
    r.enumValue("onConflict", OnConflict.class).ifPresent(b::onConflict);
    b.putAllSourceOfTruthByKind(byKind(r));
    r.enumValue("whenMissingInSource", WhenMissing.class).ifPresent(b::whenMissingInSource);
    if (r.has("protectedNamespaces")) {
      b.protectedNamespaces(new LinkedHashSet<>(r.strings("protectedNamespaces")));
    }
    r.enumValue("onInvalidSyntax", OnInvalidSyntax.class).ifPresent(b::onInvalidSyntax);
    kinds(r).ifPresent(b::kinds);
  }

  /**
   * {@code auth: {username, password}} or {@code auth: {apiToken}}, never both; with neither, the
   * plugin's {@code auto} (true by default) takes the surroundings' credentials, as when
   * {@code auth} is left out, and {@code auto: false} signs in with none.
   */
  private static Optional<KestraAuth> readAuth(PropertyReader task, PropertyReader auth) {
    Optional<String> username = auth.string("username");
    Optional<Secret> password = auth.secret("password");
    Optional<Secret> apiToken = auth.secret("apiToken");
    boolean auto = auth.bool("auto").orElse(true);
    auth.finish(false);
    boolean token = auth.has("apiToken");
    boolean user = auth.has("username");
    boolean pass = auth.has("password");
    if ((token && apiToken.isEmpty()) || (user && username.isEmpty()) || (pass && password.isEmpty())) {
      return Optional.empty(); // already reported, with its line
    }
    if (!token && !user && !pass) {
      return auto ? task.environment().kestraAuth().get() : Optional.empty();
    }
    if (token && (user || pass)) {
      task.problem("auth", "set either apiToken or username and password, not both");
    } else if (!token && !(user && pass)) {
      task.problem("auth", "needs both username and password, or an apiToken");
    } else {
      try {
        if (apiToken.isPresent()) {
          return Optional.of(new KestraAuth.ApiToken(apiToken.get()));
        }
        if (username.isPresent() && password.isPresent()) {
          return Optional.of(new KestraAuth.Basic(username.get(), password.get()));
        }
      } catch (IllegalArgumentException e) {
        task.problem("auth", e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The values of {@code sourceOfTruth}: a side, or both ways. */
  private enum SourceOfTruth {
    GIT,
    KESTRA,
    BOTH
  }

  /**
   * {@code sourceOfTruthByKind}: a side per kind. BOTH is the whole task's choice, not a kind's:
   * with {@code sourceOfTruth: BOTH} the kinds named here are the ones that stay one-way.
   */
  private static Map<ResourceKind, Side> byKind(PropertyReader r) {
    Map<ResourceKind, Side> out = new EnumMap<>(ResourceKind.class);
    r.object("sourceOfTruthByKind").ifPresent(kinds -> {
      for (ResourceKind kind : ResourceKind.values()) {
        for (String name : new LinkedHashSet<>(List.of(kind.label(), kind.name(), camel(kind)))) {
          kinds.enumValue(name, SourceOfTruth.class).ifPresent(source -> {
            switch (source) {
              case GIT -> out.put(kind, Side.GIT);
              case KESTRA -> out.put(kind, Side.KESTRA);
              case BOTH -> kinds.problem(name, BOTH_PER_KIND);
            }
          });
        }
      }
      kinds.finish(false);
    });
    return out;
  }

  private static Optional<Set<ResourceKind>> kinds(PropertyReader r) {
    if (!r.has("kinds")) {
      r.accept("kinds");
      return Optional.empty();
    }
    Set<ResourceKind> out = EnumSet.noneOf(ResourceKind.class);
    for (String label : r.strings("kinds")) {
      try {
        out.add(ResourceKind.fromLabel(label));
      } catch (IllegalArgumentException e) {
        r.problem("kinds", e.getMessage());
      }
    }
    return Optional.of(out);
  }

  private static String camel(ResourceKind kind) {
    String[] parts = kind.label().split("-");
    StringBuilder out = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return out.toString();
  }
}
