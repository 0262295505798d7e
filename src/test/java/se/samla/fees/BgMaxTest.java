package se.samla.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.samla.fees.BgMaxFiles.pad;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgMaxTest {

    private static final String TIMESTAMP = "20261201063015123456";

    /**
     * A deposit laid out as in Bankgirot's example file: an OCR payment of 1 000 kr with its worked reference 655969, a
     * deduction of 500 kr, and a payment of 1 400 kr with three references in extra reference records; the deposit is
     * 1 900 kr and counts three payments (the deduction is one, the extra references are not).
     */
    private static List<String> example() {
        List<String> lines = new ArrayList<>();
        lines.add(pad("01BGMAX               01" + TIMESTAMP + "P"));
        lines.add(pad("050009912346          SEK"));
        lines.add(pad("200003783511                   655969000000000000100000220000000000100"));
        lines.add(pad("26Kalles Plåt AB"));
        lines.add(pad("27Storgatan 2                        12345"));
        lines.add(pad("21000378351189853                    0000000000000500003200023000011100"));
        lines.add(pad("200003783511657866 658765 657767     000000000000140000320000000000140"));
        lines.add(pad("220003783511                   657866000000000000000000220000000000140"));
        lines.add(pad("220003783511                   658765000000000000000000220000000000140"));
        lines.add(pad("220003783511                   657767000000000000000000220000000000140"));
        lines.add(pad("25Betalning med extra refnr"));
        lines.add("15000000000000000000058410000010098232026120100074000000000000190000SEK00000003 ");
        lines.add("7000000002000000010000000300000001");
        return lines;
    }

    private static byte[] bytes(List<String> lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsBankgirotsLayoutWithTheWorkedReference() {
        var file = BgMax.parse(bytes(example()));

        assertThat(file.producedAt()).isEqualTo(TIMESTAMP);
        assertThat(file.test()).isFalse();
        assertThat(file.deposits()).hasSize(1);
        var deposit = file.deposits().get(0);
        assertThat(deposit.bankgiro()).isEqualTo("9912346");
        assertThat(deposit.amount()).isEqualByComparingTo("1900.00");
        assertThat(deposit.paidOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        var ocr = deposit.payments().get(0);
        assertThat(ocr.reference()).isEqualTo("655969");
        assertThat(ocr.referenceCode()).isEqualTo('2');
        assertThat(ocr.amount()).isEqualByComparingTo("1000.00");
        assertThat(ocr.payerName()).isEqualTo("Kalles Plåt AB");
        assertThat(ocr.paidOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(new OcrReference(ocr.reference()).lengthDigitHolds()).isTrue();
        var deduction = deposit.payments().get(1);
        assertThat(deduction.deduction()).isTrue();
        assertThat(deduction.amount()).isEqualByComparingTo("500.00");
        var several = deposit.payments().get(2);
        assertThat(several.referenceCode()).isEqualTo('3');
        assertThat(several.extraReferences()).containsExactly("657866", "658765", "657767");
    }

    @Test
    void readsLinesThatLostTheirTrailingBlanksAndTabsThatStandForBlanks() {
        List<String> lines = example();
        lines.replaceAll(String::stripTrailing);
        // a transfer turned the blanks before a reference into tabs, as in Bankgirot's own example file
        lines.set(8, "220003783511\t\t       658765000000000000000000220000000000140");

        var file = BgMax.parse(bytes(lines));

        assertThat(file.payments().get(2).extraReferences()).containsExactly("657866", "658765", "657767");
    }

    @Test
    void refusesALineCutShortWithItsNumber() {
        List<String> lines = example();
        lines.set(2, "200003783511                   6559690000000000001");

        assertThatThrownBy(() -> BgMax.parse(bytes(lines)))
                .isInstanceOfSatisfying(
                        BgMax.Refused.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("för kort");
    }

    @Test
    void refusesAnEndRecordThatCountsOtherwise() {
        List<String> lines = example();
        lines.set(12, "7000000003000000010000000300000001");

        assertThatThrownBy(() -> BgMax.parse(bytes(lines)))
                .isInstanceOfSatisfying(
                        BgMax.Refused.class, e -> assertThat(e.line()).isEqualTo(13))
                .hasMessageContaining("3 betalningsposter (20)")
                .hasMessageContaining("har 2");
    }

    @Test
    void refusesADepositWhoseTotalIsBroken() {
        List<String> lines = example();
        lines.set(11, "15000000000000000000058410000010098232026120100074000000000000190100SEK00000003 ");

        assertThatThrownBy(() -> BgMax.parse(bytes(lines)))
                .isInstanceOfSatisfying(
                        BgMax.Refused.class, e -> assertThat(e.line()).isEqualTo(12))
                .hasMessageContaining("1\u00a0901,00\u00a0kr")
                .hasMessageContaining("1\u00a0900,00\u00a0kr");
    }

    @Test
    void refusesADepositThatCountsItsPaymentsOtherwise() {
        List<String> lines = example();
        lines.set(11, "15000000000000000000058410000010098232026120100074000000000000190000SEK00000002 ");

        assertThatThrownBy(() -> BgMax.parse(bytes(lines)))
                .isInstanceOfSatisfying(
                        BgMax.Refused.class, e -> assertThat(e.line()).isEqualTo(12))
                .hasMessageContaining("2 betalningar");
    }

    @Test
    void refusesWhatIsNoBgMaxFile() {
        assertThatThrownBy(() -> BgMax.parse("%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOfSatisfying(
                        BgMax.Refused.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageContaining("ingen BgMax-fil");
        assertThatThrownBy(() -> BgMax.parse(new byte[0]))
                .isInstanceOf(BgMax.Refused.class)
                .hasMessageContaining("tom");
    }

    @Test
    void refusesAFileCutBeforeItsEnd() {
        List<String> lines = example();
        lines.remove(12);

        assertThatThrownBy(() -> BgMax.parse(bytes(lines)))
                .isInstanceOfSatisfying(
                        BgMax.Refused.class, e -> assertThat(e.line()).isEqualTo(12))
                .hasMessageContaining("slutpost");
    }

    @Test
    void refusesLettersInAnAmountWithTheField() {
        List<String> lines = example();
        lines.set(2, pad("200003783511                   6559690000000000001000O0220000000000100"));

        assertThatThrownBy(() -> BgMax.parse(bytes(lines)))
                .isInstanceOfSatisfying(
                        BgMax.Refused.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("beloppet (tecken 38–55)");
    }

    @Test
    void theWriterOfTestFilesWritesWhatTheReaderTakes() {
        byte[] written = new BgMaxFiles(TIMESTAMP)
                .deposit(
                        "50501055",
                        "20261201",
                        List.of(
                                BgMaxFiles.Paid.ocr("655969", 100_000),
                                new BgMaxFiles.Paid("", 25_050, '1', "Berit Garn")))
                .end();

        var file = BgMax.parse(written);

        assertThat(file.deposits().get(0).bankgiro()).isEqualTo("50501055");
        assertThat(file.payments())
                .extracting(BgMax.Payment::amount)
                .containsExactly(new BigDecimal("1000.00"), new BigDecimal("250.50"));
        assertThat(file.payments().get(1).payerName()).isEqualTo("Berit Garn");
    }
}
