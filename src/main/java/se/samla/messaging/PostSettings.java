package se.samla.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.env.Environment;
import se.samla.shared.Confidentiality;
import se.samla.tenancy.Tenant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A municipality's outgoing post, from config/tenants/{slug}/post.yml (every part optional).
 *
 * @param letterhead the lines at the top right of every letter: postal address, telephone, e-mail, web
 * @param footer the line at the foot of every page
 * @param unreadDays after how many days a letter that must be delivered, sent as an e-mail notice and still not
 *     opened in Mina sidor, goes on paper too
 * @param paperDeliveryWorkingDays how many working days after posting a paper letter is taken as received, for the
 *     appeal deadline (ordinary post, no proof of receipt)
 * @param digitalMailbox Mina meddelanden: where to ask who has a mailbox, and the organisation certificate that
 *     signs each delivery
 * @param secureMailbox the units that take written messages from residents ("Skriv till oss"); a unit not named
 *     takes none
 */
record PostSettings(
        List<String> letterhead,
        String footer,
        int unreadDays,
        int paperDeliveryWorkingDays,
        DigitalMailbox digitalMailbox,
        List<MailboxUnit> secureMailbox) {

    /**
     * A unit that takes written messages.
     *
     * @param assuranceLevel the e-ID assurance level (tillitsnivå, 2-4) a resident needs to write; social services
     *     ask for 3
     * @param confidentiality how confidential its threads are: who of its staff may read them, and at least how
     *     confidential a case made of one is
     * @param keepClosedDays how long a closed thread that became no case is kept before it and its files are
     *     disposed of
     */
    record MailboxUnit(String unit, Integer assuranceLevel, Confidentiality confidentiality, Integer keepClosedDays) {}

    java.util.Optional<MailboxUnit> mailboxUnit(String unit) {
        return secureMailbox.stream().filter(u -> u.unit().equals(unit)).findFirst();
    }

    /**
     * @param recipientService the address of Mina meddelanden's recipient service (isReachable); "demo" for the
     *     built-in demo operator, empty for none (then nobody has a mailbox, and post goes on paper)
     * @param keystore a PKCS #12 file with the organisation certificate and its key, or a SunPKCS11 configuration file
     *     (ending in .cfg) naming the PKCS #11 token that holds them, whose PIN is the keystore password; empty for the
     *     demo certificate
     *     generated under the data folder, which only runs outside production
     */
    record DigitalMailbox(String recipientService, String keystore, String keystorePassword, String keyAlias) {

        boolean demo() {
            return "demo".equals(recipientService);
        }

        boolean enabled() {
            return recipientService != null && !recipientService.isBlank();
        }
    }

    /** The file's shape; what it leaves out takes the defaults. */
    record File(
            List<String> letterhead,
            String footer,
            Paper paper,
            DigitalMailbox digitalMailbox,
            List<MailboxUnit> secureMailbox) {}

    record Paper(Integer unreadDays, Integer deliveryWorkingDays) {}

    static PostSettings read(Path file, Tenant tenant, Environment environment) {
        File read = new File(null, null, null, null, null);
        if (Files.isRegularFile(file)) {
            try {
                read = YAMLMapper.builder()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build()
                        .readValue(environment.resolveRequiredPlaceholders(Files.readString(file)), File.class);
            } catch (JacksonException e) {
                String line = e.getLocation() == null
                        ? "?"
                        : String.valueOf(e.getLocation().getLineNr());
                throw new IllegalStateException("Invalid post settings " + file + " line " + line + ", field '"
                        + e.getPathReference() + "': " + e.getOriginalMessage());
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("Cannot read post settings " + file + ": " + e.getMessage(), e);
            }
        }
        if (read == null) {
            read = new File(null, null, null, null, null);
        }
        List<String> letterhead = read.letterhead() != null
                ? List.copyOf(read.letterhead())
                : tenant.contact() == null
                        ? List.of()
                        : List.of(tenant.contact().email(), tenant.contact().homepage());
        String footer = read.footer() != null
                ? read.footer()
                : tenant.name() + " · " + tenant.organisationNumber().formatted();
        Paper paper = read.paper() == null ? new Paper(null, null) : read.paper();
        int unreadDays = within(file, "paper.unreadDays", paper.unreadDays(), 7, 1, 60);
        int workingDays = within(file, "paper.deliveryWorkingDays", paper.deliveryWorkingDays(), 2, 0, 10);
        DigitalMailbox mailbox =
                read.digitalMailbox() == null ? new DigitalMailbox("demo", null, null, null) : read.digitalMailbox();
        if (mailbox.enabled() && !mailbox.demo() && !mailbox.recipientService().matches("https?://\\S+")) {
            throw new IllegalStateException("Invalid post settings " + file
                    + ": field 'digitalMailbox.recipientService' must be demo, empty or an http(s) address");
        }
        List<MailboxUnit> units = new java.util.ArrayList<>();
        for (MailboxUnit unit : read.secureMailbox() == null ? List.<MailboxUnit>of() : read.secureMailbox()) {
            String at = "secureMailbox[" + units.size() + "]";
            if (unit.unit() == null || unit.unit().isBlank()) {
                throw new IllegalStateException(
                        "Invalid post settings " + file + ": field '" + at + ".unit' must name a unit");
            }
            if (units.stream().anyMatch(u -> u.unit().equals(unit.unit()))) {
                throw new IllegalStateException("Invalid post settings " + file + ": unit " + unit.unit()
                        + " is named twice under secureMailbox");
            }
            units.add(new MailboxUnit(
                    unit.unit(),
                    within(file, at + ".assuranceLevel", unit.assuranceLevel(), 2, 2, 4),
                    unit.confidentiality() == null ? Confidentiality.INTERNAL : unit.confidentiality(),
                    within(file, at + ".keepClosedDays", unit.keepClosedDays(), 365, 1, 3650)));
        }
        return new PostSettings(letterhead, footer, unreadDays, workingDays, mailbox, List.copyOf(units));
    }

    private static int within(Path file, String field, Integer value, int otherwise, int min, int max) {
        if (value == null) {
            return otherwise;
        }
        if (value < min || value > max) {
            throw new IllegalStateException("Invalid post settings " + file + ": field '" + field
                    + "' must be a whole number from " + min + " to " + max);
        }
        return value;
    }
}
