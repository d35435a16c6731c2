package dev.driftless.emulator;

import dev.driftless.emulator.internal.EmulatorServer;
import dev.driftless.emulator.internal.EmulatorSettings;
import dev.driftless.emulator.internal.KestraVersion;
import dev.driftless.emulator.internal.PluginCatalogue;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kestra API emulator: a real HTTP server on {@code 127.0.0.1} that answers Kestra's REST API the
 * way a given Kestra server would, quirks included (see {@code reference/kestra-api.md}).
 *
 * <pre>{@code
 * try (KestraEmulator kestra = KestraEmulator.builder()
 *         .mode(Mode.OSS).version("1.3.0").basicAuth("admin@example.com", "Secret123").start()) {
 *     URI flows = URI.create(kestra.apiUrl() + "/flows");   // http://127.0.0.1:<port>/api/v1/main/flows
 *     ...
 * }
 * }</pre>
 *
 * <p>The server starts in milliseconds on an ephemeral port unless told otherwise, serves requests
 * from a small thread pool, and keeps everything in memory. {@link #close()} stops it promptly.
 * The instance is thread-safe. {@link KestraEmulatorMain} runs one from the command line.
 *
 * <p>One JVM-wide side effect: unless already set, the first emulator sets the system property
 * {@code sun.net.httpserver.nodelay=true}, which the JDK's HTTP server reads once when the JVM
 * creates its first server. Without it every answer waits ~40 ms for a delayed ACK.
 */
public final class KestraEmulator implements AutoCloseable {

  /** The tenant of Legacy and OSS servers, and the one {@link #apiUrl()} uses on Enterprise. */
  public static final String DEFAULT_TENANT = "main";

  private final EmulatorServer server;

  private KestraEmulator(EmulatorServer server) {
    this.server = server;
  }

  /** A builder with the defaults: {@link Mode#OSS}, version 1.3.0, no auth, ephemeral port. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI url() {
    return server.url();
  }

  /**
   * The API base for the default tenant, without a trailing slash: {@code <url>/api/v1} on
   * {@link Mode#LEGACY}, {@code <url>/api/v1/main} otherwise.
   */
  public URI apiUrl() {
    return apiUrl(DEFAULT_TENANT);
  }

  /**
   * The API base for a tenant: {@code <url>/api/v1/<tenant>}, or {@code <url>/api/v1} on
   * {@link Mode#LEGACY}, which has no tenants (the argument is then ignored). On {@link Mode#OSS}
   * any tenant but {@code main} gives URLs the server answers with 400, as Kestra does.
   */
  public URI apiUrl(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return URI.create(url() + (mode().tenantInPath() ? "/api/v1/" + tenant : "/api/v1"));
  }

  /** The port the server listens on. */
  public int port() {
    return server.url().getPort();
  }

  /** The emulated mode. */
  public Mode mode() {
    return server.config().mode();
  }

  /** The emulated Kestra version, as given to the builder (for example {@code 0.20.7}). */
  public String version() {
    return server.config().version().text();
  }

  /** The emulated edition, {@code OSS} or {@code EE}. */
  public String edition() {
    return mode().edition();
  }

  /** The fault-injection rules. */
  public Faults faults() {
    return server.faults();
  }

  /** The log of requests received. */
  public RequestLog requests() {
    return server.requests();
  }

  /** Direct, validation-free access to the stored data. */
  public EmulatorState state() {
    return server.state();
  }

  /** Stops the server: the port is released and pending exchanges are abandoned. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "KestraEmulator[" + mode() + " " + version() + " at " + url() + "]";
  }

  /**
   * Settings for a {@link KestraEmulator}. When only one of mode and version is given, the other
   * follows from it: a version before 0.23 means {@link Mode#LEGACY}, a later one {@link Mode#OSS};
   * {@link Mode#LEGACY} alone means 0.20.7, the other modes 1.3.0. {@link #start()} refuses
   * contradictory settings.
   */
  public static final class Builder {
    private Optional<Mode> mode = Optional.empty();
    private Optional<String> version = Optional.empty();
    private Optional<String[]> basicAuth = Optional.empty();
    private Optional<String> apiToken = Optional.empty();
    private int port;
    private long seed = 0x6b657374726aL;
    private final java.util.Set<String> pluginTypes = new java.util.TreeSet<>();
    private boolean anyPluginType;

    private Builder() {
    }

    /** The mode: URL layout and edition. */
    public Builder mode(Mode value) {
      this.mode = Optional.of(Objects.requireNonNull(value, "mode"));
      return this;
    }

    /** The Kestra version to emulate, {@code major.minor[.patch]}, for example {@code 0.20.7} or {@code 2.0.1}. */
    public Builder version(String value) {
      KestraVersion.parse(value);
      this.version = Optional.of(value);
      return this;
    }

    /**
     * Requires HTTP Basic credentials on every {@code /api/v1} call (401 with
     * {@code WWW-Authenticate: Basic realm=Kestra} otherwise). Without credentials the server
     * is open, even for versions where Kestra makes Basic auth mandatory.
     */
    public Builder basicAuth(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty() || username.contains(":") || password.isEmpty()) {
        throw new IllegalArgumentException("username must be non-empty without ':' and password non-empty");
      }
      this.basicAuth = Optional.of(new String[] {username, password});
      return this;
    }

    /** Accepts {@code Authorization: Bearer <token>} (Enterprise only). */
    public Builder apiToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      this.apiToken = Optional.of(token);
      return this;
    }

    /** The port to listen on; 0, the default, picks a free ephemeral port. */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], got " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Plugin types the server knows beyond those of a stock Kestra of its version, as if their
     * plugins were installed ({@code io.kestra.plugin.scripts.python.Script}, your own). A flow
     * using a type the server does not know is refused, as Kestra refuses it.
     */
    public Builder pluginTypes(java.util.Collection<String> types) {
      for (String type : types) {
        if (type == null || type.isBlank()) {
          throw new IllegalArgumentException("plugin types must not be blank");
        }
        pluginTypes.add(type.trim());
      }
      return this;
    }

    /** See {@link #pluginTypes(java.util.Collection)}. */
    public Builder pluginTypes(String... types) {
      return pluginTypes(java.util.List.of(types));
    }

    /**
     * Accepts every plugin type that looks like a Java class name, as a server with every plugin
     * installed would: less strict than any real server, for pipelines whose flows use plugins the
     * emulator does not list.
     */
    public Builder anyPluginType() {
      this.anyPluginType = true;
      return this;
    }

    /** The initial seed of the fault-injection randomness (see {@link Faults#seed(long)}). */
    public Builder faultSeed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException when the settings contradict each other (a Legacy server of
     *                               0.23 or later, an OSS server before 0.23, an API token
     *                               outside Enterprise) or the port cannot be bound
     */
    public KestraEmulator start() {
      Mode resolvedMode = mode.orElseGet(() -> version
          .map(v -> KestraVersion.parse(v).tenantPaths() ? Mode.OSS : Mode.LEGACY)
          .orElse(Mode.OSS));
      String resolvedVersion = version.orElse(resolvedMode == Mode.LEGACY ? "0.20.7" : "1.3.0");
      KestraVersion parsed = KestraVersion.parse(resolvedVersion);
      if (resolvedMode == Mode.LEGACY && parsed.tenantPaths()) {
        throw new IllegalStateException(
            "the legacy mode emulates Kestra 0.22 and earlier, but the version is " + resolvedVersion
                + ": use the oss mode for it, or a version before 0.23");
      }
      if (resolvedMode == Mode.OSS && !parsed.tenantPaths()) {
        throw new IllegalStateException(
            "the oss mode emulates Kestra 0.23 and later, but the version is " + resolvedVersion
                + ": use the legacy mode for it, or a version from 0.23");
      }
      if (apiToken.isPresent() && resolvedMode != Mode.EE) {
        throw new IllegalStateException("API tokens exist only on Enterprise servers: use the ee mode");
      }
      PluginCatalogue catalogue = PluginCatalogue.stock(parsed).plus(pluginTypes);
      EmulatorSettings config = new EmulatorSettings(
          resolvedMode, parsed,
          basicAuth.map(pair -> new EmulatorSettings.Credentials(pair[0], pair[1])),
          apiToken, port, seed, anyPluginType ? catalogue.anyType() : catalogue);
      return new KestraEmulator(EmulatorServer.start(config));
    }
  }
}
