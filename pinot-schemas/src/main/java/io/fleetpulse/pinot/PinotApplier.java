package io.fleetpulse.pinot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates or updates FleetPulse's schemas and REALTIME tables through the controller's REST API,
 * idempotently: each config is first validated by Pinot (which also returns it in the normalised
 * form Pinot stores), then compared with what Pinot has; only a missing config is created and only
 * a different one updated. Applying the same configs twice changes nothing the second time.
 *
 * <p>A schema is applied before its table (Pinot validates a table against its schema). A config
 * with a property Pinot does not recognise is refused rather than silently ignored.
 */
public final class PinotApplier {

    private static final int MAX_REPORTED_DIFFERENCES = 5;

    private final PinotControllerClient controller;

    public PinotApplier(PinotControllerClient controller) {
        this.controller = controller;
    }

    /**
     * Applies every table (schema, then table config) in order.
     *
     * @param dryRun validate and compare only; report what would change
     * @throws PinotException with Pinot's message when Pinot refuses a config
     */
    public List<ApplyResult> apply(List<PinotTable> tables, boolean dryRun) {
        List<ApplyResult> out = new ArrayList<>();
        for (PinotTable table : tables) {
            out.add(applySchema(table, dryRun));
            out.add(applyTable(table, dryRun));
        }
        return out;
    }

    private ApplyResult applySchema(PinotTable table, boolean dryRun) {
        ObjectNode desired = controller.validateSchema(table.schemaJson());
        Optional<ObjectNode> actual = controller.schema(table.name());
        if (actual.isEmpty()) {
            if (!dryRun) {
                controller.createSchema(table.schemaJson());
            }
            return result("schema", table, ApplyResult.Action.CREATED, List.of());
        }
        if (actual.get().equals(desired)) {
            return result("schema", table, ApplyResult.Action.UNCHANGED, List.of());
        }
        if (!dryRun) {
            controller.updateSchema(table.schemaJson());
        }
        return result(
                "schema",
                table,
                ApplyResult.Action.UPDATED,
                JsonDiff.paths(actual.get(), desired, MAX_REPORTED_DIFFERENCES));
    }

    private ApplyResult applyTable(PinotTable table, boolean dryRun) {
        Optional<ObjectNode> actual = controller.realtimeTable(table.name());
        if (actual.isEmpty()) {
            if (dryRun) {
                // Pinot validates a table against its schema, which a dry run has not created.
                return result("table", table, ApplyResult.Action.CREATED, List.of());
            }
            controller.validateRealtimeTable(table.tableConfigJson());
            controller.createTable(table.tableConfigJson());
            return result("table", table, ApplyResult.Action.CREATED, List.of());
        }
        ObjectNode desired = controller.validateRealtimeTable(table.tableConfigJson());
        if (actual.get().equals(desired)) {
            return result("table", table, ApplyResult.Action.UNCHANGED, List.of());
        }
        if (!dryRun) {
            controller.updateTable(table.tableConfigJson());
        }
        return result(
                "table",
                table,
                ApplyResult.Action.UPDATED,
                JsonDiff.paths(actual.get(), desired, MAX_REPORTED_DIFFERENCES));
    }

    private static ApplyResult result(
            String kind, PinotTable table, ApplyResult.Action action, List<String> diffs) {
        return new ApplyResult(kind, table.name(), action, diffs);
    }
}
