/**
 * Real Git servers on 127.0.0.1 and a repository DSL, for the Git adapter's tests and the CLI's
 * (published in this module's test-jar).
 *
 * <p>Four servers, each {@link java.lang.AutoCloseable}, started on a free loopback port, ready
 * when its factory returns, and stopped by whoever started it:
 * {@link dev.driftless.git.servers.GitDaemonServer} (C git's {@code git daemon}),
 * {@link dev.driftless.git.servers.HttpBackendServer} (C git's {@code git http-backend} behind a
 * JDK HTTP bridge with Basic auth), {@link dev.driftless.git.servers.JGitHttpServer} (JGit's
 * servlet on Jetty, Basic auth, optional HTTPS with a generated CA) and
 * {@link dev.driftless.git.servers.SshGitServer} (Apache MINA SSHD with JGit's upload-pack and
 * receive-pack, public-key auth, a generated host key). All of them serve the bare repositories
 * under one base directory, which {@link dev.driftless.git.servers.Repos} fills
 * ({@link dev.driftless.git.servers.RawTree} writes trees Git itself would refuse, such as one with a
 * {@code ..} entry).
 *
 * <p>Secrets (tokens, passphrases, store passwords) never appear in {@code toString()}, logs or
 * exception messages of these fixtures.
 */
package dev.driftless.git.servers;
