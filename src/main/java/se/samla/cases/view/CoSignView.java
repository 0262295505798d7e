package se.samla.cases.view;

import java.util.List;
import java.util.UUID;

/**
 * A guardian's request to sign an application for their child, with exactly what the other guardian signed.
 *
 * @param open whether it can still be signed or declined
 */
public record CoSignView(
        UUID id,
        String title,
        String reference,
        String applicant,
        String child,
        String due,
        String status,
        boolean open,
        List<CaseView.Answer> answers,
        List<File> files,
        String checksum,
        String notice) {

    /** A file of the application: its name, size and checksum, which identify exactly the file that was signed. */
    public record File(String name, String size, String sha256) {}
}
