/**
 * The Kestra Git plugin's tasks as typed presets over the engine. Each request takes the plugin's
 * property names and defaults, is validated up front with every problem listed, and turns into a
 * {@link dev.driftless.presets.PresetSpec}: the scopes, the Git layout and the policy that run
 * it. The layouts are named by {@link dev.driftless.presets.LayoutType}, the one vocabulary the
 * CLI's {@code --layout} uses too. Task files (the YAML a Kestra user already has) are read by
 * {@link dev.driftless.presets.TaskFile}. Where the plugin is unsafe, the preset follows the
 * engine's design; the README's "Differences from the Kestra Git plugin" lists each case.
 */
package dev.driftless.presets;
