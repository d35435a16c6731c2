/**
 * Reaching a remote: transports configured per operation (credentials, timeouts, a per-connection
 * CA for HTTPS, an SSH session factory of its own with host keys checked), and failures turned into
 * the port's exceptions with every credential scrubbed. Nothing here is set JVM-wide.
 */
package dev.driftless.git.internal.transport;
