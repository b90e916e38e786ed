package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The paths where two JSON documents differ, for reporting what an update changes. */
final class JsonDiff {

    private JsonDiff() {}

    /** Up to {@code limit} dotted paths at which {@code a} and {@code b} differ. */
    static List<String> paths(JsonNode a, JsonNode b, int limit) {
        List<String> out = new ArrayList<>();
        walk("", a, b, out, limit);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out, int limit) {
        if (out.size() >= limit || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (Iterator<String> it = keys.iterator(); it.hasNext() && out.size() < limit; ) {
                String key = it.next();
                walk(path.isEmpty() ? key : path + "." + key, a.path(key), b.path(key), out, limit);
            }
            return;
        }
        out.add(path.isEmpty() ? "(document)" : path);
    }
}
