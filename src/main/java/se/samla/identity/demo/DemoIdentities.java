package se.samla.identity.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import se.samla.tenancy.Tenants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The demo identities, from config/demo-idp/identities.yml. */
final class DemoIdentities {

    private final List<DemoIdentity> identities;
    private final Tenants tenants;

    DemoIdentities(Path file, Tenants tenants) {
        this.tenants = tenants;
        try {
            this.identities = List.copyOf(
                    new YAMLMapper().readValue(Files.readString(file), new TypeReference<List<DemoIdentity>>() {}));
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("Cannot read the demo identities in " + file + ": " + e.getMessage(), e);
        }
    }

    List<DemoIdentity> all() {
        return identities;
    }

    Optional<DemoIdentity> byId(String id) {
        return identities.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /**
     * Who may log in through a client: any resident through a resident client; through a staff client, staff of
     * that tenant and staff of a federation that the tenant is a member of.
     */
    List<DemoIdentity> forClient(String clientId) {
        if (clientId == null) {
            return List.of();
        }
        if (clientId.endsWith("-resident")) {
            return identities.stream()
                    .filter(i -> i.kind() == DemoIdentity.Kind.RESIDENT)
                    .toList();
        }
        if (clientId.endsWith("-staff")) {
            String tenant = clientId.substring(0, clientId.length() - "-staff".length());
            return identities.stream()
                    .filter(i -> i.kind() == DemoIdentity.Kind.STAFF
                            && (tenant.equals(i.tenant()) || memberOf(tenant, i.federation())))
                    .toList();
        }
        return List.of();
    }

    private boolean memberOf(String tenant, String federation) {
        return federation != null
                && tenants.federations().stream()
                        .anyMatch(f -> f.slug().equals(federation)
                                && tenants.bySlug(tenant)
                                        .map(t -> f.members().contains(t.id()))
                                        .orElse(false));
    }

    /**
     * The roles the identity is given at a client: all of them at its own municipality's; at another member of its
     * federation, only those on the federation's units (its own municipality's units mean nothing there).
     */
    List<String> rolesFor(DemoIdentity identity, String clientId) {
        List<String> roles = identity.roles() == null ? List.of() : identity.roles();
        if (clientId == null || clientId.equals(identity.tenant() + "-staff") || identity.federation() == null) {
            return roles;
        }
        var federation = tenants.federations().stream()
                .filter(f -> f.slug().equals(identity.federation()))
                .findFirst();
        return roles.stream()
                .filter(role -> federation
                        .map(f -> f.hasUnit(role.substring(role.indexOf(':') + 1)))
                        .orElse(false))
                .toList();
    }
}
