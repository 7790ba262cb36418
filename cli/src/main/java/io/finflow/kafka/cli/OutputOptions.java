package io.finflow.kafka.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Option;

/**
 * {@code --output table|json}, shared by every command that prints results: aligned tables for people
 * (the default), JSON for scripts.
 */
public final class OutputOptions {

    /** Output formats. */
    public enum Format {
        /** Aligned columns for people. */
        table,
        /** JSON for scripts: one document, or one object per line for streams ({@code tail}). */
        json
    }

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "Output format: table (default, for people) or json (for scripts).")
    Format format = Format.table;

    /** True when JSON was asked for. */
    public boolean json() {
        return format == Format.json;
    }

    /** Prints {@code value} as indented JSON. */
    void printJson(PrintWriter out, Object value) {
        out.println(Json.pretty(value));
        out.flush();
    }
}
