/**
 * Running the Git plugin's tasks against real sides: building the Git and Kestra adapters from a
 * task's settings, running presets (plan, or plan and apply), and reconciling on a schedule and on
 * webhooks.
 */
package dev.driftless.presets.run;
