package dev.driftless.emulator.internal;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * All stored data, per tenant. Not thread-safe by itself: every reader and writer (the HTTP
 * handlers and {@code StateView}) holds this object's monitor for the whole of one operation, which
 * makes each API call atomic, as a single-node Kestra with a database would be.
 */
public final class Store {

  private final Map<String, TenantStore> tenants = new TreeMap<>();

  /** The tenant's data, created empty on first use. */
  public TenantStore tenant(String name) {
    return tenants.computeIfAbsent(name, n -> new TenantStore());
  }

  /** The tenant's data if it was ever used. */
  public Optional<TenantStore> existing(String name) {
    return Optional.ofNullable(tenants.get(name));
  }

  public void clear() {
    tenants.clear();
  }
}
