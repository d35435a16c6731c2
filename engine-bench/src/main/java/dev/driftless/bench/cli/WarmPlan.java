package dev.driftless.bench.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one driftless command several times in this one JVM, as its own process, and prints each
 * run's wall time and step timings: what the command costs once the JVM has started, loaded its
 * classes and compiled its code (scenario 5's breakdown row). The command's entry point that
 * returns instead of exiting is not public, so it is reached by reflection.
 *
 * <p>Arguments: the number of runs, then the command's arguments. Prints {@code run <n> <nanos>
 * <exit>} and the run's {@code timings:} line for each run.
 */
public final class WarmPlan {

  private WarmPlan() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    String[] command = Arrays.copyOfRange(args, 1, args.length);
    Method run = Class.forName("dev.driftless.cli.Main").getDeclaredMethod("run", String[].class, Map.class,
        PrintStream.class, PrintStream.class, InputStream.class);
    run.setAccessible(true);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DRIFTLESS_TIMINGS", "1");
    for (int i = 1; i <= runs; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      long start = System.nanoTime();
      int exit = (Integer) run.invoke(null, command, env, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream());
      long nanos = System.nanoTime() - start;
      System.out.println("run " + i + " " + nanos + " " + exit);
      err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("timings: ")).forEach(System.out::println);
      if (exit != 0) {
        System.out.println(err.toString(StandardCharsets.UTF_8));
      }
    }
  }
}
