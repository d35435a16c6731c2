/** BENCHMARKS.md: the machine, each scenario's figures and ratios, the goals and how they were measured. */
package dev.driftless.bench.report;
