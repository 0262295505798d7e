package se.samla.reports;

import java.util.List;
import se.samla.shared.TenantId;

/**
 * Finds places by address. In production this is the national address register (Lantmäteriet's
 * belägenhetsadresser) or the municipality's own; lying outside this machine, it stands behind this
 * interface, and {@link LocalAddressRegister} answers from the tenant's addresses.csv.
 */
interface Geocoder {

    record Found(String address, Position position) {}

    /** The addresses that match what was typed, best first; empty when none does. */
    List<Found> find(TenantId tenant, String typed);
}
