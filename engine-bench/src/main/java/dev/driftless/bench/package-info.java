/**
 * The benchmarks of Driftless: JMH for the planner, and a harness that runs whole scenarios side by
 * side with what they are compared against (C git, the Kestra Git plugin's request pattern) and
 * writes BENCHMARKS.md. Run with {@code bench/run}; never part of {@code ./mvnw verify}.
 */
package dev.driftless.bench;
