/**
 * Driftless's Git sync tasks as a Kestra plugin: the Kestra Git plugin's tasks, with its property
 * names, types and defaults, each a {@code RunnableTask} that plans and applies through the engine
 * (via {@code engine-presets}). Migrating a flow means changing {@code type:} from
 * {@code io.kestra.plugin.git.X} to {@code dev.driftless.plugin.X}.
 */
@PluginSubGroup(
    title = "Driftless Git sync",
    description = "Plan-first, safe Git sync for flows, namespace files and dashboards: the Git plugin's tasks over Driftless's engine.",
    categories = {PluginSubGroup.PluginCategory.TOOL})
package dev.driftless.plugin;

import io.kestra.core.models.annotations.PluginSubGroup;
