package se.samla.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.samla.audit.Actor;
import se.samla.audit.AuditLog;
import se.samla.audit.AuditRecord;
import se.samla.identity.SignedInUser;
import se.samla.shared.CurrentTenant;
import se.samla.shared.EmailAddress;

/** How each resident wants the municipality's post; a change is audited, the e-mail address never in the audit. */
@Service
class PostChoices {

    /** A resident's choice; the default when they have made none is a digital mailbox, where they have one. */
    record Choice(PostChannel channel, String email, Instant chosenAt) {}

    /** A choice that cannot be stored, with the field and the message key of the reason. */
    static final class InvalidChoice extends RuntimeException {
        final String field;
        final String reason;

        InvalidChoice(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
            this.reason = reason;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final DigitalMailbox mailbox;
    private final se.samla.tenancy.Tenants tenants;
    private final TenantPostSettings settings;

    PostChoices(
            JdbcClient jdbc,
            AuditLog audit,
            Clock clock,
            DigitalMailbox mailbox,
            se.samla.tenancy.Tenants tenants,
            TenantPostSettings settings) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.mailbox = mailbox;
        this.tenants = tenants;
        this.settings = settings;
    }

    /**
     * What Mina meddelanden says of the resident's digital mailbox right now; empty when it could not be asked
     * (the page then says so rather than guessing).
     */
    Optional<DigitalMailbox.Reachability> mailboxOf(SignedInUser.Resident resident) {
        var tenant = tenants.current();
        String number = resident.identityNumber().digits();
        // a page waits a few seconds for the answer at most, not the delivery's half minute
        var asked = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Optional.of(mailbox.reachability(tenant, number));
            } catch (DigitalMailbox.Failure e) {
                return Optional.<DigitalMailbox.Reachability>empty();
            }
        });
        try {
            return asked.get(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            asked.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** After how many days an unopened letter that must be delivered goes on paper, for the choice's description. */
    int unreadDays() {
        return settings.of(tenants.current().id()).unreadDays();
    }

    @Transactional(readOnly = true)
    Optional<Choice> of(UUID personId) {
        return jdbc.sql(
                        "SELECT channel, email, chosen_at FROM messaging.post_choice WHERE tenant_id = :tenant AND person_id = :p")
                .param("tenant", CurrentTenant.require().value())
                .param("p", personId)
                .query((rs, n) -> new Choice(
                        PostChannel.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** The resident's own choice, read for their settings page (audited as a read of their data). */
    @Transactional
    Optional<Choice> read(SignedInUser.Resident resident) {
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "PERSONAL_DATA_READ",
                "person",
                resident.personId().toString(),
                Map.of("page", "post-choice")));
        return of(resident.personId());
    }

    /**
     * Stores the resident's choice. E-mail needs a valid address; the other channels keep none.
     */
    @Transactional
    void choose(SignedInUser.Resident resident, String channelName, String email) {
        PostChannel channel;
        try {
            channel = PostChannel.valueOf(channelName == null ? "" : channelName);
        } catch (IllegalArgumentException e) {
            throw new InvalidChoice("channel", "post.choice.error.channel");
        }
        String address = email == null ? "" : email.strip();
        if (channel == PostChannel.EMAIL) {
            if (address.isEmpty()) {
                throw new InvalidChoice("email", "post.choice.error.email-missing");
            }
            if (!EmailAddress.isValid(address)) {
                throw new InvalidChoice("email", "post.choice.error.email-invalid");
            }
        }
        jdbc.sql("""
                INSERT INTO messaging.post_choice (tenant_id, person_id, channel, email, chosen_at)
                VALUES (:t, :p, :c, :e, :at)
                ON CONFLICT (tenant_id, person_id) DO UPDATE SET channel = :c, email = :e, chosen_at = :at
                """)
                .param("t", CurrentTenant.require().value())
                .param("p", resident.personId())
                .param("c", channel.name())
                .param("e", channel == PostChannel.EMAIL ? address : null)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
        audit.record(new AuditRecord(
                Actor.of(resident.auditId()),
                "POST_CHOICE_CHANGED",
                "person",
                resident.personId().toString(),
                Map.of("channel", channel.name())));
    }
}
