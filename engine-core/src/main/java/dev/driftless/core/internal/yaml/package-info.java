/**
 * YAML parsing on Jackson and SnakeYAML (the mapper's safety settings), the positional rewrite, and the
 * quick check of the block style.
 */
package dev.driftless.core.internal.yaml;
