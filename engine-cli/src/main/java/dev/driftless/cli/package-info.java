/** The {@code driftless} command: plan, apply, show, run, watch, emulator, demo, version. */
package dev.driftless.cli;
