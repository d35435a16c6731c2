/** Verifying webhook deliveries from Git forges before they poke a reconciler. */
package dev.driftless.presets.webhook;
