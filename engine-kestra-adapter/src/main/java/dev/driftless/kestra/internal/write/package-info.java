/**
 * Writing to Kestra: the session that checks every put before the first write (one validation
 * call for all flows), writes one call per changed resource with bounded concurrency, never
 * repeats a create blindly, and reads back in bulk.
 */
package dev.driftless.kestra.internal.write;
