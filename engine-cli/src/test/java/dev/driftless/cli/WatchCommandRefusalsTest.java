package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code driftless watch} refuses before it listens or reads anything: a flow it would never
 * run, a trigger it cannot honour, a key that is not a secret, an address it cannot take. Each is
 * one line in words, naming the file, line and property; nothing is read from either side.
 */
@Timeout(60)
class WatchCommandRefusalsTest {

  @TempDir
  Path dir;

  private Sides sides;
  private final WatchCommandTest flows = new WatchCommandTest();

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
    flows.dir = dir;
    flows.sides = sides;
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void aFlowWithoutAScheduleOrWebhookTrigger_isRefused() throws IOException {
    Path noTriggers = Files.writeString(dir.resolve("flow.yaml"), Files.readString(flows.flow(sides.kestraUrl(), ""))
        .replace("triggers:\n", ""));
    refused(noTriggers, "driftless: " + noTriggers + ":1: the flow has no Schedule or Webhook trigger, so driftless"
        + " watch would never run it: add one (type: io.kestra.plugin.core.trigger.Schedule with a cron, or"
        + " io.kestra.plugin.core.trigger.Webhook with a key), or run it once with driftless run");

    Path allDisabled = flows.flow(sides.kestraUrl(), WatchCommandTest.SCHEDULE + "    disabled: true\n");
    refused(allDisabled, "driftless: " + allDisabled + ":14: triggers: the flow has no enabled Schedule or Webhook"
        + " trigger");
  }

  @Test
  void oneTask_isNotAFlowToWatch() throws IOException {
    Path task = Files.writeString(dir.resolve("task.yaml"), """
        id: sync
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        username: u
        password: "{{ secret('GIT_TOKEN') }}"
        targetNamespace: dev
        """.formatted(sides.gitUrl()));
    refused(task, "driftless: " + task + ":1: is one task, not a flow: driftless watch runs a flow with a Schedule"
        + " or a Webhook trigger");
  }

  @Test
  void aCronKestraWouldNotRead_isRefused_withItsFieldInWords() {
    Path flow = flows.flow(sides.kestraUrl(), WatchCommandTest.SCHEDULE.replace("* * * * *", "61 * * * *"));
    refused(flow, "driftless: " + flow + ":17: triggers[0].cron: '61 * * * *' the minute field's 61 is out of range"
        + " 0-59");
  }

  @Test
  void aScheduleTriggerWhatWatchCannotHonour_isRefused_eachProblemOnItsLine() {
    Path flow = flows.flow(sides.kestraUrl(), WatchCommandTest.SCHEDULE + """
            timezone: Mars/Olympus
            withSeconds: true
            conditions:
              - type: io.kestra.plugin.core.condition.DayWeekInMonth
                dayOfWeek: MONDAY
            stopAfter: [FAILED]
          - id: other
            type: io.kestra.plugin.core.trigger.Flow
        """);
    Cli.Result result = sides.cli(flows.env(), "watch", flow.toString(), "--listen", "127.0.0.1:0").assertExit(1)
        .assertNoStackTrace();
    assertEquals(List.of(
        "driftless: " + flow + ":18: triggers[0].timezone: 'Mars/Olympus' is not a time zone: use an IANA name such as"
            + " Europe/Paris (the default is UTC)",
        "driftless: " + flow + ":19: triggers[0].withSeconds: a cron with seconds is not run by driftless watch: use"
            + " five fields (minute precision)",
        "driftless: " + flow + ":20: triggers[0].conditions: is not honoured by driftless watch: remove it, or run the"
            + " flow in Kestra",
        "driftless: " + flow + ":23: triggers[0].stopAfter: is not honoured by driftless watch: remove it, or run the"
            + " flow in Kestra",
        "driftless: " + flow + ":25: triggers[1].type: 'io.kestra.plugin.core.trigger.Flow' is not run by driftless"
            + " watch, which runs Schedule and Webhook triggers: set disabled: true on it, or run the flow in Kestra"),
        result.errLines());
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
  }

  @Test
  void aLiteralWebhookKey_isRefused_withoutEchoingIt() {
    String literal = "4wjtkzwVGBM9yKnjm3yv8r";
    Path flow = flows.flow(sides.kestraUrl(), WatchCommandTest.WEBHOOK.replace("\"{{ secret('WEBHOOK_KEY') }}\"",
        literal));
    refused(flow, "driftless: " + flow + ":17: triggers[0].key: a literal webhook key is refused (the key is all that"
        + " guards the webhook): write \"{{ secret('NAME') }}\" and set NAME (or SECRET_NAME, base64) in the"
        + " environment").assertNoneOf(List.of(literal));
  }

  @Test
  void aWebhookKeySecretThatIsNotSet_isRefused() {
    Path flow = flows.flow(sides.kestraUrl(), WatchCommandTest.WEBHOOK);
    Map<String, String> env = new HashMap<>(flows.env());
    env.remove("WEBHOOK_KEY");
    Cli.Result result = sides.cli(env, "watch", flow.toString(), "--listen", "127.0.0.1:0");
    result.assertOneErrorLine("driftless: " + flow + ":17: triggers[0].key: secret 'WEBHOOK_KEY' is not set: set"
        + " SECRET_WEBHOOK_KEY (base64, as Kestra does) or WEBHOOK_KEY in the environment");
  }

  @Test
  void aCloneTask_isNotWatched() throws IOException {
    Path flow = Files.writeString(dir.resolve("clone.yaml"), """
        id: clone
        namespace: system
        tasks:
          - id: clone
            type: io.kestra.plugin.git.Clone
            url: %s
            branch: main
        triggers:
        %s""".formatted(sides.gitUrl(), WatchCommandTest.SCHEDULE));
    refused(flow, "driftless: " + flow + ": tasks: a Clone task is not run by driftless watch, which would clone again"
        + " on every run: use driftless run for it");
  }

  @Test
  void anAddressInUse_orNotAnAddress_isOneLine() throws IOException {
    Path flow = flows.flow(sides.kestraUrl(), WatchCommandTest.WEBHOOK);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      sides.cli(flows.env(), "watch", flow.toString(), "--listen", "127.0.0.1:" + port)
          .assertOneErrorLine("driftless: cannot listen on 127.0.0.1:" + port + ": address already in use (choose"
              + " another with --listen)");
    }
    sides.cli(flows.env(), "watch", flow.toString(), "--listen", "8080")
        .assertOneErrorLine("driftless watch: Invalid value for option '--listen': '8080' is not HOST:PORT, such as"
            + " 127.0.0.1:8080 or 0.0.0.0:8080");
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
  }

  @Test
  void kestraOnlyProperties_areAccepted_withANoteEach() {
    Path flow = flows.flow(sides.kestraUrl(), WatchCommandTest.SCHEDULE + """
            backfill:
              start: 2024-01-01T00:00:00Z
        """);
    Watching watch = Watching.inProcess(flows.env(), "watch", flow.toString(), "--listen", "127.0.0.1:0",
        "--ticks-from-stdin");
    try {
      watch.url();
      assertEquals(0, watch.stop());
      assertTrue(watch.err().contains(flow + ":18: triggers[0].backfill: only Kestra acts on it: driftless watch"
          + " ignores it"), watch.err());
      assertTrue(watch.err().contains("Schedule every_minute (* * * * *, UTC): next run at "), watch.err());
    } finally {
      watch.close();
    }
  }

  private Cli.Result refused(Path flow, String start) {
    Cli.Result result = sides.cli(flows.env(), "watch", flow.toString(), "--listen", "127.0.0.1:0")
        .assertOneErrorLine(start);
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
    return result;
  }
}
