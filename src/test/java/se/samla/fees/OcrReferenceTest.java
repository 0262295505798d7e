package se.samla.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The OCR reference facts of ../shared/standards/fees/README.md, Bankgirot's own example among them. */
class OcrReferenceTest {

    @Test
    void bankgirotsWorkedReferences() {
        assertThat(OcrReference.forNumber("6559", true).digits()).isEqualTo("655969");
        assertThat(OcrReference.forNumber("123", false).digits()).isEqualTo("1230");
        assertThat(OcrReference.forNumber("123", true).digits()).isEqualTo("12351");
        assertThat(new OcrReference("655969").lengthDigitHolds()).isTrue();
        assertThat(new OcrReference("1230").lengthDigitHolds()).isFalse();
    }

    @Test
    void aLengthOfTenOrMoreGivesTheOnesDigit() {
        // 9 digits and the two added: 11, so the length digit is 1
        OcrReference reference = OcrReference.forNumber("202600001", true);
        assertThat(reference.digits()).hasSize(11).startsWith("2026000011");
        assertThat(reference.lengthDigitHolds()).isTrue();
    }

    @Test
    void aWrongCheckDigitOrShapeIsRefusedWithItsReason() {
        assertThatThrownBy(() -> new OcrReference("655968"))
                .isInstanceOf(OcrReference.Invalid.class)
                .hasMessageContaining("check digit");
        assertThatThrownBy(() -> new OcrReference("6"))
                .isInstanceOf(OcrReference.Invalid.class)
                .hasMessageContaining("2 to 25 digits");
        assertThatThrownBy(() -> new OcrReference("1".repeat(25) + "0"))
                .isInstanceOf(OcrReference.Invalid.class)
                .hasMessageContaining("2 to 25 digits");
        assertThatThrownBy(() -> new OcrReference("65 596 9"))
                .isInstanceOf(OcrReference.Invalid.class)
                .hasMessageContaining("digits only");
        assertThatThrownBy(() -> OcrReference.forNumber("12a", false)).isInstanceOf(OcrReference.Invalid.class);
    }
}
