package io.codeanatomy.job.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.codeanatomy.job.compile.CompiledSpec;
import io.codeanatomy.job.compile.FlinkTypes;
import io.codeanatomy.job.compile.SpecCompiler;
import io.codeanatomy.spec.ColumnSpec;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/**
 * The shipped spec must plan in streaming mode over changelog inputs — the continuous job's
 * precondition — and its outputs are updating streams, which is what the Delta sink's upsert mode
 * has to accept. Lateral joins (UNNEST) and retracting aggregates are the fragile parts this
 * guards.
 */
class StreamingPlanTest {
  @Test
  void shippedSpecPlansOverChangelogInputsWithUpdatingOutputs() {
    StreamExecutionEnvironment streams = StreamExecutionEnvironment.getExecutionEnvironment();
    StreamTableEnvironment env = StreamTableEnvironment.create(streams);
    env.getConfig().set("table.optimizer.reuse-optimize-block-with-digest-enabled", "true");
    CodeAnatomyFunctions.registerAll(env);
    Spec spec = SpecLoader.loadResource("specs/python-cpg.yaml");
    CompiledSpec compiled =
        SpecCompiler.compile(
            spec,
            env,
            input -> {
              List<DataTypes.Field> fields = new ArrayList<>();
              for (ColumnSpec c : input.columns()) {
                fields.add(DataTypes.FIELD(c.name(), FlinkTypes.of(c.typeSpec())));
              }
              DataType rowType = DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).notNull();
              @SuppressWarnings("unchecked")
              TypeInformation<Row> info =
                  (TypeInformation<Row>) (TypeInformation<?>) ExternalTypeInfo.of(rowType);
              int arity = fields.size();
              DataStream<Row> stream =
                  streams
                      .fromSequence(1, 1)
                      .filter(x -> false)
                      .map(x -> new Row(arity))
                      .returns(info);
              return env.fromChangelogStream(
                  stream,
                  Schema.newBuilder().fromRowDataType(rowType).build(),
                  ChangelogMode.all());
            });
    StatementSet set = env.createStatementSet();
    compiled
        .outputs()
        .forEach(
            (name, table) ->
                set.add(
                    table.insertInto(
                        TableDescriptor.forConnector("blackhole")
                            .schema(
                                Schema.newBuilder()
                                    .fromResolvedSchema(table.getResolvedSchema())
                                    .build())
                            .build())));
    String plan = set.explain(ExplainDetail.CHANGELOG_MODE);

    String physical =
        plan.substring(
            plan.indexOf("== Optimized Physical Plan =="),
            plan.indexOf("== Optimized Execution Plan =="));
    assertThat(physical.lines().filter(l -> l.startsWith("Sink(")))
        .hasSize(2)
        .allSatisfy(sink -> assertThat(sink).contains("changelogMode=[NONE]"));
    assertThat(physical.lines().filter(l -> l.startsWith("+- ")))
        .as("what each sink receives")
        .hasSize(2)
        .allSatisfy(input -> assertThat(input).contains("changelogMode=[I,UB,UA,D]"));
  }
}
