package io.fleetpulse.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JsonDiff, error clean-up, result printing and the apply summary. */
class SmallPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonDiffNamesThePathsThatDiffer() throws Exception {
        JsonNode a = JSON.readTree("{\"x\":1,\"y\":{\"z\":[1,2],\"w\":\"s\"}}");
        JsonNode b = JSON.readTree("{\"x\":1,\"y\":{\"z\":[1,3],\"w\":\"s\"},\"v\":true}");

        assertThat(JsonDiff.paths(a, b, 10)).containsExactly("y.z", "v");
        assertThat(JsonDiff.paths(a, a, 10)).isEmpty();
        assertThat(JsonDiff.paths(a, b, 1)).containsExactly("y.z");
    }

    @Test
    void pinotErrorsLoseTheirStackTrace() {
        String raw =
                "SQLParsingError:\norg.x.SqlCompilationException: bad query\n\tat org.x.A.b(A.java:1)\n"
                        + "\tat org.x.C.d(C.java:2)\n...\nCaused by: org.y.E: line 1, column 1: oops\n\t... 3 more";

        assertThat(PinotBrokerClient.conciseError(raw))
                .isEqualTo(
                        "SQLParsingError: org.x.SqlCompilationException: bad query Caused by: org.y.E: line 1, column 1: oops");
    }

    @Test
    void resultsPrintAsAnAlignedTableWithTheQueryTime() throws Exception {
        JsonNode response =
                JSON.readTree(
                        "{\"resultTable\":{\"dataSchema\":{\"columnNames\":[\"driverId\",\"n\"],"
                                + "\"columnDataTypes\":[\"STRING\",\"DOUBLE\"]},\"rows\":[[\"D1\",3.0],[\"D22\",0.123456]]},"
                                + "\"timeUsedMs\":7,\"numDocsScanned\":10,\"totalDocs\":20,\"numServersQueried\":1,\"numServersResponded\":1}");
        StringWriter out = new StringWriter();

        ResultPrinter.print(QueryResult.parse(response, 12.34), new PrintWriter(out));

        assertThat(out.toString().split("\n"))
                .containsExactly(
                        "driverId       n",
                        "--------  ------",
                        "D1             3",
                        "D22       0.1235",
                        "2 rows in 12.3 ms (Pinot 7 ms; 10 of 20 docs scanned)");
    }

    @Test
    void theApplySummaryCountsActions() {
        List<ApplyResult> results =
                List.of(
                        new ApplyResult("schema", "t", ApplyResult.Action.CREATED, List.of()),
                        new ApplyResult("table", "t", ApplyResult.Action.UPDATED, List.of("a.b")),
                        new ApplyResult("table", "u", ApplyResult.Action.UNCHANGED, List.of()));

        assertThat(PinotApplyCommand.summary(results, false))
                .isEqualTo("1 created, 1 updated, 1 unchanged");
        assertThat(PinotApplyCommand.summary(results, true))
                .isEqualTo("1 would be created, 1 would be updated, 1 unchanged (dry run)");
        assertThat(results.get(1).describe()).isEqualTo("table t: updated (a.b)");
    }
}
