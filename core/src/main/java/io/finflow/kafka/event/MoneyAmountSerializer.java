package io.finflow.kafka.event;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a money amount as a JSON string in plain notation with its scale kept: {@code 100.50} becomes
 * {@code "100.50"}, {@code 1E+3} becomes {@code "1000"}. A string, so that no reader in any language parses the
 * amount through a binary floating point number.
 */
final class MoneyAmountSerializer extends StdSerializer<BigDecimal> {

    private static final long serialVersionUID = 1L;

    MoneyAmountSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.toPlainString());
    }
}
