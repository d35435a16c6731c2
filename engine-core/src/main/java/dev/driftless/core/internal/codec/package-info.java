/** Jackson-based implementations of the wire formats; the only place besides YAML parsing that uses Jackson. */
package dev.driftless.core.internal.codec;
