package io.schemasync.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate process that takes a tenant's lock, says so through a file, and holds it until killed.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    SqliteFixture fixture = new SqliteFixture(Path.of(args[0]));
    fixture.adapter.runner().lock(fixture.tenant(args[1]), Duration.ofSeconds(10));
    Files.writeString(Path.of(args[2]), "locked");
    Thread.sleep(Long.MAX_VALUE);
  }
}
