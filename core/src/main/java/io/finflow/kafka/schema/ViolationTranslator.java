package io.finflow.kafka.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/**
 * Turns the validator's errors into {@link Violation}s with the property's pointer and a reason written for people.
 *
 * <p>A schema may give its own reason for a keyword with the {@code errorMessage} annotation next to it (the
 * ajv-errors convention, ignored by validators that do not know it), e.g.
 * {@code "errorMessage": {"pattern": "is not an ISO 4217 currency code"}}; the reason then reads
 * {@code "'EURO' is not an ISO 4217 currency code"}. Stateless and thread-safe.
 */
final class ViolationTranslator {

    /** Name of the annotation holding per-keyword reasons. */
    static final String ERROR_MESSAGE = "errorMessage";

    private static final int MAX_VALUE_CHARS = 60;

    /** A violation and the keyword that produced it, so the registry can drop a less precise duplicate. */
    record Finding(Violation violation, String keyword) {
    }

    private ViolationTranslator() {
    }

    static List<Finding> translate(List<Error> errors, JsonNode schemaDocument) {
        List<Finding> findings = new ArrayList<>(errors.size());
        for (Error error : errors) {
            try {
                findings.add(translate(error, schemaDocument));
            } catch (RuntimeException unexpectedShape) {
                // A schema shape this translator does not expect must not hide the violation itself.
                String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
                findings.add(new Finding(new Violation(location, error.getMessage()), String.valueOf(
                        error.getKeyword())));
            }
        }
        return findings;
    }

    private static Finding translate(Error error, JsonNode document) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        JsonNode value = error.getInstanceNode();
        JsonNode constraint = error.getSchemaNode();
        String custom = customReason(error, document, keyword);
        String pointer = location;
        String reason;
        switch (keyword) {
            case "required" -> {
                pointer = child(location, error.getProperty());
                reason = custom != null ? custom : "is required";
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                pointer = child(location, error.getProperty());
                reason = custom != null ? custom : "is not a property this schema allows (misspelled, or too new for"
                        + " this schema version?)";
            }
            case "propertyNames" -> {
                pointer = child(location, error.getProperty());
                String pattern = constraint == null ? null : constraint.path("pattern").textValue();
                reason = custom != null ? custom : "is not an allowed name here" + (pattern == null ? ""
                        : " (names must match " + pattern + ")");
            }
            case "type" -> reason = "must be " + expectedTypes(constraint) + ", was " + describe(value);
            case "enum" -> reason = quote(value) + " is not one of: " + StreamSupport.stream(
                    constraint.spliterator(), false).map(ViolationTranslator::plain).collect(Collectors.joining(", "));
            case "const" -> reason = "must be " + constraint + ", was " + quote(value);
            case "pattern" -> reason = custom != null ? quote(value) + " " + custom
                    : quote(value) + " does not match the pattern " + constraint.asText();
            case "format" -> reason = custom != null ? quote(value) + " " + custom
                    : quote(value) + " is not " + formatName(constraint.asText());
            case "maxLength" -> reason = "must be at most " + constraint.asText() + " characters, was "
                    + length(value);
            case "minLength" -> reason = "must be at least " + constraint.asText() + " characters, was "
                    + (length(value) == 0 ? "empty" : String.valueOf(length(value)));
            case "maxItems" -> reason = "must have at most " + constraint.asText() + " items, has " + value.size();
            case "minItems" -> reason = "must have at least " + constraint.asText() + " items, has " + value.size();
            case "uniqueItems" -> reason = "must not repeat an item";
            case "maxProperties" -> reason = "must have at most " + constraint.asText() + " entries, has "
                    + value.size();
            case "minProperties" -> reason = "must have at least " + constraint.asText() + " entries, has "
                    + value.size();
            case "minimum" -> reason = "must be >= " + constraint.asText() + ", was " + plain(value);
            case "exclusiveMinimum" -> reason = "must be > " + constraint.asText() + ", was " + plain(value);
            case "maximum" -> reason = "must be <= " + constraint.asText() + ", was " + plain(value);
            case "exclusiveMaximum" -> reason = "must be < " + constraint.asText() + ", was " + plain(value);
            case "multipleOf" -> reason = "must be a multiple of " + constraint.asText() + ", was " + plain(value);
            default -> reason = custom != null ? custom : error.getMessage();
        }
        return new Finding(new Violation(pointer, reason), keyword);
    }

    /** The {@code errorMessage} annotation for this keyword in the schema object that holds the keyword. */
    private static String customReason(Error error, JsonNode document, String keyword) {
        if (error.getSchemaLocation() == null || document == null) {
            return null;
        }
        NodePath keywordPath = error.getSchemaLocation().getFragment();
        if (keywordPath == null || keywordPath.getNameCount() == 0) {
            return null;
        }
        StringBuilder parent = new StringBuilder();
        for (int i = 0; i < keywordPath.getNameCount() - 1; i++) {
            parent.append('/').append(escape(String.valueOf(keywordPath.getElement(i))));
        }
        JsonNode message = document.at(JsonPointer.compile(parent.toString())).path(ERROR_MESSAGE);
        if (message.isTextual()) {
            return message.asText();
        }
        return message.path(keyword).textValue();
    }

    private static String child(String location, String property) {
        return property == null ? location : location + "/" + escape(property);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String expectedTypes(JsonNode constraint) {
        if (constraint == null) {
            return "of another type";
        }
        if (!constraint.isArray()) {
            return article(constraint.asText());
        }
        List<String> names = new ArrayList<>();
        constraint.forEach(t -> names.add(article(t.asText())));
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        return switch (value.getNodeType()) {
            case STRING -> "a string (" + quote(value) + ")";
            case NUMBER -> "a number (" + plain(value) + ")";
            case BOOLEAN -> "a boolean (" + value.asText() + ")";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String formatName(String format) {
        return switch (format) {
            case "uuid" -> "a UUID such as \"3f2b8c1e-5d7a-4c2e-9b1f-0a6d4e8c2b71\"";
            case "date-time" -> "an RFC 3339 date-time such as \"2025-03-14T09:26:53.589Z\"";
            case "date" -> "an RFC 3339 date such as \"2025-03-14\"";
            case "email" -> "an email address";
            case "uri" -> "an absolute URI";
            default -> "a valid " + format;
        };
    }

    private static int length(JsonNode value) {
        return value == null || !value.isTextual() ? 0 : value.asText().codePointCount(0, value.asText().length());
    }

    /** A value as it reads in a message: strings quoted with {@code '} and shortened, others as JSON. */
    private static String quote(JsonNode value) {
        if (value == null) {
            return "the value";
        }
        if (value.isTextual()) {
            return "'" + abbreviate(value.asText()) + "'";
        }
        return abbreviate(value.toString());
    }

    private static String plain(JsonNode value) {
        if (value == null) {
            return "?";
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toString();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
