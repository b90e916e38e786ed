package io.fleetpulse.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvLineSplitterTest {

    private final CsvLineSplitter comma = new CsvLineSplitter(',');

    @Test
    void splitsAndTrimsPlainCells() {
        assertThat(comma.split("a, b ,c")).containsExactly("a", "b", "c");
    }

    @Test
    void keepsEmptyCellsIncludingTrailingOnes() {
        assertThat(comma.split("a,,c,")).containsExactly("a", "", "c", "");
    }

    @Test
    void quotedCellsKeepDelimitersBlanksAndEscapedQuotes() {
        assertThat(comma.split("\"x, y\",\" padded \",\"say \"\"hi\"\"\" "))
                .containsExactly("x, y", " padded ", "say \"hi\"");
    }

    @Test
    void otherDelimiter() {
        assertThat(new CsvLineSplitter('\t').split("a\tb,c")).containsExactly("a", "b,c");
    }

    @Test
    void unclosedQuoteIsAnError() {
        assertThatThrownBy(() -> comma.split("a,\"b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed quote in cell 2");
    }
}
