/**
 * The vocabulary every other module speaks: resources, snapshots, policies, plans, outcomes and the
 * ports. Every package is API.
 *
 * <p>The Immutables annotations on the value types are needed to compile against them, never to run
 * ({@code static}); Immutables ships as an automatic module.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.driftless.api {
  requires static transitive org.immutables.value.annotations;

  exports dev.driftless.apply;
  exports dev.driftless.credential;
  exports dev.driftless.diagnostic;
  exports dev.driftless.plan;
  exports dev.driftless.policy;
  exports dev.driftless.port;
  exports dev.driftless.resource;
  exports dev.driftless.snapshot;
  exports dev.driftless.style;
}
