package se.samla.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * config/population-register/addresses.csv (semicolon-separated: number, name, street, postal code, city), and its
 * custody relations, from config/population-register/custody.csv (child; guardian). A malformed line in any stops the
 * start.
 */
@Component
class LocalPopulationRegister implements PopulationRegister {

    private final Set<String> protectedNumbers = new HashSet<>();
    private final Map<String, PostalAddress> addresses = new HashMap<>();
    private final Map<String, List<String>> guardians = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();

    LocalPopulationRegister(
            @Value("${samla.population-register.protected:config/population-register/protected.txt}") Path file,
            @Value("${samla.population-register.addresses:config/population-register/addresses.csv}") Path addressFile,
            @Value("${samla.population-register.custody:config/population-register/custody.csv}") Path custodyFile)
            throws IOException {
        readProtected(file);
        readAddresses(addressFile);
        readCustody(custodyFile);
    }

    private void readCustody(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (var reader = Files.newBufferedReader(file);
                var parser = CSVParser.parse(reader, format())) {
            for (CSVRecord row : parser) {
                if (row.size() != 2
                        || !row.get(0).matches("\\d{12}")
                        || !row.get(1).matches("\\d{12}")) {
                    throw new IllegalStateException("Invalid population register file " + file + ", line "
                            + parser.getCurrentLineNumber()
                            + ": expected the child's number (12 digits); a guardian's number (12 digits)");
                }
                guardians.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.get(1));
                children.computeIfAbsent(row.get(1), k -> new ArrayList<>()).add(row.get(0));
            }
        }
    }

    private static CSVFormat format() {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
    }

    @Override
    public List<String> guardiansOf(String childPersonalIdentityNumber) {
        return List.copyOf(guardians.getOrDefault(childPersonalIdentityNumber, List.of()));
    }

    @Override
    public List<String> childrenOf(String guardianPersonalIdentityNumber) {
        return List.copyOf(children.getOrDefault(guardianPersonalIdentityNumber, List.of()));
    }

    private void readAddresses(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (var reader = Files.newBufferedReader(file);
                var parser = CSVParser.parse(reader, format())) {
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
