/** Unified diffs of resource texts, with secret-looking values masked before anything is compared. */
package dev.driftless.core.internal.diff;
