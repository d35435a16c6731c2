package dev.driftless.testkit.law;

import dev.driftless.resource.Side;

/** A fresh pair of sides for one generated case. Closing it releases what it holds. */
public interface World extends AutoCloseable {

  SideHarness git();

  SideHarness kestra();

  default SideHarness side(Side side) {
    return side == Side.GIT ? git() : kestra();
  }

  @Override
  void close();
}
