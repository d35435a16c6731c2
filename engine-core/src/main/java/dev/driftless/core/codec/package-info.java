/**
 * Wire formats: the versioned plan JSON, sealed with a digest (read back to an equal plan, without
 * contents; refused when changed after it was written) and diff rows
 * as Ion (one struct per line, as Kestra stores outputs) and as JSON lines.
 */
package dev.driftless.core.codec;
