/**
 * Plans for people: text in the style of {@code terraform plan} (legend, unified diffs, summary
 * line; colour optional) and Markdown for pull requests. Both show only the masked diffs the plan
 * carries, never content.
 */
package dev.driftless.core.render;
