package se.samla.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;

/** Who works where, for assigning cases: staff of the current tenant as last seen at their login. */
@Service
public class StaffDirectory {

    public record Member(UUID id, String name) {}

    private final JdbcClient jdbc;

    StaffDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Staff who hold the role in one of the units. */
    @Transactional(readOnly = true)
    public List<Member> withRole(List<String> unitIds, StaffRole role) {
        if (unitIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT DISTINCT m.id, m.name FROM identity.staff_member m
                JOIN identity.staff_role r ON r.tenant_id = m.tenant_id AND r.staff_id = m.id
                WHERE m.tenant_id = :tenant AND r.role = :role AND r.unit_id::text IN (:units) ORDER BY m.name
                """)
                .param("tenant", CurrentTenant.require().value())
                .param("role", role.name())
                .param("units", unitIds)
                .query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<String> name(UUID staffId) {
        return jdbc.sql("SELECT name FROM identity.staff_member WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", CurrentTenant.require().value())
                .param("id", staffId)
                .query(String.class)
                .optional();
    }
}
