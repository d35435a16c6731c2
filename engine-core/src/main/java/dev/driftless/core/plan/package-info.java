/** Planning: from two snapshots and a policy to an inert {@link dev.driftless.plan.Plan}. */
package dev.driftless.core.plan;
