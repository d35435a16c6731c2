/**
 * A two-way sync's baseline kept in the remote repository: a commit under a ref of its own whose
 * tree holds a manifest of keys and the contents they agreed on, read by the baseline store and by
 * write sessions, and written by the sessions in the same push as their commit.
 */
package dev.driftless.git.internal.baseline;
