package se.samla.fees;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes BgMax files as Bankgirot lays them out, for tests and the import benchmark. */
public final class BgMaxFiles {

    /** A payment to write: its reference, öre, Bankgirot's reference code, and the payer's name (or null). */
    public record Paid(String reference, long ore, char code, String payer) {

        public static Paid ocr(String reference, long ore) {
            return new Paid(reference, ore, '2', null);
        }
    }

    private final List<String> lines = new ArrayList<>();
    private int tk20;
    private int tk15;
    private int serial;

    public BgMaxFiles(String timestamp) {
        lines.add(pad("01BGMAX               01" + timestamp + "P"));
    }

    /** A deposit of the payments to the bankgiro on the day (yyyyMMdd). */
    public BgMaxFiles deposit(String bankgiro, String day, List<Paid> payments) {
        lines.add(pad("05" + zeros(bankgiro, 10) + "          SEK"));
        long sum = 0;
        for (Paid p : payments) {
            lines.add(payment(p));
            if (p.payer() != null) {
                lines.add(pad("26" + p.payer()));
            }
            sum += p.ore();
            tk20++;
        }
        lines.add(pad("15" + right("1234567890", 35) + day + "00001" + zeros(Long.toString(sum), 18) + "SEK"
                + zeros(Integer.toString(payments.size()), 8) + " "));
        tk15++;
        return this;
    }

    String payment(Paid p) {
        return pad("20" + zeros("9912346", 10) + right(p.reference(), 25) + zeros(Long.toString(p.ore()), 18) + p.code()
                + "1" + zeros(Integer.toString(++serial), 12) + "0");
    }

    /** The file with its end record counting what it holds. */
    public byte[] end() {
        List<String> all = new ArrayList<>(lines);
        all.add(pad("70" + zeros(Integer.toString(tk20), 8) + zeros("0", 8) + zeros("0", 8)
                + zeros(Integer.toString(tk15), 8)));
        return (String.join("\n", all) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static String pad(String line) {
        return line + " ".repeat(80 - line.length());
    }

    static String zeros(String digits, int width) {
        return "0".repeat(width - digits.length()) + digits;
    }

    static String right(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }
}
