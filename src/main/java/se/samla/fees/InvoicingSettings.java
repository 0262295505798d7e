package se.samla.fees;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.core.env.Environment;
import se.samla.shared.Luhn;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * How a municipality invoices, from config/tenants/{slug}/invoicing.yml. A municipality without the file charges its
 * fees (they are kept with the case) but sends no invoice.
 *
 * @param unit            the invoicing unit, the sender named on each invoice
 * @param bankgiro        where payments go, e.g. 5050-1055
 * @param ocrLengthDigit  whether the bankgiro's agreement with Bankgirot asks for a length digit in the OCR reference
 * @param paymentDays     days from the invoice to its due date
 * @param reminderFee     the reminder fee (påminnelseavgift) in kronor, 0 for none; the law allows at most 60 kronor and
 *                        only where agreed or set by law, so a municipality sets it deliberately
 * @param reminderAfterDays days past the due date before a reminder may be sent
 * @param vatNumber       the municipality's VAT registration number, e.g. SE212000143901
 * @param contact         who answers questions about an invoice, printed on it
 * @param accounts        the accounts of the accounting export
 * @param address         the invoicing unit's postal address, as an e-invoice names the seller's
 */
record InvoicingSettings(
        String unit,
        String bankgiro,
        boolean ocrLengthDigit,
        int paymentDays,
        BigDecimal reminderFee,
        int reminderAfterDays,
        String vatNumber,
        String contact,
        Accounts accounts,
        Address address) {

    record Address(String street, String postalCode, String city) {}

    /**
     * @param receivables the customer ledger (kundfordringar)
     * @param bank        the bank account payments arrive in
     * @param unmatched   payments not yet matched to an invoice
     * @param reminderFees revenue from reminder fees
     * @param vat         output VAT by rate in per cent
     */
    record Accounts(String receivables, String bank, String unmatched, String reminderFees, Map<Integer, String> vat) {}

    /** The bankgiro number as digits only. */
    String bankgiroDigits() {
        return bankgiro.replace("-", "");
    }

    static InvoicingSettings read(Path file, Environment environment) {
        InvoicingSettings read;
        try {
            read = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(
                            environment.resolveRequiredPlaceholders(Files.readString(file)), InvoicingSettings.class);
        } catch (JacksonException e) {
            String line = e.getLocation() == null
                    ? "?"
                    : String.valueOf(e.getLocation().getLineNr());
            throw new IllegalStateException("Invalid invoicing settings " + file + " line " + line + ", field '"
                    + e.getPathReference() + "': " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read invoicing settings " + file + ": " + e.getMessage(), e);
        }
        require(file, "unit", read.unit() != null && !read.unit().isBlank(), "name the invoicing unit");
        require(
                file,
                "bankgiro",
                read.bankgiro() != null
                        && read.bankgiro().matches("[0-9]{3,4}-[0-9]{4}")
                        && Luhn.checkDigit(read.bankgiroDigits()
                                        .substring(0, read.bankgiroDigits().length() - 1))
                                == read.bankgiroDigits()
                                                .charAt(read.bankgiroDigits().length() - 1)
                                        - '0',
                "a bankgiro number such as 5050-1055, with its check digit right");
        require(file, "paymentDays", read.paymentDays() >= 10 && read.paymentDays() <= 90, "must be 10-90 days");
        require(
                file,
                "reminderFee",
                read.reminderFee() != null
                        && read.reminderFee().signum() >= 0
                        && read.reminderFee().compareTo(BigDecimal.valueOf(60)) <= 0,
                "0 for none, at most 60 kronor (lag (1981:739) om ersättning för inkassokostnader m.m.)");
        require(
                file,
                "reminderAfterDays",
                read.reminderAfterDays() >= 1 && read.reminderAfterDays() <= 60,
                "must be 1-60 days");
        require(
                file,
                "vatNumber",
                read.vatNumber() != null && read.vatNumber().matches("SE[0-9]{10}01"),
                "a Swedish VAT number: SE, the organisation number, 01");
        require(
                file,
                "address",
                read.address() != null
                        && read.address().city() != null
                        && read.address().postalCode() != null
                        && read.address().postalCode().matches("[0-9]{3} ?[0-9]{2}"),
                "give the postal address: street, postalCode (e.g. 462 85) and city");
        var a = read.accounts();
        require(file, "accounts", a != null, "give the accounts of the accounting export");
        for (var account : new String[] {a.receivables(), a.bank(), a.unmatched(), a.reminderFees()}) {
            require(
                    file,
                    "accounts",
                    account != null && account.matches("[0-9]{4}"),
                    "receivables, bank, unmatched and reminderFees are four-digit accounts");
        }
        for (int rate : new int[] {6, 12, 25}) {
            require(
                    file,
                    "accounts.vat." + rate,
                    a.vat() != null && a.vat().getOrDefault(rate, "").matches("[0-9]{4}"),
                    "the output VAT account for " + rate + " %");
        }
        return read;
    }

    private static void require(Path file, String field, boolean holds, String message) {
        if (!holds) {
            throw new IllegalStateException(
                    "Invalid invoicing settings " + file + ": field '" + field + "' " + message);
        }
    }
}
