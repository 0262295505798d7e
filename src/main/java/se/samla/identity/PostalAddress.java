package se.samla.identity;

/** Where the population register says a person's paper post goes. */
public record PostalAddress(String name, String street, String postalCode, String city) {}
