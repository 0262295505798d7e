package se.samla.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** A refusal the server sent keeps its connection; anything else HikariCP judges as before. */
class ServerRefusalKeepsConnectionTest {

    final ServerRefusalKeepsConnection rule = new ServerRefusalKeepsConnection();

    @Test
    void aFeatureTheServerRefusedKeepsTheConnection() {
        var refused = new PSQLException(
                new ServerErrorMessage("SERROR\0C0A000\0Mmodifying the partition value of rows is not allowed\0"));
        assertThat(rule.adjudicate(refused)).isEqualTo(Override.DO_NOT_EVICT);
    }

    @Test
    void aBrokenConnectionOrAnotherErrorIsLeftToHikari() {
        assertThat(rule.adjudicate(new SQLException("driver says so", "0A000"))).isEqualTo(Override.CONTINUE_EVICT);
        assertThat(rule.adjudicate(new SQLException("connection reset", "08006")))
                .isEqualTo(Override.CONTINUE_EVICT);
        var other = new PSQLException(new ServerErrorMessage("SERROR\0C23505\0Mduplicate key\0"));
        assertThat(rule.adjudicate(other)).isEqualTo(Override.CONTINUE_EVICT);
    }
}
