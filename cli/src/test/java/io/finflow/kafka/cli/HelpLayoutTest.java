package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's {@code --help} reads well in an 80-column terminal: no line is wider, and descriptions are
 * written as paragraphs that picocli wraps itself, never broken by hand in the middle of a sentence (a hand
 * break leaves ragged lines at any other width).
 */
class HelpLayoutTest {

    private static final int COLUMNS = 80;
    /**
     * A description line that ends a sentence, a list item or a heading, or is empty (a paragraph break); "e.g."
     * and "i.e." end nothing.
     */
    private static final Pattern ENDS_A_THOUGHT = Pattern.compile("(?s)(?!.*\\b(e\\.g|i\\.e)\\.\\s*$).*([.:!?)]|%n)\\s*$"
            + "|^\\s*$");

    @Test
    void everyCommandsHelpFitsInEightyColumns() {
        List<String> tooWide = new ArrayList<>();
        for (CommandLine command : commands(FinflowCommand.commandLine())) {
            String name = command.getCommandSpec().qualifiedName();
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name).isNotBlank();
            help.lines().filter(line -> line.length() > COLUMNS)
                    .forEach(line -> tooWide.add(name + " (" + line.length() + " columns): " + line));
        }
        assertThat(tooWide).as("help lines wider than " + COLUMNS + " columns").isEmpty();
    }

    @Test
    void descriptionsAreParagraphsNotLinesBrokenByHand() {
        List<String> broken = new ArrayList<>();
        for (CommandLine command : commands(FinflowCommand.commandLine())) {
            CommandSpec spec = command.getCommandSpec();
            check(spec.qualifiedName() + " description", spec.usageMessage().description(), broken);
            check(spec.qualifiedName() + " footer", spec.usageMessage().footer(), broken);
            check(spec.qualifiedName() + " header", spec.usageMessage().header(), broken);
            for (ArgSpec arg : spec.args()) {
                check(spec.qualifiedName() + " " + arg.paramLabel(), arg.description(), broken);
            }
        }
        assertThat(broken).as("description lines that end mid-sentence: join them into one string, picocli"
                + " wraps it").isEmpty();
    }

    /**
     * Each element but the last must end a thought (a sentence, a list item, a heading, a blank line) unless it
     * or the next one is indented: indented lines are preformatted (examples, aligned lists) and stay as written.
     */
    private static void check(String where, String[] lines, List<String> broken) {
        for (int i = 0; i < lines.length - 1; i++) {
            String next = lines[i + 1];
            boolean preformatted = lines[i].startsWith(" ") || next.startsWith(" ");
            if (!preformatted && !ENDS_A_THOUGHT.matcher(lines[i]).matches() && !next.isBlank()) {
                broken.add(where + ": \"" + lines[i] + "\" / \"" + lines[i + 1] + "\"");
            }
        }
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub) && !sub.getCommandName().equals("help")) {
                all.addAll(commands(sub));
            }
        }
        return all.stream().distinct().toList();
    }
}
