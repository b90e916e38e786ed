package io.fleetpulse.stack.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The chart is well-formed SVG with one path per series, gaps for NaN and escaped labels. */
class SvgChartTest {

    @Test
    void rendersWellFormedSvgWithAPathPerSeriesAndLegends() throws Exception {
        double[] t = {0, 1, 2, 3};
        Map<String, double[]> rates = new LinkedHashMap<>();
        rates.put("offered", new double[] {10, 20, 30, 40});
        rates.put("processed <out>", new double[] {5, Double.NaN, 25, 35});
        String svg =
                new SvgChart("bench & co", t)
                        .panel("throughput", "events/s", rates)
                        .panel("lag", "records", Map.of("lag", new double[] {0, 0, 1, 2}))
                        .render();
        Document doc =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(3);
        assertThat(svg).contains("processed &lt;out&gt;").contains("bench &amp; co");
        // The NaN point splits the processed line into two pieces: two move-to commands.
        String processed =
                doc.getElementsByTagName("path")
                        .item(1)
                        .getAttributes()
                        .getNamedItem("d")
                        .getNodeValue();
        assertThat(processed.split("M", -1)).hasSize(3);
    }

    @Test
    void scalesToANiceMaximumAndRefusesMismatchedSeries() {
        assertThat(SvgChart.niceMax(List.of(new double[] {0, 43_000}))).isEqualTo(50_000);
        assertThat(SvgChart.niceMax(List.of(new double[] {0.7}))).isEqualTo(1);
        assertThat(SvgChart.niceMax(List.of(new double[] {Double.NaN}))).isEqualTo(1);
        assertThatThrownBy(
                        () ->
                                new SvgChart("x", new double[] {0, 1})
                                        .panel("p", "u", Map.of("s", new double[] {1})))
                .hasMessageContaining("1 points for 2 times");
    }
}
