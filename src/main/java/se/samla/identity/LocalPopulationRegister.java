package se.samla.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The population register's protection markings, from a file of personal identity numbers
 * (config/population-register/protected.txt, one a line, # for comments), and its postal addresses, from
 * config/population-register/addresses.csv (semicolon-separated: number, name, street, postal code, city). A
 * malformed line in either stops the start.
 */
@Component
class LocalPopulationRegister implements PopulationRegister {

    private final Set<String> protectedNumbers = new HashSet<>();
    private final Map<String, PostalAddress> addresses = new HashMap<>();

    LocalPopulationRegister(
            @Value("${samla.population-register.protected:config/population-register/protected.txt}") Path file,
            @Value("${samla.population-register.addresses:config/population-register/addresses.csv}") Path addressFile)
            throws IOException {
        readProtected(file);
        readAddresses(addressFile);
    }

    private void readAddresses(Path file) throws IOException {
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
                String number = row.get(0);
                if (row.size() != 5
                        || !number.matches("\\d{12}")
                        || row.get(1).isEmpty()
                        || row.get(2).isEmpty()
                        || !row.get(3).matches("\\d{3} ?\\d{2}")
                        || row.get(4).isEmpty()) {
                    throw new IllegalStateException("Invalid population register file " + file + ", line "
                            + parser.getCurrentLineNumber()
                            + ": expected number (12 digits); name; street; postal code (5 digits); city");
                }
                if (!protectedNumbers.contains(number)) {
                    addresses.put(number, new PostalAddress(row.get(1), row.get(2), row.get(3), row.get(4)));
                }
            }
        }
    }

    private void readProtected(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        int line = 0;
        for (String text : Files.readAllLines(file)) {
            line++;
            String number = text.strip();
            if (number.isEmpty() || number.startsWith("#")) {
                continue;
            }
            if (!number.matches("\\d{12}")) {
                throw new IllegalStateException("Invalid population register file " + file + ", line " + line
                        + ": expected a personal identity number of 12 digits");
            }
            protectedNumbers.add(number);
        }
    }

    @Override
    public Optional<PostalAddress> postalAddress(String personalIdentityNumber) {
        return Optional.ofNullable(personalIdentityNumber).map(addresses::get);
    }

    @Override
    public boolean hasProtectedIdentity(String personalIdentityNumber) {
        return personalIdentityNumber != null && protectedNumbers.contains(personalIdentityNumber);
    }
}
