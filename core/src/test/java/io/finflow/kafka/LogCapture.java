package io.finflow.kafka;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Keeps the WARN and ERROR events the library logs while it is open, as an operator's log would
 * show them. Events of every thread are kept: filter them by message.
 */
final class LogCapture implements AutoCloseable {

    /** One kept log line. */
    record Line(Level level, String logger, String message, Throwable thrown) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context;

    private LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(),
                        event.getThrown()));
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        config.addAppender(appender);
        config.getLoggerConfig("io.finflow").addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    /** Starts keeping the WARN and ERROR lines of the {@code io.finflow} loggers. */
    static LogCapture start() {
        return new LogCapture();
    }

    /** Lines kept so far at exactly this level whose message contains {@code text}. */
    List<Line> lines(Level level, String text) {
        return lines.stream().filter(l -> l.level() == level && l.message().contains(text)).toList();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getLoggerConfig("io.finflow").removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
