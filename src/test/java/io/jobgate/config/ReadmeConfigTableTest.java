package io.jobgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's configuration table says what the code does: same settings, variables and defaults. */
class ReadmeConfigTableTest {

  private record Row(String key, String env, String defaultText) {
  }

  /** The rows of the first table under "## Configuration": {@code | `key` | `ENV` | `default` | meaning |}. */
  private static List<Row> readmeRows() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int start = lines.indexOf("## Configuration");
    List<Row> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      String[] cells = line.split("\\|");
      String key = unquote(cells[1]);
      if (key.equals("setting") || key.startsWith("---")) {
        continue;
      }
      rows.add(new Row(key, unquote(cells[2]), unquote(cells[3])));
    }
    return rows;
  }

  private static String unquote(String cell) {
    return cell.trim().replaceAll("^`|`$", "");
  }

  @Test
  void tableListsEverySettingInOrderWithItsVariableAndDefault() throws IOException {
    List<Row> expected = Settings.ALL.stream().map(s -> new Row(s.key(), s.envName(), s.defaultText())).toList();
    List<Row> rows = readmeRows();
    assertFalse(rows.isEmpty(), "no configuration table found under ## Configuration");
    assertEquals(expected, rows);
  }

  @Test
  void tableDefaultsAreTheCodesDefaults() throws IOException {
    Map<Setting<?>, Object> values = new LinkedHashMap<>();
    for (Row r : readmeRows()) {
      Setting<?> s = Settings.BY_KEY.get(r.key());
      values.put(s, s.fromText("README", r.defaultText()));
    }
    assertEquals(AgentConfig.defaults(), AgentConfig.from(values, false));
  }
}
