package io.fleetpulse.embedded.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Failure logs map to a reason a user can act on. */
class StartupDiagnosisTest {

    @Test
    void aBindErrorIsAPortTaken() {
        StartupDiagnosis.Finding f =
                StartupDiagnosis.diagnose(
                        PinotNode.BROKER,
                        "INFO starting\njava.net.BindException: Address already in use\n\tat sun.nio.ch.Net.bind0(Native Method)");

        assertThat(f.reason()).isEqualTo(PinotStartException.Reason.PORT_TAKEN);
        assertThat(f.explanation())
                .contains("the Pinot broker could not bind its port")
                .contains("Address already in use");
    }

    @Test
    void heapExhaustionAndAnUnreservableHeapAreOutOfMemory() {
        assertThat(
                        StartupDiagnosis.diagnose(
                                        PinotNode.SERVER,
                                        "Terminating due to java.lang.OutOfMemoryError: Java heap space")
                                .reason())
                .isEqualTo(PinotStartException.Reason.OUT_OF_MEMORY);
        assertThat(
                        StartupDiagnosis.diagnose(
                                        PinotNode.SERVER,
                                        "Error occurred during initialization of VM\nCould not reserve enough space for object heap")
                                .reason())
                .isEqualTo(PinotStartException.Reason.OUT_OF_MEMORY);
    }

    @Test
    void anInaccessibleModuleIsAMissingJavaOptionNamingTheOptions() {
        StartupDiagnosis.Finding f =
                StartupDiagnosis.diagnose(
                        PinotNode.CONTROLLER,
                        "java.lang.reflect.InaccessibleObjectException: Unable to make field accessible: "
                                + "module java.base does not \"opens java.nio\" to unnamed module");

        assertThat(f.reason()).isEqualTo(PinotStartException.Reason.MISSING_JAVA_OPTION);
        assertThat(f.explanation()).contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
    }

    @Test
    void otherwiseTheLastErrorLineIsReported() {
        StartupDiagnosis.Finding f =
                StartupDiagnosis.diagnose(
                        PinotNode.SERVER,
                        "INFO a\nERROR first problem\nWARN meh\nERROR [X] the last problem\n\tat a.b.C(C.java:1)");

        assertThat(f.reason()).isEqualTo(PinotStartException.Reason.EXITED);
        assertThat(f.explanation()).endsWith("ERROR [X] the last problem");
    }
}
