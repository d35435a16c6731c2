/**
 * Writing a branch: a session that stages a plan's writes and commits them as one commit built in
 * the object database (only the trees on changed paths are rewritten), pushed expecting the head it
 * began from.
 */
package dev.driftless.git.internal.write;
