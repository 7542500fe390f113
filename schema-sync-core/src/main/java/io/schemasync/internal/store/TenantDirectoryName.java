package io.schemasync.internal.store;

import io.schemasync.internal.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Maps any tenant id to a directory name that is safe on every common file system and unique per
 * id.
 *
 * <p>Lower-case ASCII letters, digits, {@code -} and {@code _} are kept; every other UTF-8 byte
 * becomes {@code .hh}. Upper case is escaped too, so ids differing only in case stay apart on
 * case-insensitive file systems (macOS, Windows). The dot never appears unescaped, so the encoding
 * can be decoded and is therefore injective; names that would exceed {@link #MAX_PLAIN_LENGTH} keep
 * a readable prefix and end in {@code ~} plus the SHA-256 of the id, which no plain name contains.
 */
final class TenantDirectoryName {
  /** Well under the 255-byte limit of ext4, APFS and NTFS. */
  static final int MAX_PLAIN_LENGTH = 180;

  private static final int HASHED_PREFIX_LENGTH = 60;

  // Windows refuses these as file names even with an extension.
  private static final Set<String> WINDOWS_RESERVED =
      Set.of(
          "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
          "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  private TenantDirectoryName() {}

  static String of(String tenantId) {
    StringBuilder out = new StringBuilder();
    for (byte b : tenantId.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        out.append((char) c);
      } else {
        out.append('.').append(String.format(Locale.ROOT, "%02x", c));
      }
    }
    String name = out.toString();
    if (WINDOWS_RESERVED.contains(stem(name))) {
      name = String.format(Locale.ROOT, ".%02x", (int) name.charAt(0)) + name.substring(1);
    }
    if (name.length() <= MAX_PLAIN_LENGTH) {
      return name;
    }
    return name.substring(0, HASHED_PREFIX_LENGTH) + "~" + CanonicalJson.sha256(tenantId);
  }

  private static String stem(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
