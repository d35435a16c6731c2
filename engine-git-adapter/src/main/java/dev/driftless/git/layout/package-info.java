/**
 * Git layouts: where each resource lives as a file, as the Kestra Git plugin lays repositories
 * out. A {@link dev.driftless.git.layout.Layout} is a pure, two-way mapping between paths and
 * resource keys; reading and writing build on it, and it can be tested without a repository.
 */
package dev.driftless.git.layout;
