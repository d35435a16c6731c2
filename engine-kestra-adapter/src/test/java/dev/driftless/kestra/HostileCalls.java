package dev.driftless.kestra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.resource.ResourceKind;
import dev.driftless.testkit.gen.HostileRead;
import dev.driftless.testkit.gen.Misread;
import dev.driftless.testkit.hostile.Misbehaviour;
import dev.driftless.testkit.law.Reach;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The calls the Kestra adapter reads with, and the proxy's answer to one of them for a
 * {@link HostileRead}: which call of the aimed kind gets which misbehaviour, from which call on,
 * and what the read may then hide.
 */
final class HostileCalls {

  /** One call (or every call) of the adapter's read, as the proxy matches it. */
  record Call(String method, String pathGlob, boolean zip, Reach reach) {}

  private static final int[] STATUSES = {500, 502, 503, 504, 429, 400, 404, 405, 409, 410, 401, 403, 302};

  private HostileCalls() {}

  /** The calls that read a kind; the read's pick chooses one that can answer as it says. */
  static Call aimedAt(HostileRead read) {
    if (read.isWhole()) {
      return new Call("*", "/**", false, Reach.everything());
    }
    ResourceKind kind = read.kind().orElseThrow();
    List<Call> calls = switch (kind) {
      case FLOW -> List.of(json("/**/flows/search", Reach.kind(kind)),
          zip("GET", "/**/flows/export/by-query", Reach.kind(kind)));
      case NAMESPACE_FILE -> List.of(
          zip("GET", "/**/namespaces/" + read.namespace() + "/files/export", Reach.of(kind, read.namespace())),
          zip("GET", "/**/namespaces/*/files/export", Reach.kind(kind)),
          json("/**/namespaces/search", Reach.everything()));
      case DASHBOARD -> List.of(json("/**/dashboards", Reach.kind(kind)), json("/**/dashboards/*", Reach.kind(kind)));
      case APP -> List.of(json("/**/apps/search", Reach.kind(kind)), zip("POST", "/**/apps/export", Reach.kind(kind)));
      case TEST -> List.of(json("/**/tests/search", Reach.kind(kind)), json("/**/tests/*/*", Reach.kind(kind)));
      case EXECUTION_FILE -> throw new IllegalArgumentException("execution files are not read by snapshot");
    };
    List<Call> fitting = new ArrayList<>();
    for (Call call : calls) {
      if (fits(read.how(), call)) {
        fitting.add(call);
      }
    }
    List<Call> from = fitting.isEmpty() ? calls : fitting;
    return from.get(read.pick() % from.size());
  }

  private static Call json(String glob, Reach reach) {
    return new Call("GET", glob, false, reach);
  }

  private static Call zip(String method, String glob, Reach reach) {
    return new Call(method, glob, true, reach);
  }

  private static boolean fits(Misread how, Call call) {
    return switch (how) {
      case ZIP_WITHOUT_DIRECTORY, JSON_FOR_ZIP, ZIP_BOMB_ENTRIES, ZIP_BOMB_SIZE -> call.zip();
      case WRONG_TYPES, ENDLESS_PAGES -> !call.zip();
      default -> true;
    };
  }

  /**
   * The proxy's answer to a spoilt call, counting the wrong answers it sent: those whose status or
   * body differ from the real one (a ZIP of nothing without its directory may be nothing at all).
   */
  static final class Answer {
    private final AtomicInteger wrongAnswers = new AtomicInteger();
    private final Misbehaviour misbehaviour;
    private final boolean curable;

    private Answer(Misbehaviour wrong, int variant) {
      Misbehaviour counted = (upstream, answer) -> {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        int[] status = {upstream.status()};
        try {
          wrong.answer(upstream, (code, headers, length) -> {
            status[0] = code;
            return new TeeOutputStream(answer.start(code, headers, length), sent);
          });
        } finally {
          if (status[0] != upstream.status() || !Arrays.equals(sent.toByteArray(), upstream.body())) {
            wrongAnswers.incrementAndGet();
          }
        }
      };
      this.curable = variant == 3;
      this.misbehaviour = switch (variant) {
        case 0, 1 -> counted;
        case 2 -> counted.fromCall(2);
        default -> counted.forCalls(1);
      };
    }

    Misbehaviour misbehaviour() {
      return misbehaviour;
    }

    /** Whether a wrong answer was sent that no later call could cure. */
    boolean wentWrong() {
      return wrongAnswers.get() > 0 && !curable;
    }
  }

  /** Writes to the client and keeps a copy of what was sent. */
  private static final class TeeOutputStream extends FilterOutputStream {
    private final ByteArrayOutputStream copy;

    TeeOutputStream(OutputStream out, ByteArrayOutputStream copy) {
      super(out);
      this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      copy.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      copy.write(b, off, len);
    }
  }

  /**
   * The answer: the misbehaviour the read names, sized by its pick; from the first call on, from the
   * second (the next page, the next namespace), or for the first call only (which a retry cures).
   */
  static Answer answer(HostileRead read, Call call) {
    return new Answer(misbehaviour(read, call), (read.pick() / 32) % 4);
  }

  private static Misbehaviour misbehaviour(HostileRead read, Call call) {
    int pick = read.pick();
    return switch (read.how()) {
      case HTML_PAGE -> Misbehaviour.htmlPage();
      case EMPTY_BODY -> Misbehaviour.emptyBody(pick % 2 == 0 ? 200 : 204);
      case TRUNCATED -> Misbehaviour.truncated((pick % 10) / 10.0);
      case ZIP_WITHOUT_DIRECTORY -> Misbehaviour.zipWithoutDirectory();
      case JSON_FOR_ZIP -> Misbehaviour.body(200, "application/json", "{\"message\":\"export scheduled\"}");
      case WRONG_TYPES -> Misbehaviour.json(wrongTypes(pick));
      case ENDLESS_PAGES -> Misbehaviour.endlessPages(1, pick % 2 == 0 ? Long.MAX_VALUE / 2 : 4 + pick % 7);
      case ZIP_BOMB_ENTRIES -> Misbehaviour.zipBomb(EmulatorWorld.MAX_ENTRIES + 1 + pick % 50, pick % 3);
      case ZIP_BOMB_SIZE -> switch (pick % 3) {
        case 0 -> Misbehaviour.zipBomb(1, 4 * EmulatorWorld.MAX_EXPORT_BYTES);
        case 1 -> Misbehaviour.zipBomb(4, EmulatorWorld.MAX_EXPORT_BYTES / 2);
        default -> Misbehaviour.zipBomb(2, 4L * EmulatorWorld.FILE_LIMIT);
      };
      case TRICKLE -> Misbehaviour.trickle(Duration.ofMillis(50));
      case STATUS_ERROR -> Misbehaviour.status(status(pick), (pick / STATUSES.length) % 2 == 1);
      case UNREADABLE_ENTRY, INVALID_ENTRY, UNREADABLE_AREA, READ_FAILS, TOO_LARGE, LINK_FOR_FILE, LINK_FOR_FOLDER,
          SUBMODULE_FOR_FILE, SUBMODULE_FOR_FOLDER, FILE_FOR_FOLDER, NON_UTF8_NAME ->
          throw new IllegalArgumentException(read.how() + " is not an answer of a server");
    };
  }

  /** A status that is not a success. */
  private static int status(int pick) {
    int status = STATUSES[pick % STATUSES.length];
    return status;
  }

  /** A listing's page changed: fields of the wrong types, missing, or a total that cannot be. */
  private static UnaryOperator<JsonNode> wrongTypes(int pick) {
    return page -> {
      if (!(page instanceof ObjectNode object) || !(object.get("results") instanceof ArrayNode results)) {
        return page;
      }
      switch (pick % 9) {
        case 0 -> results.forEach(item -> ((ObjectNode) item).put("id", 42));
        case 1 -> results.forEach(item -> ((ObjectNode) item).putArray("namespace").add("dev"));
        case 2 -> object.putObject("results");
        case 3 -> object.put("total", "many");
        case 4 -> object.put("total", 2.5);
        case 6 -> object.put("total", Math.max(0, object.path("total").asLong() - 1));
        case 7 -> object.put("total", object.path("total").asLong() + 1);
        case 5 -> object.remove("results");
        default -> {
          results.removeAll();
          results.addNull();
        }
      }
      return page;
    };
  }
}
