/**
 * Scenarios 2 and 3: reading a repository's snapshot and pushing a commit, by the Git adapter and by
 * C git doing the same work, and the bare repositories they use.
 */
package dev.driftless.bench.git;
