package io.codeanatomy.udf.name;

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class QualnamePrefixesTest {
  private static List<Row> prefixes(String qualname) {
    List<Row> out = new ArrayList<>();
    QualnamePrefixes f = new QualnamePrefixes();
    f.setCollector(
        new Collector<>() {
          @Override
          public void collect(Row row) {
            out.add(row);
          }

          @Override
          public void close() {}
        });
    f.eval(qualname);
    return out;
  }

  @Test
  void emitsEachDottedPrefixWithItsDepth() {
    assertThat(prefixes("a.b.c"))
        .containsExactly(Row.of("a", 1), Row.of("a.b", 2), Row.of("a.b.c", 3));
    assertThat(prefixes("os")).containsExactly(Row.of("os", 1));
    assertThat(prefixes("pkg.Outer.method"))
        .extracting(r -> r.getField(0))
        .containsExactly("pkg", "pkg.Outer", "pkg.Outer.method");
  }

  @Test
  void nullEmptyAndMalformedNames_giveNoRows() {
    assertThat(prefixes(null)).isEmpty();
    assertThat(prefixes("")).isEmpty();
    assertThat(prefixes("a..b")).isEmpty();
    assertThat(prefixes(".a")).isEmpty();
    assertThat(prefixes("a.")).isEmpty();
  }

  @Test
  void registeredFunction_runsAsALateralJoin() throws Exception {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    CodeAnatomyFunctions.registerAll(env);
    Table imports =
        env.fromValues(
            DataTypes.ROW(DataTypes.FIELD("module", DataTypes.STRING())),
            Row.of("a.b.c"),
            Row.of("x"));
    Table out =
        imports
            .joinLateral(call(QualnamePrefixes.NAME, $("module")).as("prefix", "depth"))
            .select($("module"), $("prefix"), $("depth"));
    assertThat(out.getResolvedSchema().getColumnDataTypes().get(2).getLogicalType().isNullable())
        .isFalse();
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = out.execute().collect()) {
      it.forEachRemaining(rows::add);
    }
    assertThat(rows)
        .containsExactlyInAnyOrder(
            Row.of("a.b.c", "a", 1),
            Row.of("a.b.c", "a.b", 2),
            Row.of("a.b.c", "a.b.c", 3),
            Row.of("x", "x", 1));
  }
}
