package se.samla.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The company register's signatories, from config/company-register/signatories.csv (semicolon-separated:
 * organisation number, name, a signatory's personal identity number). A malformed line stops the start.
 */
@Component
class LocalCompanyRegister implements CompanyRegister {

    private final Map<String, List<Organisation>> byPerson = new HashMap<>();

    LocalCompanyRegister(
            @Value("${samla.company-register.signatories:config/company-register/signatories.csv}") Path file)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        var format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (var reader = Files.newBufferedReader(file);
                var parser = CSVParser.parse(reader, format)) {
            for (CSVRecord row : parser) {
                if (row.size() != 3
                        || !row.get(0).matches("\\d{10}")
                        || row.get(1).isEmpty()
                        || !row.get(2).matches("\\d{12}")) {
                    throw new IllegalStateException("Invalid company register file " + file + ", line "
                            + parser.getCurrentLineNumber()
                            + ": expected organisation number (10 digits); name; signatory's number (12 digits)");
                }
                byPerson.computeIfAbsent(row.get(2), k -> new ArrayList<>())
                        .add(new Organisation(row.get(0), row.get(1)));
            }
        }
    }

    @Override
    public List<Organisation> signsFor(String personalIdentityNumber) {
        return List.copyOf(byPerson.getOrDefault(personalIdentityNumber, List.of()));
    }
}
