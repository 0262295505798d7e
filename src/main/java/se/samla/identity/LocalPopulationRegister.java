package se.samla.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The protection markings of the population register, from a file of personal identity numbers
 * (config/population-register/protected.txt, one a line, # for comments). A malformed line stops the start.
 */
@Component
class LocalPopulationRegister implements PopulationRegister {

    private final Set<String> protectedNumbers = new HashSet<>();

    LocalPopulationRegister(
            @Value("${samla.population-register.protected:config/population-register/protected.txt}") Path file)
            throws IOException {
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
    public boolean hasProtectedIdentity(String personalIdentityNumber) {
        return personalIdentityNumber != null && protectedNumbers.contains(personalIdentityNumber);
    }
}
