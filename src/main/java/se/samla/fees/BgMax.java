package se.samla.fees;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Bankgirot's payment file (Bankgiro Inbetalningar, layout BgMax): fixed lines of 80 characters in Latin-1, each
 * led by its record type. The file is checked whole before anything is taken from it: its start and end records, the
 * count of each kind of record against the end record, and each deposit's amount and number of payments against its
 * payments. Lines that lost their trailing blanks, and tabs a transfer put in for blanks, are read as Bankgirot wrote
 * them; a line that ends before its record's last field is refused.
 */
final class BgMax {

    static final int LINE = 80;

    /** The file cannot be taken: on which line (1-based), and why, in Swedish for the person who imported it. */
    static final class Refused extends RuntimeException {
        private final int line;

        Refused(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /**
     * A payment (TK20), or a deduction (TK21, an amount taken back from the deposit).
     *
     * @param referenceCode Bankgirot's word on the reference: 2 a checked OCR reference; 0 or 1 none; 3 several
     *                      (given in extra reference records); 4 one reference; 5 a reference that failed the check
     * @param extraReferences the references of TK22/TK23 records that follow it
     * @param paidOn        the deposit's payment date
     */
    record Payment(
            int line,
            boolean deduction,
            String senderBankgiro,
            String reference,
            char referenceCode,
            BigDecimal amount,
            char channel,
            String serial,
            List<String> extraReferences,
            String payerName,
            LocalDate paidOn) {}

    /** A deposit (TK05 … TK15): the payments that came to the receiving bankgiro on one day. */
    record Deposit(int line, String bankgiro, LocalDate paidOn, BigDecimal amount, List<Payment> payments) {}

    /**
     * @param producedAt when Bankgirot made the file (TK01), which tells one file from another
     * @param test       whether it is a test file (test mark T)
     */
    record File(String producedAt, boolean test, List<Deposit> deposits) {

        List<Payment> payments() {
            return deposits.stream().flatMap(d -> d.payments().stream()).toList();
        }
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private BgMax() {}

    static File parse(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        String[] raw = text.split("\r?\n", -1);
        int lines = raw.length;
        while (lines > 0 && raw[lines - 1].isBlank()) {
            lines--;
        }
        if (lines == 0) {
            throw new Refused(1, "Filen är tom.");
        }
        String producedAt = null;
        boolean test = false;
        List<Deposit> deposits = new ArrayList<>();
        List<Payment> open = null;
        String openBankgiro = null;
        int openLine = 0;
        Payment last = null;
        List<String> extras = null;
        String payerName = null;
        int tk20 = 0;
        int tk21 = 0;
        int tk22 = 0;
        int tk15 = 0;
        boolean ended = false;
        for (int i = 0; i < lines; i++) {
            int number = i + 1;
            String line = normalised(raw[i], number);
            String type = line.substring(0, 2);
            if (ended) {
                throw new Refused(number, "Det finns rader efter slutposten (70).");
            }
            if (number == 1 && !type.equals("01")) {
                throw new Refused(1, "Filen börjar inte med en startpost (01): det är ingen BgMax-fil.");
            }
            switch (type) {
                case "01" -> {
                    if (number != 1) {
                        throw new Refused(number, "En startpost (01) får bara stå först.");
                    }
                    need(line, 45, number);
                    if (!line.substring(2, 22).strip().equals("BGMAX")) {
                        throw new Refused(number, "Startposten säger inte BGMAX: det är ingen BgMax-fil.");
                    }
                    if (!line.substring(22, 24).equals("01")) {
                        throw new Refused(number, "Okänd version " + line.substring(22, 24) + " av BgMax (01 väntas).");
                    }
                    producedAt = digits(line, 25, 44, number, "tidsstämpeln");
                    char mark = line.charAt(44);
                    if (mark != 'T' && mark != 'P') {
                        throw new Refused(number, "Testmarkeringen ska vara T eller P.");
                    }
                    test = mark == 'T';
                }
                case "05" -> {
                    need(line, 25, number);
                    if (open != null) {
                        throw new Refused(number, "En ny öppningspost (05) innan förra insättningen slutade (15).");
                    }
                    openBankgiro = stripZeros(digits(line, 3, 12, number, "mottagarens bankgironummer"));
                    String currency = line.substring(22, 25);
                    if (!currency.equals("SEK")) {
                        throw new Refused(number, "Valutan är " + currency.strip() + ", inte SEK.");
                    }
                    open = new ArrayList<>();
                    openLine = number;
                    last = null;
                }
                case "20", "21" -> {
                    requireOpen(open, number);
                    need(line, 69, number);
                    extras = new ArrayList<>();
                    payerName = null;
                    last = new Payment(
                            number,
                            type.equals("21"),
                            stripZeros(digits(line, 3, 12, number, "avsändarens bankgironummer")),
                            line.substring(12, 37).strip(),
                            line.charAt(55),
                            amount(line, 38, 55, number),
                            line.charAt(56),
                            line.substring(57, 69).strip(),
                            extras,
                            null,
                            null);
                    open.add(last);
                    if (type.equals("20")) {
                        tk20++;
                    } else {
                        tk21++;
                    }
                }
                case "22", "23" -> {
                    requireOpen(open, number);
                    need(line, 55, number);
                    if (last == null) {
                        throw new Refused(number, "En extra referens (" + type + ") utan betalning före.");
                    }
                    amount(line, 38, 55, number);
                    extras.add(line.substring(12, 37).strip());
                    tk22++;
                }
                case "25", "27", "28", "29" -> {
                    requireOpen(open, number);
                    if (last == null) {
                        throw new Refused(number, "En uppgift om betalaren (" + type + ") utan betalning före.");
                    }
                }
                case "26" -> {
                    requireOpen(open, number);
                    if (last == null) {
                        throw new Refused(number, "Ett namn (26) utan betalning före.");
                    }
                    payerName = line.substring(2, 37).strip();
                    open.set(open.size() - 1, named(last, payerName));
                    last = open.get(open.size() - 1);
                }
                case "15" -> {
                    requireOpen(open, number);
                    need(line, 79, number);
                    LocalDate paidOn = day(line, 38, 45, number);
                    BigDecimal amount = amount(line, 51, 68, number);
                    String currency = line.substring(68, 71);
                    if (!currency.equals("SEK")) {
                        throw new Refused(number, "Insättningens valuta är " + currency.strip() + ", inte SEK.");
                    }
                    int count = Integer.parseInt(digits(line, 72, 79, number, "antalet betalningar"));
                    if (count != open.size()) {
                        throw new Refused(
                                number,
                                "Insättningen säger " + count + " betalningar, men har " + open.size() + " (raderna "
                                        + openLine + "–" + number + ").");
                    }
                    BigDecimal sum = BigDecimal.ZERO;
                    for (Payment p : open) {
                        sum = p.deduction() ? sum.subtract(p.amount()) : sum.add(p.amount());
                    }
                    if (sum.compareTo(amount) != 0) {
                        throw new Refused(
                                number,
                                "Insättningens belopp " + Kronor.format(amount) + " stämmer inte med betalningarna, "
                                        + Kronor.format(sum) + ".");
                    }
                    List<Payment> dated = open.stream()
                            .map(p -> new Payment(
                                    p.line(),
                                    p.deduction(),
                                    p.senderBankgiro(),
                                    p.reference(),
                                    p.referenceCode(),
                                    p.amount(),
                                    p.channel(),
                                    p.serial(),
                                    List.copyOf(p.extraReferences()),
                                    p.payerName(),
                                    paidOn))
                            .toList();
                    deposits.add(new Deposit(openLine, openBankgiro, paidOn, amount, dated));
                    open = null;
                    last = null;
                    tk15++;
                }
                case "70" -> {
                    need(line, 34, number);
                    if (open != null) {
                        throw new Refused(number, "Slutposten (70) kommer innan insättningen slutade (15).");
                    }
                    check(number, "betalningsposter (20)", digits(line, 3, 10, number, "antalet"), tk20);
                    check(number, "avdragsposter (21)", digits(line, 11, 18, number, "antalet"), tk21);
                    check(number, "extra referensposter (22, 23)", digits(line, 19, 26, number, "antalet"), tk22);
                    check(number, "insättningsposter (15)", digits(line, 27, 34, number, "antalet"), tk15);
                    ended = true;
                }
                default -> throw new Refused(number, "Okänd posttyp " + type.strip() + ".");
            }
        }
        if (!ended) {
            throw new Refused(lines, "Filen slutar utan slutpost (70): den kan vara avklippt.");
        }
        return new File(producedAt, test, List.copyOf(deposits));
    }

    /** The line as Bankgirot wrote it: tabs back to the blanks they stand for, and its trailing blanks back. */
    private static String normalised(String raw, int number) {
        StringBuilder line = new StringBuilder(LINE);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\t') {
                do {
                    line.append(' ');
                } while (line.length() % 8 != 0);
            } else {
                line.append(c);
            }
        }
        String trimmed = line.toString().stripTrailing();
        if (trimmed.length() > LINE) {
            throw new Refused(number, "Raden är längre än 80 tecken.");
        }
        if (trimmed.length() < 2) {
            throw new Refused(number, "Raden saknar posttyp.");
        }
        return trimmed + " ".repeat(LINE - trimmed.length());
    }

    /** A line that ends before its record's last field was cut short. */
    private static void need(String line, int length, int number) {
        if (line.stripTrailing().length() < length) {
            throw new Refused(
                    number,
                    "Raden är för kort: en post av typ " + line.substring(0, 2) + " har " + length
                            + " tecken med sitt sista fält, raden har "
                            + line.stripTrailing().length() + ".");
        }
    }

    private static void requireOpen(List<Payment> open, int number) {
        if (open == null) {
            throw new Refused(number, "En post utanför en insättning: en öppningspost (05) saknas före den.");
        }
    }

    private static String digits(String line, int from, int to, int number, String what) {
        String field = line.substring(from - 1, to);
        if (!field.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Refused(
                    number,
                    field.isBlank()
                            ? "Raden är för kort: " + what + " (tecken " + from + "–" + to + ") saknas."
                            : "Fältet " + what + " (tecken " + from + "–" + to + ") är inte siffror: '" + field.strip()
                                    + "'.");
        }
        return field;
    }

    private static BigDecimal amount(String line, int from, int to, int number) {
        return BigDecimal.valueOf(Long.parseLong(digits(line, from, to, number, "beloppet")), 2);
    }

    private static LocalDate day(String line, int from, int to, int number) {
        String field = digits(line, from, to, number, "betalningsdagen");
        try {
            return LocalDate.parse(field, DAY);
        } catch (DateTimeParseException e) {
            throw new Refused(number, "Betalningsdagen " + field + " är inget datum.");
        }
    }

    private static void check(int number, String what, String said, int found) {
        if (Integer.parseInt(said) != found) {
            throw new Refused(
                    number,
                    "Slutposten säger " + Integer.parseInt(said) + " " + what + ", men filen har " + found + ".");
        }
    }

    private static String stripZeros(String digits) {
        String stripped = digits.replaceFirst("^0+", "");
        return stripped.isEmpty() ? "0" : stripped;
    }

    private static Payment named(Payment p, String name) {
        return new Payment(
                p.line(),
                p.deduction(),
                p.senderBankgiro(),
                p.reference(),
                p.referenceCode(),
                p.amount(),
                p.channel(),
                p.serial(),
                p.extraReferences(),
                name,
                p.paidOn());
    }
}
