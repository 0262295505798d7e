package se.samla.identity;

/**
 * What the population register says of a person that Samla must respect: whether their identity is
 * protected (sekretessmarkering or skyddad folkbokföring). The register (Skatteverket's Navet) lies outside
 * this machine; {@link LocalPopulationRegister} stands in for it.
 */
public interface PopulationRegister {

    /** @param personalIdentityNumber twelve digits */
    boolean hasProtectedIdentity(String personalIdentityNumber);
}
