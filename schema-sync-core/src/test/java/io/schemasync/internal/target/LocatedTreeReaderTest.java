package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.internal.target.LocatedNode.ListNode;
import io.schemasync.internal.target.LocatedNode.MapNode;
import io.schemasync.internal.target.LocatedNode.Position;
import io.schemasync.internal.target.LocatedNode.Scalar;
import io.schemasync.internal.target.LocatedNode.ScalarKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatedTreeReaderTest {
  @TempDir Path dir;

  @Test
  void yamlNodesKeepLineAndColumn() {
    Problems problems = new Problems();

    LocatedNode root =
        LocatedTreeReader.read(
            "s.yaml",
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint, nullable: false, default: 0.50}
            """,
            false,
            problems);

    assertThat(problems.isEmpty()).isTrue();
    MapNode table =
        (MapNode) ((ListNode) ((MapNode) root).fields().get("tables").value()).elements().get(0);
    assertThat(table.position()).isEqualTo(new Position("s.yaml", 2, 5));
    assertThat(table.fields().get("columns").keyPosition()).isEqualTo(new Position("s.yaml", 3, 5));
    MapNode column = (MapNode) ((ListNode) table.fields().get("columns").value()).elements().get(0);
    assertThat(column.fields().get("type").value())
        .isEqualTo(new Scalar(new Position("s.yaml", 4, 26), ScalarKind.TEXT, "bigint"));
    assertThat(column.fields().get("nullable").value())
        .isEqualTo(new Scalar(new Position("s.yaml", 4, 44), ScalarKind.BOOLEAN, "false"));
    assertThat(column.fields().get("default").value())
        .isEqualTo(new Scalar(new Position("s.yaml", 4, 60), ScalarKind.NUMBER, "0.50"));
  }

  @Test
  void jsonNodesKeepLineAndColumn() {
    Problems problems = new Problems();

    LocatedNode root =
        LocatedTreeReader.read(
            "s.json", "{\n  \"table\": \"users\",\n  \"n\": null\n}", true, problems);

    MapNode map = (MapNode) root;
    assertThat(map.fields().get("table").value())
        .isEqualTo(new Scalar(new Position("s.json", 2, 12), ScalarKind.TEXT, "users"));
    assertThat(map.fields().get("n").value())
        .isEqualTo(new Scalar(new Position("s.json", 3, 8), ScalarKind.NULL, ""));
  }

  @Test
  void yamlOneOneBooleanWordsStayText() {
    Problems problems = new Problems();

    MapNode root =
        (MapNode) LocatedTreeReader.read("s.yaml", "a: yes\nb: off\nc: true\n", false, problems);

    assertThat(((Scalar) root.fields().get("a").value()).kind()).isEqualTo(ScalarKind.TEXT);
    assertThat(((Scalar) root.fields().get("b").value()).kind()).isEqualTo(ScalarKind.TEXT);
    assertThat(((Scalar) root.fields().get("c").value()).kind()).isEqualTo(ScalarKind.BOOLEAN);
  }

  @Test
  void duplicateJsonKeyIsReportedAndTheFirstKept() {
    Problems problems = new Problems();

    MapNode root =
        (MapNode) LocatedTreeReader.read("s.json", "{\"a\": 1,\n \"a\": 2}", true, problems);

    assertThat(((Scalar) root.fields().get("a").value()).text()).isEqualTo("1");
    assertThat(problems.list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().line()).isEqualTo(2);
              assertThat(p.message())
                  .isEqualTo("duplicate key 'a' (first written at line 1); keep only one");
            });
  }

  @Test
  void byteOrderMarkIsIgnored() throws Exception {
    Path file = dir.resolve("bom.yaml");
    Files.write(file, ("\uFEFFtable: t\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Problems problems = new Problems();

    LocatedNode root = LocatedTreeReader.read(file, problems);

    assertThat(problems.isEmpty()).isTrue();
    assertThat(((MapNode) root).fields()).containsKey("table");
  }

  @Test
  void fileThatIsNotUtf8IsReported() throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'t', 'a', 'b', 'l', 'e', ':', ' ', (byte) 0xE9, '\n'});
    Problems problems = new Problems();

    assertThat(LocatedTreeReader.read(file, problems)).isNull();
    assertThat(problems.list())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not valid UTF-8"));
  }

  @Test
  void onlyCommentsOrADocumentMarkerIsEmpty() {
    for (String text : new String[] {"", "# just a comment\n", "---\n", "null\n"}) {
      Problems problems = new Problems();

      assertThat(LocatedTreeReader.read("s.yaml", text, false, problems)).isNull();
      assertThat(problems.list())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).startsWith("the document is empty"));
    }
  }

  @Test
  void snakeYamlMessagesLoseTheirCaretDrawings() {
    String raw =
        "while parsing a flow sequence\n in 'reader', line 1, column 4:\n    a: [1, 2\n       ^\n"
            + "expected ',' or ']', but got :\n in 'reader', line 2, column 2:\n    b: c\n     ^\n";

    assertThat(LocatedTreeReader.cleanMessage(raw))
        .isEqualTo("while parsing a flow sequence; expected ',' or ']', but got :");
  }
}
