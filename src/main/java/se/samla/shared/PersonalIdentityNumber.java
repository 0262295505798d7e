package se.samla.shared;

import java.time.Clock;

/** A personnummer. Construct with {@link #parse}; the record holds the checked twelve digits. */
public record PersonalIdentityNumber(String digits) implements PersonIdentifier {

    public PersonalIdentityNumber {
        if (digits == null || !digits.matches("\\d{12}") || Integer.parseInt(digits.substring(6, 8)) > 60) {
            throw new IllegalArgumentException("use PersonalIdentityNumber.parse for unchecked input");
        }
    }

    public static PersonalIdentityNumber parse(String text) {
        return PersonIdentifier.requirePersonal(PersonIdentifier.parse(text));
    }

    public static PersonalIdentityNumber parse(String text, Clock clock) {
        return PersonIdentifier.requirePersonal(PersonIdentifier.parse(text, clock));
    }

    @Override
    public String toString() {
        return masked();
    }
}
