/**
 * Problems found in the user's input or on a side, reported as values with where they are (side,
 * resource, file, line, field) so that a person can act on them. Diagnostics never hold secrets.
 */
package dev.driftless.diagnostic;
