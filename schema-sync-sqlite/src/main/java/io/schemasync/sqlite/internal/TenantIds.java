package io.schemasync.sqlite.internal;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tenant ids that are safe as SQLite file names on every platform: a letter or digit, then letters,
 * digits, dots, underscores or hyphens, 128 characters at most, and never a path.
 */
public final class TenantIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Set<String> WINDOWS_DEVICES =
      Set.of(
          "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
          "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private TenantIds() {}

  /** The context for a valid id. @throws InvalidTenantException saying what is wrong with it */
  public static TenantContext validate(String id) {
    TenantContext tenant = TenantContext.of(id); // blank, length, control characters
    if (id.contains("/") || id.contains("\\") || id.contains("..")) {
      throw new InvalidTenantException(
          id, "a SQLite tenant id is a file name and must not contain '/', '\\' or '..'");
    }
    if (!SAFE.matcher(id).matches()) {
      throw new InvalidTenantException(
          id,
          "a SQLite tenant id may only contain letters, digits, '.', '_' and '-', and must start"
              + " with a letter or digit");
    }
    if (id.toLowerCase(Locale.ROOT).endsWith(".db")) {
      throw new InvalidTenantException(
          id, "leave out the .db extension: tenant 'x' is stored in the file x.db");
    }
    String stem = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
    if (WINDOWS_DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
      throw new InvalidTenantException(id, "the name is reserved for a device on Windows");
    }
    return tenant;
  }

  /** Whether an id is valid, for filtering directory listings. */
  public static boolean isValid(String id) {
    try {
      validate(id);
      return true;
    } catch (InvalidTenantException e) {
      return false;
    }
  }
}
