/** Scenario 5: {@code driftless plan} of a whole tenant, as a process: wall time and peak resident memory. */
package dev.driftless.bench.cli;
