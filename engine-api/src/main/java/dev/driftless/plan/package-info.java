/**
 * A plan: complete, inert data that says what would change, why, and from which states. Applying
 * a plan executes exactly its changes and never re-diffs.
 */
package dev.driftless.plan;
