/** The apply algorithm: sessions per side, levels, compare-and-swap, delete gating, commits, read-back. */
package dev.driftless.core.internal.apply;
