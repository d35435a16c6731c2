/**
 * Cloning a repository into a working directory for the tasks that run after it, as the Kestra
 * Git plugin's {@code Clone} task does: {@link dev.driftless.git.clone.CloneRequest} describes it,
 * {@link dev.driftless.git.clone.CloneResult} says what was checked out.
 */
package dev.driftless.git.clone;
