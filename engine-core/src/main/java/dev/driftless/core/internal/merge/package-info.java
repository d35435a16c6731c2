/** The line-level three-way merge a two-way sync uses for a resource changed on both sides. */
package dev.driftless.core.internal.merge;
