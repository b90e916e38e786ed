package io.fleetpulse.flink.validate;

import java.util.Map;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/** A test environment whose operator metric group keeps every metric an operator registers. */
final class OperatorMetrics {

    private final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

    /** The metrics the operator registered, by name. */
    InterceptingOperatorMetricGroup operator() {
        return operator;
    }

    /** A mock task environment that hands {@link #operator()} to the operator under test. */
    MockEnvironment environment() {
        InterceptingTaskMetricGroup task =
                new InterceptingTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(String name) {
                        return operator;
                    }

                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(
                            OperatorID id, String name, Map<String, String> variables) {
                        return operator;
                    }
                };
        return new MockEnvironmentBuilder().setMetricGroup(task).build();
    }
}
