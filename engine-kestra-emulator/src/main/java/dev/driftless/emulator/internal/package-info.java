/**
 * The emulator's implementation: its settings ({@code EmulatorSettings}), the HTTP plumbing
 * ({@code EmulatorServer}, {@code Router}, {@code MultipartParser}, {@code Zips}), error answers in
 * both Kestra formats ({@code ProblemType}, {@code ErrorReplies}), the in-memory store ({@code Store}, {@code TenantStore}) and one handler class per API area
 * ({@code FlowsApi}, {@code NamespaceFilesApi}, {@code DashboardsApi}, {@code AppsApi},
 * {@code TestsApi}, {@code ExecutionsApi}, {@code NamespacesApi}, {@code MiscApi}).
 *
 * <p>Not an API: names and signatures change freely. Use {@code dev.driftless.emulator}.
 */
package dev.driftless.emulator.internal;
