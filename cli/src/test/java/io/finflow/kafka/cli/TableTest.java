package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAlignTextLeftNumbersRightAndMissingValuesAsDash() {
        Table t = new Table("TOPIC", "PARTITION", "LAG", "OWNER");
        t.row("payments", 0, 1234L, null);
        t.row("ledger-events", 11, null, "c-1");
        assertThat(t.lines()).containsExactly(
                "TOPIC          PARTITION   LAG  OWNER",
                "payments               0  1234  -",
                "ledger-events         11     -  c-1");
    }

    @Test
    void aColumnWithoutNumbersIsText() {
        Table t = new Table("A", "NOTE");
        t.row("x", null);
        assertThat(t.lines()).containsExactly("A  NOTE", "x  -");
    }

    @Test
    void newlinesInCellsBecomeSpacesAndRowWidthIsChecked() {
        Table t = new Table("A");
        t.row("two\nlines");
        assertThat(t.lines()).containsExactly("A", "two lines");
        assertThatThrownBy(() -> t.row("a", "b")).hasMessage("a row needs 1 cells, got 2");
    }
}
