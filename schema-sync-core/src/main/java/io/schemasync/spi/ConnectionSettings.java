package io.schemasync.spi;

import io.schemasync.internal.JdbcUrls;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to connect: a JDBC URL, optional credentials and driver properties, and the lock
 * timeout. {@link #toString()} masks the password wherever it appears.
 */
public record ConnectionSettings(
    String url,
    String user,
    String password,
    Map<String, String> properties,
    Duration lockTimeout) {

  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

  public ConnectionSettings {
    Objects.requireNonNull(url, "url");
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout must not be negative, was " + lockTimeout);
    }
  }

  public static ConnectionSettings of(String url) {
    return new ConnectionSettings(url, null, null, Map.of(), null);
  }

  /** The URL with any password in it replaced by {@code ***}: the only form fit for messages. */
  public String maskedUrl() {
    return JdbcUrls.mask(url);
  }

  @Override
  public String toString() {
    return "ConnectionSettings[url="
        + maskedUrl()
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + ", properties="
        + properties.keySet()
        + ", lockTimeout="
        + lockTimeout
        + "]";
  }
}
