/** Validation of task requests and the reading of task files, with lines for every problem. */
package dev.driftless.presets.internal;
