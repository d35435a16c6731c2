/**
 * Contract tests that drive the Kestra API emulator with Kestra's official Java SDK
 * ({@code io.kestra:kestra-api-client}), the judge of what a 1.x or 2.x server answers: every call a
 * sync makes must be routed as on Kestra and answered with something the SDK's models read, with the
 * fields they mark required. The same calls record the {@code Accept} and {@code Content-Type} the SDK
 * sends, which hold the adapter's {@code Operation} table to the SDK's.
 */
package dev.driftless.kestra.contract;
