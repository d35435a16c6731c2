/** The {@code driftless} command: plan, apply, show, run, emulator, demo, version. */
package dev.driftless.cli;
