package io.schemasync.internal.target;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads a schema file, or a directory of them, into one {@link DeclaredSchema}: parses, reads and
 * merges every file, reporting every problem at once.
 */
final class SchemaFileLoader {
  private SchemaFileLoader() {}

  /**
   * The schema declared at {@code path}, types as written, read and merged but not yet checked as a
   * whole (see {@link SchemaValidator}).
   *
   * @throws InvalidTargetException listing every problem found, located at the first one
   */
  static DeclaredSchema load(Path path) {
    Problems problems = new Problems();
    DocumentMerger merger = new DocumentMerger(problems);
    for (Path file : files(path)) {
      LocatedNode root = LocatedTreeReader.read(file, problems);
      if (root != null) {
        merger.add(
            SingleTableReader.isSingleTable(root)
                ? SingleTableReader.read(root, problems)
                : SchemaDocumentReader.read(root, problems));
      }
    }
    // Checks across objects would only echo what is already broken (a dropped table, a column
    // without a type), so stop here before them.
    problems.throwIfAny();
    DeclaredSchema declared = merger.result();
    if (declared.snapshot().isEmpty()) {
      throw new InvalidTargetException(
          new SourceLocation(path.toString(), 0, 0, null),
          "the target declares no table, view, enum, domain, sequence or routine; an empty target"
              + " would drop everything, so it is refused");
    }
    return declared;
  }

  /**
   * The file itself, or the directory's .yaml, .yml and .json files (not hidden, not nested) by
   * name.
   */
  static List<Path> files(Path path) {
    if (!Files.exists(path)) {
      throw new InvalidTargetException(
          new SourceLocation(path.toString(), 0, 0, null),
          "the schema file or directory does not exist");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(path)) {
      files =
          entries
              .filter(Files::isRegularFile)
              .filter(SchemaFileLoader::isSchemaFile)
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new InvalidTargetException(
          new SourceLocation(path.toString(), 0, 0, null), "cannot list the directory: " + e, e);
    }
    if (files.isEmpty()) {
      throw new InvalidTargetException(
          new SourceLocation(path.toString(), 0, 0, null),
          "the directory holds no .yaml, .yml or .json file; put the schema files directly in it"
              + " (subdirectories are not read)");
    }
    return files;
  }

  private static boolean isSchemaFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }
}
