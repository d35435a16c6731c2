/**
 * What applying a plan did: one outcome per change, the commits made, and diagnostics. Results are
 * partial by design; {@link dev.driftless.apply.ApplyResult#orThrow()} is the throwing convenience.
 */
package dev.driftless.apply;
