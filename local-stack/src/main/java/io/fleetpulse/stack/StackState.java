package io.fleetpulse.stack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes the local stack started, persisted as {@code work/stack/stack.json} so {@code fleet
 * down} and {@code fleet status} can find them from another JVM. Written atomically (temp file and
 * rename) after every change so a crash midway never leaves a half-written file.
 *
 * @param workDir the work directory the stack belongs to
 * @param components the recorded processes, in start order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StackState(String workDir, List<ComponentState> components) {

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build();

    public StackState {
        components = List.copyOf(components);
    }

    public static StackState empty(StackLayout layout) {
        return new StackState(layout.workDir().toString(), List.of());
    }

    /** The recorded state, or an empty one when there is no (readable) state file. */
    public static StackState load(StackLayout layout) {
        Path file = layout.stateFile();
        if (!Files.exists(file)) {
            return empty(layout);
        }
        try {
            StackState s = JSON.readValue(file.toFile(), StackState.class);
            return s.components() == null ? empty(layout) : s;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + file + " (delete it if no stack is running)", e);
        }
    }

    /** Writes this state to the layout's state file. */
    public void save(StackLayout layout) {
        Path file = layout.stateFile();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes the state file, if any. */
    public static void delete(StackLayout layout) {
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + layout.stateFile(), e);
        }
    }

    public Optional<ComponentState> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A copy with {@code c} added, replacing any component of the same name. */
    public StackState with(ComponentState c) {
        List<ComponentState> list = new ArrayList<>(components);
        list.removeIf(x -> x.name().equals(c.name()));
        list.add(c);
        return new StackState(workDir, list);
    }

    /** A copy without the component named {@code name}. */
    public StackState without(String name) {
        List<ComponentState> list = new ArrayList<>(components);
        list.removeIf(x -> x.name().equals(name));
        return new StackState(workDir, list);
    }
}
