package se.samla.identity;

/**
 * What the population register says of a person that Samla must respect: whether their identity is
 * protected (sekretessmarkering or skyddad folkbokföring), and where their paper post goes. The register (Skatteverket's Navet) lies outside
 * this machine; {@link LocalPopulationRegister} stands in for it.
 */
public interface PopulationRegister {

    /** @param personalIdentityNumber twelve digits */
    boolean hasProtectedIdentity(String personalIdentityNumber);

    /**
     * The person's postal address; empty when the register has none to give, which includes everyone with a
     * protected identity (their post goes through Skatteverket).
     *
     * @param personalIdentityNumber twelve digits
     */
    java.util.Optional<PostalAddress> postalAddress(String personalIdentityNumber);
}
