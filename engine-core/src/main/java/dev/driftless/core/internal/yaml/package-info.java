/** YAML parsing on Jackson and SnakeYAML: the mapper's safety settings and the positional rewrite. */
package dev.driftless.core.internal.yaml;
