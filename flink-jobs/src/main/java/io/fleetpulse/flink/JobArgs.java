package io.fleetpulse.flink;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Parses a job's command line ({@code --<option key> VALUE}, plus boolean flags) into a Flink
 * {@link Configuration}, accepting only the keys declared as {@link ConfigOption} constants of the
 * job's options class, and checking every value parses as its option's type.
 */
public final class JobArgs {

    private JobArgs() {}

    /** The declared options of {@code optionsClass}, by key. */
    public static Map<String, ConfigOption<?>> declared(Class<?> optionsClass) {
        Map<String, ConfigOption<?>> out = new LinkedHashMap<>();
        for (Field f : optionsClass.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    out.put(o.key(), o);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /**
     * @param flags names of value-less flags (e.g. {@code --local}) put into the result as {@code
     *     true} under their own name
     * @throws IllegalArgumentException naming the offending argument
     */
    public static Configuration parse(String[] args, Class<?> optionsClass, String... flags) {
        Map<String, ConfigOption<?>> known = declared(optionsClass);
        Configuration config = new Configuration();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (java.util.Arrays.asList(flags).contains(name)) {
                config.setString(name, value == null ? "true" : value);
                continue;
            }
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException(
                        "unknown option --" + name + "; known: " + known.keySet());
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for --" + name);
                }
                value = args[++i];
            }
            config.setString(name, value);
        }
        for (ConfigOption<?> option : known.values()) {
            try {
                config.get(option);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "bad value for --" + option.key() + ": " + e.getMessage(), e);
            }
        }
        return config;
    }
}
