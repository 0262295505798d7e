package se.samla.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Identifies one federation (kommunalförbund or shared service) of member municipalities. */
public record FederationId(UUID value) implements Serializable {

    public FederationId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
