package se.samla.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Identifies one municipality (tenant). */
public record TenantId(UUID value) implements Serializable {

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
