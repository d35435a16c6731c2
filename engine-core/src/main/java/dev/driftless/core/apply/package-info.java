/**
 * Applying plans through the ports: the {@link dev.driftless.core.apply.Applier} for one plan, and
 * {@link dev.driftless.core.apply.Sync} to read, plan and apply with bounded retries when a side
 * moved underneath.
 */
package dev.driftless.core.apply;
