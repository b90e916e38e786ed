package io.fleetpulse.serving.alerts;

import io.fleetpulse.avro.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * An {@link Alert} as plain maps and lists with the Avro field names (nested records and arrays
 * included), ready for JSON. Walks the schema, so a field added to Alert appears without a change
 * here.
 */
final class AlertJson {

    private AlertJson() {}

    static Map<String, Object> of(Alert a) {
        return record(a);
    }

    private static Map<String, Object> record(GenericRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field f : r.getSchema().getFields()) {
            out.put(f.name(), value(r.get(f.pos())));
        }
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof GenericRecord g) {
            return record(g);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(value(x)));
            return out;
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
            return d.toString();
        }
        return v;
    }
}
