package se.samla.identity;

/**
 * What the population register says of a person that Samla must respect: whether their identity is
 * protected (sekretessmarkering or skyddad folkbokföring), where their paper post goes, and who is guardian of a child. The register (Skatteverket's Navet) lies outside
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

    /**
     * The child's guardians (vårdnadshavare), by personal identity number, as the register says now; empty when it
     * names none.
     *
     * @param childPersonalIdentityNumber twelve digits
     */
    java.util.List<String> guardiansOf(String childPersonalIdentityNumber);

    /**
     * The children the person is guardian of, by personal identity number.
     *
     * @param guardianPersonalIdentityNumber twelve digits
     */
    java.util.List<String> childrenOf(String guardianPersonalIdentityNumber);

    /** The person's name as the register gives it, when it gives one (never for a protected identity). */
    default java.util.Optional<String> name(String personalIdentityNumber) {
        return postalAddress(personalIdentityNumber).map(PostalAddress::name);
    }
}
