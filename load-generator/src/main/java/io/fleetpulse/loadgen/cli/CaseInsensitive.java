package io.fleetpulse.loadgen.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** Parses enum option values whatever their case, with a readable error listing the choices. */
public final class CaseInsensitive {

    private CaseInsensitive() {}

    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException(
                "'"
                        + value
                        + "' is not one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .toList());
    }

    /** {@code --anomaly-kinds} values, e.g. {@code harsh_braking}. */
    public static final class AnomalyKindConverter
            implements CommandLine.ITypeConverter<io.fleetpulse.loadgen.anomaly.AnomalyKind> {
        @Override
        public io.fleetpulse.loadgen.anomaly.AnomalyKind convert(String value) {
            return parse(io.fleetpulse.loadgen.anomaly.AnomalyKind.class, value);
        }
    }
}
