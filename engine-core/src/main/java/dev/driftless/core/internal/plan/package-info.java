/** The planning algorithm: indexing both sides, deciding per key, guards, ordering and the plan id. */
package dev.driftless.core.internal.plan;
