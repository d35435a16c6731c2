/**
 * The local bare repository (temporary, or a cache directory reused across runs) and one remote
 * branch seen from it: fetched shallow, pushed with compare-and-swap, never forced.
 */
package dev.driftless.git.internal.repo;
