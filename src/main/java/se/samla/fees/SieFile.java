package se.samla.fees;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SIE 4 file of type 4I: vouchers (verifikationer) from a subsystem, here invoicing, for the municipality's finance
 * system to import. Text in code page 437 (#FORMAT PC8), one record a line; every voucher balances to zero.
 */
final class SieFile {

    static final Charset PC8 = Charset.forName("IBM437");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** One line of a voucher: the account and the amount, debit positive and credit negative. */
    record Transaction(String account, BigDecimal amount) {}

    /** A voucher: its series and number, its day and text, and lines that sum to zero. */
    record Voucher(String series, String number, LocalDate day, String text, List<Transaction> transactions) {

        Voucher {
            transactions = List.copyOf(transactions);
            BigDecimal sum = transactions.stream().map(Transaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.signum() != 0) {
                throw new IllegalArgumentException("Voucher " + series + " " + number + " does not balance: " + sum);
            }
        }
    }

    private SieFile() {}

    static byte[] write(
            String program,
            String version,
            LocalDate generated,
            String organisationNumber,
            String companyName,
            LocalDate yearFrom,
            LocalDate yearTo,
            Map<String, String> accounts,
            List<Voucher> vouchers) {
        List<String> lines = new ArrayList<>();
        lines.add("#FLAGGA 0");
        lines.add("#PROGRAM " + quoted(program) + " " + quoted(version));
        lines.add("#FORMAT PC8");
        lines.add("#GEN " + DAY.format(generated));
        lines.add("#SIETYP 4");
        lines.add("#ORGNR " + organisationNumber);
        lines.add("#FNAMN " + quoted(companyName));
        lines.add("#RAR 0 " + DAY.format(yearFrom) + " " + DAY.format(yearTo));
        new TreeMap<>(accounts).forEach((account, name) -> lines.add("#KONTO " + account + " " + quoted(name)));
        for (Voucher v : vouchers) {
            lines.add("#VER " + v.series() + " " + v.number() + " " + DAY.format(v.day()) + " " + quoted(v.text()));
            lines.add("{");
            for (Transaction t : v.transactions()) {
                lines.add("   #TRANS " + t.account() + " {} "
                        + t.amount().setScale(2).toPlainString());
            }
            lines.add("}");
        }
        // CRLF, as the PC programs that read SIE expect
        return (String.join("\r\n", lines) + "\r\n").getBytes(PC8);
    }

    /** A field in quotes; a quote within is escaped, and what code page 437 lacks becomes '?' when encoded. */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n\\t]+", " ") + "\"";
    }
}
