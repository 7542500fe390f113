package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input ends with exit 2 and one message naming the file, line or object, and no tenant file is
 * touched.
 */
class BadInputTest {
  @TempDir Path dir;
  private Path tenants;
  private String url;
  private Map<String, String> before;

  @BeforeEach
  void setUp() {
    tenants = dir.resolve("tenants");
    tenants.toFile().mkdirs();
    url = "jdbc:sqlite:" + tenants;
    String v1 = Cli.write(dir.resolve("v1.yaml"), Schemas.V1).toString();
    Cli.Result sync = Cli.run("sync", "--url", url, "--target", v1, "--tenant", "acme");
    assertThat(sync.exit()).as(sync::toString).isZero();
    before = Cli.files(tenants);
  }

  private Cli.Result syncWith(String fileName, String document) {
    String target = Cli.write(dir.resolve(fileName), document).toString();
    Cli.Result r = Cli.run("sync", "--url", url, "--target", target);
    assertThat(r.exit()).as(r::toString).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(Cli.files(tenants)).as("no tenant file may change on bad input").isEqualTo(before);
    assertThat(r.err()).startsWith("error: ");
    return r;
  }

  @Test
  void malformedYamlNamesTheFileAndLine() {
    Cli.Result r =
        syncWith(
            "broken.yaml",
            """
            tables:
              - name: accounts
                columns: [ {name: id, type: integer
            """);
    assertThat(r.err()).contains("broken.yaml:3", "malformed YAML");
  }

  @Test
  void unknownTypeNamesTheColumnAndType() {
    Cli.Result r =
        syncWith(
            "unknown-type.yaml",
            """
            tables:
              - name: accounts
                columns:
                  - name: id
                    type: integer
                    primaryKey: true
                  - name: balance
                    type: moneybags(12)
            """);
    assertThat(r.err()).contains("unknown-type.yaml:8", "moneybags");
  }

  @Test
  void duplicateNamesAreReported() {
    Cli.Result r =
        syncWith(
            "duplicate.yaml",
            """
            tables:
              - name: accounts
                columns:
                  - name: id
                    type: integer
                  - name: id
                    type: text
            """);
    assertThat(r.err())
        .contains("duplicate.yaml:6", "accounts.id", "declared twice", "duplicate.yaml:4");
  }

  @Test
  void duplicateTablesAcrossFilesOfADirectoryAreReported() {
    Cli.write(dir.resolve("split/a.yaml"), Schemas.V1);
    Cli.write(
        dir.resolve("split/b.yaml"),
        """
        tables:
          - name: accounts
            columns:
              - name: id
                type: integer
        """);
    Cli.Result r = Cli.run("sync", "--url", url, "--target", dir.resolve("split").toString());
    assertThat(r.exit()).as(r::toString).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("b.yaml:2", "accounts", "a.yaml");
    assertThat(Cli.files(tenants)).isEqualTo(before);
  }

  @Test
  void foreignKeyToAMissingTableIsReported() {
    Cli.Result r =
        syncWith(
            "dangling-table.yaml",
            """
            tables:
              - name: notes
                columns:
                  - name: id
                    type: integer
                    primaryKey: true
                  - name: account_id
                    type: integer
                    references:
                      table: ghosts
                      column: id
            """);
    assertThat(r.err())
        .containsPattern("dangling-table\\.yaml:\\d+")
        .contains("table notes", "ghosts");
  }

  @Test
  void foreignKeyToAMissingColumnIsReported() {
    Cli.Result r =
        syncWith(
            "dangling-column.yaml",
            """
            tables:
              - name: accounts
                columns:
                  - name: id
                    type: integer
                    primaryKey: true
              - name: notes
                columns:
                  - name: id
                    type: integer
                    primaryKey: true
                  - name: account_id
                    type: integer
                    references:
                      table: accounts
                      column: uuid
            """);
    assertThat(r.err())
        .containsPattern("dangling-column\\.yaml:\\d+")
        .contains("table notes", "uuid", "accounts");
  }

  @Test
  void hostileIdentifiersAreRejectedAndNothingRuns() {
    Cli.Result r =
        syncWith(
            "hostile.yaml",
            """
            tables:
              - name: 'x"; DROP TABLE accounts; --'
                columns:
                  - name: id
                    type: integer
            """);
    assertThat(r.err()).contains("hostile.yaml:2", "DROP TABLE accounts", "identifiers: quoted");
  }

  @Test
  void hostileTenantIdIsRejected() {
    Cli.Result r =
        Cli.run(
            "sync",
            "--url",
            url,
            "--target",
            dir.resolve("v1.yaml").toString(),
            "--tenant",
            "../escape");
    assertThat(r.exit()).as(r::toString).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("../escape");
    assertThat(Cli.files(tenants)).isEqualTo(before);
    assertThat(dir.resolve("escape.db")).doesNotExist();
  }

  @Test
  void unknownAdapterUrlIsBadInput() {
    Cli.Result r =
        Cli.run("diff", "--url", "jdbc:foo:bar", "--target", dir.resolve("v1.yaml").toString());
    assertThat(r.exit()).as(r::toString).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("no adapter accepts", "jdbc:foo:bar", "sqlite");
  }

  @Test
  void missingTargetFileIsBadInput() {
    Cli.Result r = Cli.run("plan", "--url", url, "--target", dir.resolve("nope.yaml").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("nope.yaml", "does not exist");
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    String target = dir.resolve("v1.yaml").toString();
    assertThat(Cli.run("plan", "--url", url, "--target", target, "--lock-timeout", "soon").exit())
        .isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(Cli.run("plan", "--url", url, "--target", target, "--format", "xml").exit())
        .isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(Cli.run("plan", "--url", url, "--target", target, "--breaking", "maybe").exit())
        .isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(Cli.run("plan", "--url", url).exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(Cli.run("plan", "--url", url, "--target", target, "--tenants", "[unclosed").exit())
        .isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(Cli.files(tenants)).isEqualTo(before);
  }
}
