package dev.driftless.cli;

/**
 * {@link ApplyCommandTest} with the built jar in a process of its own: exit codes, saved-plan
 * staleness, confirmation and the mass-deletion approval, as a user's shell sees them.
 */
class ApplyCommandJarIT extends ApplyCommandTest {

  @Override
  Driftless driftless() {
    return JarProcess.in(dir);
  }
}
