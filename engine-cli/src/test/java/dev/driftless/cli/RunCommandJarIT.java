package dev.driftless.cli;

/**
 * {@link RunCommandTest} with the built jar in a process of its own: a NamespaceSync task file and
 * every other Git plugin task, secrets from the process's environment.
 */
class RunCommandJarIT extends RunCommandTest {

  @Override
  Driftless driftless() {
    return JarProcess.in(dir);
  }
}
