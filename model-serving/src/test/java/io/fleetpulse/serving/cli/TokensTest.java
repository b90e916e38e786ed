package io.fleetpulse.serving.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.serving.ServingSettings;
import io.fleetpulse.serving.http.BearerAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

    @TempDir Path dir;

    @Test
    void tokensComeFromFilesAndTheEnvironment() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# ops\nalpha-1\n\n  beta-2  \n");
        assertThat(Tokens.load(List.of(file), " gamma-3, ,delta-4"))
                .containsExactly("alpha-1", "beta-2", "gamma-3", "delta-4");
        assertThat(Tokens.load(List.of(), null)).isEmpty();
    }

    @Test
    void aGeneratedTokenIsOwnerOnlyAndStable() throws Exception {
        String first = Tokens.generated(dir.resolve("state"));
        Path file = dir.resolve("state").resolve(Tokens.GENERATED_FILE);
        assertThat(first).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Tokens.generated(dir.resolve("state"))).isEqualTo(first);
    }

    @Test
    void settingsNeverPrintATokenAndBadTokensAreRefused() {
        ServingSettings s =
                ServingSettings.defaults(null, dir, new BearerAuth(List.of("s3cret-token")));
        assertThat(s.toString()).doesNotContain("s3cret").contains("1 token(s)");
        assertThatThrownBy(() -> new BearerAuth(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new BearerAuth(List.of("with space")))
                .hasMessageContaining("whitespace");
    }
}
