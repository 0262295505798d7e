package se.samla.shared;

import java.time.Clock;

/** A samordningsnummer: like a personnummer, with 60 added to the day. */
public record CoordinationNumber(String digits) implements PersonIdentifier {

    public CoordinationNumber {
        if (digits == null || !digits.matches("\\d{12}") || Integer.parseInt(digits.substring(6, 8)) <= 60) {
            throw new IllegalArgumentException("use CoordinationNumber.parse for unchecked input");
        }
    }

    public static CoordinationNumber parse(String text) {
        return PersonIdentifier.requireCoordination(PersonIdentifier.parse(text));
    }

    public static CoordinationNumber parse(String text, Clock clock) {
        return PersonIdentifier.requireCoordination(PersonIdentifier.parse(text, clock));
    }

    @Override
    public String toString() {
        return masked();
    }
}
