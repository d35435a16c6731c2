package dev.driftless.bench.report;

import java.util.ArrayList;
import java.util.List;

/** One scenario's part of the report: its Markdown and the goals it decides. */
public final class Section {

  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final List<Goal> goals = new ArrayList<>();

  public Section(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** A paragraph (or any block of Markdown). */
  public Section text(String markdown) {
    body.append(markdown.strip()).append("\n\n");
    return this;
  }

  public Section table(Table table) {
    body.append(table.markdown()).append('\n');
    return this;
  }

  public Section goal(Goal goal) {
    goals.add(goal);
    return this;
  }

  public List<Goal> goals() {
    return List.copyOf(goals);
  }

  public String markdown() {
    return "## " + title + "\n\n" + body;
  }
}
