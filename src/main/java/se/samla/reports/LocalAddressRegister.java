package se.samla.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import se.samla.shared.TenantId;
import se.samla.tenancy.Tenant;
import se.samla.tenancy.Tenants;

/**
 * The address register as a file: config/tenants/{slug}/addresses.csv with the columns address;latitude;longitude.
 * A typed address matches when every word of it starts a word of the address, ignoring case and
 * punctuation ("edsg 1" finds "Edsgatan 1, Vänersborg").
 */
@Component
class LocalAddressRegister implements Geocoder {

    private record Entry(Found found, List<String> words) {}

    private final Map<TenantId, List<Entry>> entries = new HashMap<>();

    LocalAddressRegister(Tenants tenants) {
        for (Tenant tenant : tenants.all()) {
            entries.put(
                    tenant.id(),
                    read(tenants.configurationDirectory(tenant.id()).resolve("addresses.csv")));
        }
    }

    private static List<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Entry> read = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(";");
                if (parts.length != 3) {
                    throw new IllegalStateException("Invalid address file " + file + ", line " + (i + 1)
                            + ": expected address;latitude;longitude");
                }
                try {
                    var position = new Position(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                    read.add(new Entry(new Found(parts[0].strip(), position), words(parts[0])));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(
                            "Invalid address file " + file + ", line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + file, e);
        }
        return List.copyOf(read);
    }

    @Override
    public List<Found> find(TenantId tenant, String typed) {
        List<String> wanted = words(typed);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return entries.getOrDefault(tenant, List.of()).stream()
                .filter(e -> wanted.stream().allMatch(w -> e.words().stream().anyMatch(a -> a.startsWith(w))))
                .sorted(Comparator.comparingInt((Entry e) -> e.words().size())
                        .thenComparing(e -> e.found().address()))
                .limit(10)
                .map(Entry::found)
                .toList();
    }

    private static List<String> words(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String w : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
