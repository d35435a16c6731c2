/**
 * The Git side: reads a snapshot from a branch, tag or commit and writes changes as commits,
 * through JGit over HTTPS (user and token, a custom CA per connection) or SSH (OpenSSH and PEM
 * keys, host keys verified by default).
 */
package dev.driftless.git;
