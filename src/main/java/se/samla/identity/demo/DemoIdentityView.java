package se.samla.identity.demo;

/** What the demo login page shows of an identity. */
public record DemoIdentityView(String id, String name, String detail) {

    static DemoIdentityView of(DemoIdentity identity) {
        String detail = identity.kind() == DemoIdentity.Kind.RESIDENT
                ? (identity.personalIdentityNumber() == null ? "" : identity.personalIdentityNumber() + " · ")
                        + (identity.note() == null ? "" : identity.note())
                : String.join(", ", identity.roles() == null ? java.util.List.of() : identity.roles());
        return new DemoIdentityView(identity.id(), identity.name(), detail.replaceAll(" · $", ""));
    }
}
