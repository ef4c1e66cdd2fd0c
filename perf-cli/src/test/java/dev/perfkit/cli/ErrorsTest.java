package dev.perfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cli.assets.AssetsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorsTest {
    private final StringWriter err = new StringWriter();

    private CommandLine command() {
        CommandLine cmd = new CommandLine(new AssetsCommand());
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    @Test
    void aCliExceptionEndsWithItsOwnCodeAndOneLine() {
        CommandLine cmd = command();
        int code = Errors.failed(new CliException(Exit.BAD_INPUT, "cannot connect:\n  refused"), cmd, cmd.parseArgs());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("perfkit: cannot connect: refused" + System.lineSeparator());
    }

    @Test
    void anUnexpectedFailureIsAProblemFoundNamedOnOneLine() {
        CommandLine cmd = command();
        int code = Errors.failed(new IllegalStateException("boom\nsecond line"), cmd, cmd.parseArgs());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("perfkit: assets failed: java.lang.IllegalStateException: boom second line"
                        + System.lineSeparator());
    }

    @Test
    void aCliExceptionTakesOnlyTheSharedProblemCodes() {
        assertThatThrownBy(() -> new CliException(0, "fine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exitCode must be 1 or 2, but was 0");
        assertThatThrownBy(() -> new CliException(3, "x")).hasMessage("exitCode must be 1 or 2, but was 3");
    }
}
