package se.samla.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import se.samla.identity.SignedInUser;
import se.samla.identity.StaffDirectory;
import se.samla.platform.TenantTransactions;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantId;
import se.samla.tenancy.Federation;
import se.samla.tenancy.Tenants;

/**
 * One workbench over several municipalities for staff of a federation's units: the queue of the municipality they
 * logged in at, as ever, and for each other member their units serve, the same queue read in a federation
 * transaction, where PostgreSQL shows only that member's cases of the federation's units and allows no write.
 * The pages are merged newest first; each case stays its municipality's.
 */
@Service
class FederationQueues {

    /** A case of the merged queue, with the municipality it belongs to. */
    record MemberCase(TenantId tenant, StoredCase stored, String assignee) {}

    record Page(List<MemberCase> cases, long total, boolean moreThanTotal, int page) {}

    private final Workbench workbench;
    private final StaffAccess access;
    private final StaffDirectory directory;
    private final Tenants tenants;
    private final TenantTransactions transactions;

    FederationQueues(
            Workbench workbench,
            StaffAccess access,
            StaffDirectory directory,
            Tenants tenants,
            TenantTransactions transactions) {
        this.workbench = workbench;
        this.access = access;
        this.directory = directory;
        this.tenants = tenants;
        this.transactions = transactions;
    }

    /**
     * The unit codes of federations, per other member, that the staff member's roles reach there: only roles on codes
     * that are that federation's units where they logged in.
     */
    Map<TenantId, Map<Federation, List<String>>> reach(SignedInUser.Staff staff) {
        Map<TenantId, Map<Federation, List<String>>> reach = new HashMap<>();
        for (TenantId member : staff.federationStaffIds().keySet()) {
            for (Federation federation : tenants.federations()) {
                if (!federation.members().contains(staff.tenantId())) {
                    continue;
                }
                var ours = staff.workingUnits().stream()
                        .filter(code -> tenants.federationOf(staff.tenantId(), code)
                                .filter(f -> f.id().equals(federation.id()))
                                .isPresent())
                        .collect(java.util.stream.Collectors.toSet());
                List<String> units = federation.unitsServing(member, tenants.unitsReachedFrom(member, ours));
                if (!units.isEmpty()) {
                    reach.computeIfAbsent(member, m -> new HashMap<>()).put(federation, units);
                }
            }
        }
        return reach;
    }

    /** The filtered queue over the staff member's own municipality and every member their federation units serve. */
    Page find(SignedInUser.Staff staff, Workbench.Filter filter) {
        // no page beyond what the count shows: a deep page would read every member's rows up to it
        int page = Math.min(Math.max(0, filter.page()), Workbench.COUNT_LIMIT / filter.pageSize());
        TenantId home = CurrentTenant.require();
        var reach = reach(staff);
        if (reach.isEmpty()) {
            Workbench.Page own = workbench.find(filter);
            return new Page(
                    own.cases().stream()
                            .map(c -> new MemberCase(home, c, name(c.assignedTo())))
                            .toList(),
                    own.total(),
                    own.totalIsAtLeast(),
                    own.page());
        }
        // every part gives all it has up to the end of the asked page; the merge then cuts the page out
        int wanted = (page + 1) * filter.pageSize();
        List<MemberCase> merged = new ArrayList<>();
        long total = 0;
        boolean more = false;
        Workbench.Page own =
                workbench.find(part(filter, access.units(staff), staff.staffId(), wanted, Workbench.COUNT_LIMIT));
        total += own.total();
        more |= own.totalIsAtLeast();
        own.cases().forEach(c -> merged.add(new MemberCase(home, c, name(c.assignedTo()))));
        for (var member : reach.entrySet()) {
            UUID me = staff.federationStaffIds().get(member.getKey());
            for (var federation : member.getValue().entrySet()) {
                // once the count passed what the page shows ("more than 10,000"), the rest only need their rows
                int countLeft = (int) Math.max(0, Workbench.COUNT_LIMIT - total);
                Workbench.Page theirs = transactions.readForFederation(
                        federation.getKey().id(),
                        member.getKey(),
                        () -> workbench.find(part(filter, federation.getValue(), me, wanted, countLeft)));
                total += theirs.total();
                more |= theirs.totalIsAtLeast();
                Map<UUID, String> names = theirs.cases().stream().allMatch(c -> c.assignedTo() == null)
                        ? Map.of()
                        : transactions.read(member.getKey(), () -> {
                            Map<UUID, String> found = new HashMap<>();
                            theirs.cases().stream()
                                    .map(StoredCase::assignedTo)
                                    .filter(Objects::nonNull)
                                    .distinct()
                                    .forEach(id ->
                                            found.put(id, directory.name(id).orElse("")));
                            return found;
                        });
                theirs.cases()
                        .forEach(c -> merged.add(new MemberCase(
                                member.getKey(),
                                c,
                                c.assignedTo() == null ? "" : names.getOrDefault(c.assignedTo(), ""))));
            }
        }
        merged.sort(Comparator.comparing((MemberCase m) -> m.stored().submittedAt())
                .reversed()
                .thenComparing(m -> m.stored().id()));
        int from = Math.min(merged.size(), page * filter.pageSize());
        List<MemberCase> cut = merged.subList(from, Math.min(merged.size(), from + filter.pageSize()));
        return new Page(List.copyOf(cut), total, more || total > Workbench.COUNT_LIMIT, page);
    }

    private String name(UUID staffId) {
        return staffId == null ? "" : directory.name(staffId).orElse("");
    }

    private static Workbench.Filter part(Workbench.Filter f, List<String> units, UUID me, int wanted, int countLimit) {
        return new Workbench.Filter(
                f.queue(),
                units,
                f.levels(),
                me,
                f.caseType(),
                f.status(),
                f.from(),
                f.to(),
                f.query(),
                0,
                f.allowedCaseTypes(),
                wanted,
                countLimit);
    }
}
