package io.fleetpulse.loadgen.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.loadgen.physics.RoadType;
import io.fleetpulse.loadgen.physics.Segment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MapMatchingTest {

    private static Segment road(int limitKmh) {
        return new Segment(
                RoadType.values()[0], limitKmh, 500, 0, 0, Segment.EndAction.NONE, 0, false);
    }

    @Test
    void reportsTheLimitOfTheRoadWithAFixAndNothingWithout() {
        MapMatching unit = new MapMatching(MissingnessConfig.NONE, new SplittableRandom(1));
        Segment fifty = road(50);
        assertThat(unit.limitKmh(fifty, true)).isEqualTo(50.0);
        assertThat(unit.limitKmh(fifty, false)).isNaN();
        assertThat(unit.limitKmh(road(100), true)).isEqualTo(100.0);
    }

    @Test
    void aFewRoadsAreUnmappedForTheirWholeLength() {
        MapMatching unit = new MapMatching(MissingnessConfig.DEFAULT, new SplittableRandom(2));
        int unmapped = 0;
        int roads = 5_000;
        for (int i = 0; i < roads; i++) {
            Segment s = road(80);
            double first = unit.limitKmh(s, true);
            for (int k = 0; k < 5; k++) {
                assertThat(Double.compare(unit.limitKmh(s, true), first))
                        .isZero(); // decided once per road
            }
            if (Double.isNaN(first)) {
                unmapped++;
            }
        }
        assertThat((double) unmapped / roads)
                .isBetween(MapMatching.UNMAPPED_SHARE * 0.7, MapMatching.UNMAPPED_SHARE * 1.3);
    }
}
