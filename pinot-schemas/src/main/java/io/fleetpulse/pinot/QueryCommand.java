package io.fleetpulse.pinot;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleet query "<SQL>"} runs any SQL on the Pinot broker and prints a table with the query
 * time; {@code fleet query --named NAME [--param k=v]…} runs one of the library's analyst queries
 * ({@link NamedQueries}); {@code --list} shows them. Exit codes: 0 ok, 1 Pinot error (its message
 * on stderr: bad SQL, unknown table, broker unreachable), 2 usage error.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Run SQL, or a named analyst query, on the Pinot broker.")
public final class QueryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The SQL to run.")
    String sql;

    @Option(names = "--named", paramLabel = "NAME", description = "Run a named query (see --list).")
    String named;

    @Option(
            names = {"-p", "--param"},
            paramLabel = "NAME=VALUE",
            description = "A parameter of the named query (times: now, -24h, ISO-8601, epoch ms).")
    List<String> params = new ArrayList<>();

    @Option(names = "--list", description = "List the named queries and their parameters.")
    boolean list;

    @Option(names = "--show-sql", description = "Print the SQL before running it.")
    boolean showSql;

    @Option(
            names = "--broker",
            description = "Pinot broker URL (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:fleet.pinot.broker:-http://127.0.0.1:18099}")
    String broker;

    @Option(
            names = "--timeout",
            description = "Seconds to wait for the answer (default: ${DEFAULT-VALUE}).",
            defaultValue = "30")
    int timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (list) {
                listQueries(out);
                return 0;
            }
            String statement = statement();
            if (showSql) {
                out.println(statement);
                out.println();
            }
            QueryResult result =
                    new PinotBrokerClient(broker, Duration.ofSeconds(timeoutSeconds))
                            .query(statement);
            ResultPrinter.print(result, out);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("fleet query: " + e.getMessage());
            return 2;
        } catch (PinotException e) {
            err.println("fleet query: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private String statement() {
        if ((sql == null) == (named == null)) {
            throw new IllegalArgumentException("give either SQL or --named NAME (see --help)");
        }
        if (sql != null) {
            if (!params.isEmpty()) {
                throw new IllegalArgumentException("--param applies to --named queries only");
            }
            return sql;
        }
        Optional<NamedQuery> query = NamedQueries.find(named);
        if (query.isEmpty()) {
            throw new IllegalArgumentException(
                    "no named query '"
                            + named
                            + "'; known: "
                            + NamedQueries.all().stream().map(NamedQuery::name).toList());
        }
        return query.get().render(NamedQueries.parseAssignments(params), Instant.now());
    }

    private static void listQueries(PrintWriter out) {
        for (NamedQuery q : NamedQueries.all()) {
            out.println(q.name() + ": " + q.description());
            for (QueryParam p : q.params()) {
                out.printf(
                        "    %s (%s, %s): %s%n",
                        p.name(),
                        p.type().name().toLowerCase(java.util.Locale.ROOT),
                        p.required() ? "required" : "default " + p.defaultValue(),
                        p.description());
            }
        }
    }

    /** Runs the command on its own. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryCommand()).execute(args));
    }
}
