package se.samla.identity.demo;

/** What the demo provider's sign page shows: the sign message, who signs, and what to send back when they do. */
public record DemoSignView(String clientId, String state, String message, String signer, String scope) {}
