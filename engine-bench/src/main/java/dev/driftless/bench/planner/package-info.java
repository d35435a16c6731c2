/** Scenario 1: the planner's time (JMH) and heap (a capped, forked JVM) for 1k, 10k and 100k flows per side. */
package dev.driftless.bench.planner;
