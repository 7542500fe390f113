package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test documents: resources under {@code targets/} and inline ones written to a directory. */
final class Documents {
  private Documents() {}

  static Path resource(String name) {
    try {
      return Path.of(Documents.class.getResource("/targets/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource targets/" + name, e);
    }
  }

  static Path write(Path dir, String fileName, String text) {
    try {
      Path file = dir.resolve(fileName);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResolvedTarget resolve(Path path) {
    return TargetResolver.resolve(new Target.SchemaFile(path), new StubAdapter());
  }

  /** The error resolving {@code path} with a stub adapter; fails when there is none. */
  static InvalidTargetException failure(Path path) {
    InvalidTargetException[] caught = new InvalidTargetException[1];
    assertThatThrownBy(() -> resolve(path))
        .isInstanceOfSatisfying(InvalidTargetException.class, e -> caught[0] = e);
    return caught[0];
  }
}
