package io.schemasync.internal.target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.schemasync.api.SourceLocation;
import io.schemasync.internal.target.LocatedNode.Field;
import io.schemasync.internal.target.LocatedNode.ListNode;
import io.schemasync.internal.target.LocatedNode.MapNode;
import io.schemasync.internal.target.LocatedNode.Position;
import io.schemasync.internal.target.LocatedNode.Scalar;
import io.schemasync.internal.target.LocatedNode.ScalarKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a YAML or JSON file with Jackson's streaming parser into {@link LocatedNode}s, keeping the
 * line and column of every key and value.
 */
final class LocatedTreeReader {
  /**
   * YAML 1.1 reads {@code yes}, {@code no}, {@code on} and {@code off} as booleans, which turns
   * {@code default: no} into {@code false}; only {@code true} and {@code false} are booleans here.
   */
  private static final JsonFactory YAML =
      YAMLFactory.builder().enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Jackson's "[Source: ...; line: 1, column: 7]" in messages, which repeats what we print. */
  private static final Pattern JACKSON_SOURCE =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private final String file;
  private final Problems problems;
  private boolean usedAlias;

  private LocatedTreeReader(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  /**
   * Reads one file; returns null when it is unreadable, malformed or empty (the problem is
   * recorded).
   */
  static LocatedNode read(Path path, Problems problems) {
    String file = path.toString();
    String text;
    try {
      text = decodeUtf8(Files.readAllBytes(path));
    } catch (CharacterCodingException e) {
      problems.add(
          new SourceLocation(file, 0, 0, null), "the file is not valid UTF-8; save it as UTF-8");
      return null;
    } catch (IOException e) {
      problems.add(new SourceLocation(file, 0, 0, null), "cannot read the file: " + e);
      return null;
    }
    boolean json = file.toLowerCase(Locale.ROOT).endsWith(".json");
    return new LocatedTreeReader(file, problems).parse(text, json);
  }

  /** Reads YAML (or JSON when {@code json}) from text, naming it {@code file} in locations. */
  static LocatedNode read(String file, String text, boolean json, Problems problems) {
    return new LocatedTreeReader(file, problems).parse(text, json);
  }

  private LocatedNode parse(String text, boolean json) {
    try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return empty();
      }
      LocatedNode root = readValue(parser);
      if (usedAlias) {
        // The aliased parts are missing from the tree; checking it would only report their absence.
        return null;
      }
      if (parser.nextToken() != null) {
        problems.add(
            position(parser).at(null),
            json
                ? "unexpected content after the end of the JSON document"
                : "a schema file holds one YAML document; split the documents after '---' into"
                    + " separate files");
        return null;
      }
      if (root instanceof Scalar scalar && (scalar.isNull() || scalar.text().isBlank())) {
        return empty();
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      int line = where == null ? 0 : where.getLineNr();
      int column = where == null ? 0 : where.getColumnNr();
      problems.add(
          new SourceLocation(file, Math.max(line, 0), Math.max(column, 0), null),
          (json ? "malformed JSON: " : "malformed YAML: ") + cleanMessage(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add(new SourceLocation(file, 0, 0, null), "cannot read the file: " + e);
      return null;
    }
  }

  private LocatedNode empty() {
    problems.add(
        new SourceLocation(file, 1, 0, null),
        "the document is empty; declare 'tables:' (and views, enums, ...) or a single 'table:'");
    return null;
  }

  private LocatedNode readValue(JsonParser parser) throws IOException {
    Position at = position(parser);
    JsonToken token = parser.currentToken();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // Aliases would let one small file expand into a huge schema, and hide where values come
      // from.
      usedAlias = true;
      problems.add(
          at.at(null),
          "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
      return new Scalar(at, ScalarKind.NULL, "");
    }
    switch (token) {
      case START_OBJECT:
        return readMap(parser, at);
      case START_ARRAY:
        List<LocatedNode> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          elements.add(readValue(parser));
        }
        return new ListNode(at, elements);
      case VALUE_STRING:
        return new Scalar(at, ScalarKind.TEXT, parser.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Scalar(at, ScalarKind.NUMBER, parser.getText());
      case VALUE_TRUE:
        return new Scalar(at, ScalarKind.BOOLEAN, "true");
      case VALUE_FALSE:
        return new Scalar(at, ScalarKind.BOOLEAN, "false");
      case VALUE_NULL:
        return new Scalar(at, ScalarKind.NULL, "");
      default:
        problems.add(at.at(null), "unexpected " + token + " in the document");
        return new Scalar(at, ScalarKind.NULL, "");
    }
  }

  private MapNode readMap(JsonParser parser, Position at) throws IOException {
    Map<String, Field> fields = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Position keyAt = position(parser);
      parser.nextToken();
      LocatedNode value = readValue(parser);
      Field earlier = fields.get(key);
      if (earlier != null) {
        problems.add(
            keyAt.at(null),
            "duplicate key '"
                + key
                + "' (first written at line "
                + earlier.keyPosition().line()
                + "); keep only one");
      } else {
        fields.put(key, new Field(key, keyAt, value));
      }
    }
    return new MapNode(at, fields);
  }

  private Position position(JsonParser parser) {
    JsonLocation location = parser.currentTokenLocation();
    return new Position(
        file, Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
  }

  /**
   * SnakeYAML's messages span several lines with carets pointing into the source; the location is
   * printed separately, so keep only the sentences.
   */
  static String cleanMessage(String message) {
    if (message == null) {
      return "cannot parse";
    }
    StringBuilder out = new StringBuilder();
    for (String line : message.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || line.startsWith(" ") || trimmed.equals("^")) {
        continue;
      }
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(trimmed);
    }
    return JACKSON_SOURCE.matcher(out).replaceAll("line $1, column $2");
  }

  private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
