/**
 * Wire formats: the versioned plan JSON (read back to an equal plan, without contents) and diff rows
 * as Ion (one struct per line, as Kestra stores outputs) and as JSON lines.
 */
package dev.driftless.core.codec;
