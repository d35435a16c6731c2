/** Timing side by side, and the figures' formats. */
package dev.driftless.bench.measure;
