package dev.todolist.backup.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the command line as a script sees it: exit code, stdout, stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackupCli.execute(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** stderr is exactly one line. */
    boolean oneErrorLine() {
        return err.endsWith(System.lineSeparator()) && err.strip().lines().count() == 1;
    }
}
