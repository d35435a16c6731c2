/**
 * The Kestra API emulator: a real HTTP server on loopback that speaks Kestra's REST API, quirks
 * included, for the Kestra adapter's tests, the CLI's demo and users' own CI.
 *
 * <p>{@link dev.driftless.emulator.KestraEmulator} is the entry point. It emulates one
 * server: a {@link dev.driftless.emulator.Mode} (tenant-less legacy paths, OSS with the
 * tenant {@code main}, or Enterprise with any tenant) and a Kestra version, which selects the
 * version-dependent behaviour listed in {@code reference/kestra-api.md}. Its stored data is open for
 * seeding and inspection through {@link dev.driftless.emulator.EmulatorState}, its traffic
 * is recorded in a {@link dev.driftless.emulator.RequestLog}, and
 * {@link dev.driftless.emulator.Faults} injects latency, error statuses and dropped
 * connections.
 *
 * <p>{@link dev.driftless.emulator.KestraEmulatorMain} is its command line, the one behind both
 * {@code java -jar kestra-emulator.jar} and {@code driftless emulator}; it takes secrets only from
 * the environment or files it names.
 *
 * <p>The module {@code engine-kestra-emulator} depends only on the JDK
 * ({@code com.sun.net.httpserver}, {@code java.util.zip}) and Jackson, and on no other Driftless
 * module, so that any project's tests or CI can use it as a library or a process. Implementation
 * classes live in {@code .internal} and are not part of the API.
 */
package dev.driftless.emulator;
