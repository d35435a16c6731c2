package dev.driftless.presets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The part of Kestra's Pebble a task file can use outside Kestra, where every value is known
 * before the flow runs: {@code {{ flow.id }}}, {@code {{ flow.namespace }}},
 * {@code {{ flow.tenantId }}}, {@code {{ inputs.x }}} for an input with a default,
 * {@code {{ secret('NAME') }}}, string, number and boolean literals, {@code ==}, {@code !=},
 * {@code not}, {@code and}, {@code or} and parentheses. Anything else (an execution's id,
 * {@code now()}, outputs, filters, tags) is known only inside Kestra: it is refused, naming the
 * expression, never rendered as text.
 *
 * <p>Values render as Pebble renders them; equality compares numbers by value and anything else
 * exactly, so {@code 'true'} is not {@code true}, as in Pebble.
 */
final class Template {

  /** Where to run what needs Kestra; every refusal of an expression ends with it. */
  static final String INSIDE_KESTRA = "run this flow inside Kestra, with Driftless's Kestra plugin "
      + "(dev.driftless.plugin.*; see the README, \"Run inside Kestra\")";

  /** Kestra's false values for a rendered condition ({@code runIf}); anything else is true. */
  private static final List<String> FALSE_TEXTS = List.of("false", "0", "-0", "");

  private final Variables variables;
  private final Set<String> secretsRendered = new HashSet<>();

  Template(Variables variables) {
    this.variables = Objects.requireNonNull(variables, "variables");
  }

  /**
   * The values of the secrets rendered into text so far, to mask wherever a problem would repeat
   * them (a branch name that is a secret, and is not a valid branch name).
   */
  Set<String> secretsRendered() {
    return Set.copyOf(secretsRendered);
  }

  /**
   * What an expression may name outside Kestra.
   *
   * @param flow the flow's {@code id} and {@code namespace}, or why they are not known
   * @param tenantId {@code flow.tenantId}
   * @param inputs each input's default, or why its value is not known before the flow runs
   * @param secrets looks a secret's value up by name
   */
  record Variables(Map<String, String> flow, String whyNoFlow, String tenantId, Map<String, Input> inputs,
      Function<String, Optional<String>> secrets) {

    Variables {
      flow = Map.copyOf(flow);
      Objects.requireNonNull(whyNoFlow, "whyNoFlow");
      Objects.requireNonNull(tenantId, "tenantId");
      inputs = Map.copyOf(inputs);
      Objects.requireNonNull(secrets, "secrets");
    }
  }

  /**
   * An input of the flow: its default as Kestra types it (text, a whole number, a decimal number
   * or a boolean), or why its value is not known before the flow runs.
   */
  record Input(Optional<Object> value, String whyUnknown) {

    Input {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(whyUnknown, "whyUnknown");
    }

    static Input known(Object value) {
      return new Input(Optional.of(value), "");
    }

    static Input unknown(String why) {
      return new Input(Optional.empty(), why);
    }
  }

  /** Whether the text holds an expression or a tag for Pebble to render. */
  static boolean hasExpressions(String text) {
    return text.contains("{{") || text.contains("{%") || text.contains("{#");
  }

  /**
   * The text with each expression rendered; empty, with one problem given to {@code problem},
   * when an expression cannot be rendered outside Kestra.
   */
  Optional<String> render(String text, Consumer<String> problem) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < text.length()) {
      int open = nextOpening(text, at);
      if (open < 0) {
        out.append(text, at, text.length());
        break;
      }
      out.append(text, at, open);
      String opening = text.substring(open, open + 2);
      String closing = opening.equals("{{") ? "}}" : opening.equals("{%") ? "%}" : "#}";
      int close = text.indexOf(closing, open + 2);
      if (close < 0) {
        problem.accept("'" + text.substring(open).strip() + "' is not closed with '" + closing + "'");
        return Optional.empty();
      }
      String whole = text.substring(open, close + 2);
      if (!opening.equals("{{")) {
        problem.accept("'" + whole + "' " + needsKestra());
        return Optional.empty();
      }
      Optional<Object> value = evaluate(text.substring(open + 2, close), whole, problem);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      out.append(text(value.get()));
      at = close + 2;
    }
    return Optional.of(out.toString());
  }

  /**
   * Whether a condition ({@code runIf}) holds once rendered, as Kestra decides it: false for
   * {@code false}, {@code 0}, {@code -0} and the empty text, true otherwise; empty, with one
   * problem, when it cannot be rendered outside Kestra.
   */
  Optional<Boolean> holds(String condition, Consumer<String> problem) {
    return render(condition, problem).map(rendered -> !FALSE_TEXTS.contains(rendered));
  }

  private static int nextOpening(String text, int from) {
    int best = -1;
    for (String opening : List.of("{{", "{%", "{#")) {
      int i = text.indexOf(opening, from);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  private static String needsKestra() {
    return "needs Kestra to render it: " + INSIDE_KESTRA;
  }

  private Optional<Object> evaluate(String expression, String whole, Consumer<String> problem) {
    try {
      Parser parser = new Parser(tokens(expression), whole);
      Object value = parser.or();
      parser.end();
      return Optional.of(value);
    } catch (Refusal refusal) {
      problem.accept(refusal.getMessage());
      return Optional.empty();
    }
  }

  /** Renders a value as Pebble prints it. */
  private static String text(Object value) {
    return String.valueOf(value);
  }

  /** An expression that cannot be rendered here; becomes one problem. */
  private static final class Refusal extends RuntimeException {
    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  private enum Kind { WORD, TEXT, NUMBER, SYMBOL }

  private record Token(Kind kind, String text) {
    boolean is(String value) {
      return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equals(value);
    }
  }

  /** The expression's words, literals and symbols; any other character is a symbol of its own. */
  private static List<Token> tokens(String expression) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.WORD, expression.substring(start, i)));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < expression.length() && (Character.isDigit(expression.charAt(i)) || expression.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, expression.substring(start, i)));
      } else if (c == '\'' || c == '"') {
        int end = expression.indexOf(c, i + 1);
        if (end < 0) {
          out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
          i++;
        } else {
          out.add(new Token(Kind.TEXT, expression.substring(i + 1, end)));
          i = end + 1;
        }
      } else if ((c == '=' || c == '!') && i + 1 < expression.length() && expression.charAt(i + 1) == '=') {
        out.add(new Token(Kind.SYMBOL, c + "="));
        i += 2;
      } else {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  /** A recursive descent over the tokens, evaluating as it goes. */
  private final class Parser {
    private final List<Token> tokens;
    private final String whole;
    private int at;

    Parser(List<Token> tokens, String whole) {
      this.tokens = tokens;
      this.whole = whole;
    }

    void end() {
      if (at < tokens.size()) {
        throw unsupported();
      }
    }

    Object or() {
      Object left = and();
      while (peek().is("or")) {
        at++;
        Object right = and();
        left = bool(left, "or") || bool(right, "or");
      }
      return left;
    }

    Object and() {
      Object left = not();
      while (peek().is("and")) {
        at++;
        Object right = not();
        left = bool(left, "and") && bool(right, "and");
      }
      return left;
    }

    Object not() {
      if (peek().is("not")) {
        at++;
        return !bool(not(), "not");
      }
      return comparison();
    }

    Object comparison() {
      Object left = primary();
      if (peek().is("==") || peek().is("!=")) {
        boolean equal = next().text().equals("==");
        Object right = primary();
        return equal == same(left, right);
      }
      return left;
    }

    Object primary() {
      Token token = next();
      return switch (token.kind()) {
        case TEXT -> token.text();
        case NUMBER -> number(token.text());
        case WORD -> word(token.text());
        case SYMBOL -> {
          if (!token.is("(")) {
            throw unsupported();
          }
          Object inner = or();
          expect(")");
          yield inner;
        }
      };
    }

    private Object number(String text) {
      try {
        return text.contains(".") ? (Object) Double.valueOf(text) : (Object) Long.valueOf(text);
      } catch (NumberFormatException e) {
        throw new Refusal("'" + whole + "': '" + text + "' is not a number");
      }
    }

    private Object word(String word) {
      switch (word) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "flow":
          return flow(member());
        case "inputs":
          return input(member());
        case "secret":
          return secret();
        default:
          throw unsupported();
      }
    }

    private Object flow(String name) {
      if (name.equals("tenantId")) {
        return variables.tenantId();
      }
      if (!name.equals("id") && !name.equals("namespace")) {
        throw unsupported();
      }
      String value = variables.flow().get(name);
      if (value == null) {
        throw new Refusal("'" + whole + "': " + variables.whyNoFlow());
      }
      return value;
    }

    private Object input(String name) {
      Input input = variables.inputs().get(name);
      if (input == null) {
        throw new Refusal("'" + whole + "': the flow has no input '" + name + "'");
      }
      return input.value().orElseThrow(() -> new Refusal("'" + whole + "': input '" + name + "' "
          + input.whyUnknown() + ", so its value is known only when Kestra runs the flow: give it a default, or "
          + INSIDE_KESTRA));
    }

    private Object secret() {
      expect("(");
      Token name = next();
      if (name.kind() != Kind.TEXT) {
        throw unsupported();
      }
      expect(")");
      String value = variables.secrets().apply(name.text()).orElseThrow(() -> new Refusal(secretNotSet(name.text())));
      secretsRendered.add(value);
      return value;
    }

    private String member() {
      expect(".");
      Token name = next();
      if (name.kind() != Kind.WORD) {
        throw unsupported();
      }
      return name.text();
    }

    private boolean bool(Object value, String operator) {
      if (value instanceof Boolean b) {
        return b;
      }
      throw new Refusal("'" + whole + "': '" + operator + "' takes true or false, not '" + text(value) + "'");
    }

    private void expect(String symbol) {
      if (!next().is(symbol)) {
        throw unsupported();
      }
    }

    private Token peek() {
      return at < tokens.size() ? tokens.get(at) : new Token(Kind.SYMBOL, "");
    }

    private Token next() {
      if (at >= tokens.size()) {
        throw unsupported();
      }
      return tokens.get(at++);
    }

    private Refusal unsupported() {
      return new Refusal("'" + whole + "' " + needsKestra());
    }
  }

  /** Pebble's equality: numbers by value, anything else exactly. */
  private static boolean same(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return left.equals(right);
  }

  /** The problem of a secret the environment does not hold. */
  static String secretNotSet(String name) {
    return "secret '" + name + "' is not set: set SECRET_" + name + " (base64, as Kestra does) or " + name
        + " in the environment";
  }
}
