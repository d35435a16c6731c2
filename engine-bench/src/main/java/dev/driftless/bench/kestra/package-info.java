/**
 * Scenario 4: requests and wall time of a sync against the Kestra API emulator, Driftless against
 * the Kestra Git plugin's request pattern.
 */
package dev.driftless.bench.kestra;
