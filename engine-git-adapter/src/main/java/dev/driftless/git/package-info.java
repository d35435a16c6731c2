/**
 * The Git side: a {@link dev.driftless.git.GitSide} opened from {@link dev.driftless.git.GitSettings}
 * reads a snapshot of a branch straight from the object database and writes a plan's changes as
 * one commit pushed with compare-and-swap on the branch head, through JGit over local paths,
 * {@code file://}, {@code git://}, HTTP(S) (user and token, a custom CA per connection) and SSH
 * (OpenSSH and PEM keys, host keys verified by default).
 *
 * <p>{@link dev.driftless.git.CommitUrls} turns a remote and a commit into the URL a forge shows it
 * at. Credentials are {@link dev.driftless.credential.Secret}s: no message, exception or
 * {@code toString()} ever holds one.
 */
package dev.driftless.git;
