/**
 * The Kestra side: {@link dev.driftless.kestra.KestraSide#open} connects to a server described by
 * {@link dev.driftless.kestra.KestraSettings}, detects its version and edition
 * ({@link dev.driftless.kestra.KestraServer}), and gives the snapshot reader and change writer of
 * the engine's ports. Credentials ({@link dev.driftless.kestra.KestraAuth}) never show in a message,
 * an exception or a {@code toString()}.
 */
package dev.driftless.kestra;
