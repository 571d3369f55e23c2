package io.stratum.intelligence.invoice;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.document.DocumentLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What people verified, per seller: for each field, the label it stood next to and where on the page it was. The
 * seller is recognised by VAT id, IBAN or normalised name (any of them found on the next invoice), so a vendor whose
 * layout the model misreads is read right after one verification. One JSON file per seller key under a directory
 * (the data dir by default), written atomically.
 */
public final class VendorMemory {

    /** Where a verified field was: its label anchor and its centre relative to the page. */
    public record Spot(String kind, String anchor, double cx, double cy) {
    }

    /** A seller's remembered layout; {@code sellerName} as verified. */
    public record Entry(String sellerName, Map<String, Spot> spots) {
    }

    private static final Map<String, Candidates.Kind> KINDS = Map.of(
            "invoiceNumber", Candidates.Kind.ID, "purchaseOrderRef", Candidates.Kind.ID,
            "issueDate", Candidates.Kind.DATE, "dueDate", Candidates.Kind.DATE,
            "netAmount", Candidates.Kind.AMOUNT, "taxAmount", Candidates.Kind.AMOUNT, "total", Candidates.Kind.AMOUNT,
            "buyerName", Candidates.Kind.NAME);
    /** A remembered spot still applies if the value moved this much (share of the page), e.g. a longer address. */
    private static final double NEAR = 0.08;

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    public VendorMemory(Path dir) {
        this.dir = dir;
    }

    /** Stores where the verified values sit on this document, under every key that names its seller. */
    public synchronized void remember(DocumentLayout layout, InvoiceFields verified) {
        List<Candidates.Candidate> candidates = Candidates.of(layout);
        Map<String, Spot> spots = new LinkedHashMap<>();
        Map<String, Object> values = values(verified);
        for (Map.Entry<String, Candidates.Kind> k : KINDS.entrySet()) {
            Object want = values.get(k.getKey());
            if (want == null) {
                continue;
            }
            candidates.stream().filter(c -> c.kind() == k.getValue() && same(c, want)).findFirst()
                    .ifPresent(c -> spots.put(k.getKey(), new Spot(c.kind().name(), c.anchor(), c.cx(), c.cy())));
        }
        Entry entry = new Entry(verified.sellerName(), spots);
        Set<String> keys = new LinkedHashSet<>();
        keys.add(verified.sellerVatId());
        keys.add(verified.sellerIban());
        keys.add(verified.sellerName() == null ? null : Candidates.norm(verified.sellerName()));
        keys.remove(null);
        keys.remove("");
        try {
            Files.createDirectories(dir);
            for (String key : keys) {
                Path tmp = Files.createTempFile(dir, "vendor-", ".tmp");
                json.writeValue(tmp.toFile(), entry);
                Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store vendor memory in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The remembered seller among the keys this reading offers (VAT ids and IBANs on the page, the read name). */
    public Entry recall(Reading reading) {
        for (String key : reading.keys) {
            Path f = file(key);
            if (Files.exists(f)) {
                try {
                    return json.readValue(f.toFile(), new TypeReference<>() {
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException("Vendor memory " + f + " is unreadable: " + e.getMessage(), e);
                }
            }
        }
        return null;
    }

    /** The seller keys a document offers. */
    public record Reading(List<String> keys) {
    }

    public static Reading keys(DocumentLayout layout, InvoiceFields read) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(read.sellerVatId());
        keys.add(read.sellerIban());
        String text = layout.text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\\b")
                .matcher(text);
        while (m.find()) {
            String iban = m.group(1).replace(" ", "");
            if (FieldReader.validIban(iban)) {
                keys.add(iban);
            }
        }
        keys.add(read.sellerName() == null ? null : Candidates.norm(read.sellerName()));
        keys.remove(null);
        keys.remove("");
        return new Reading(new ArrayList<>(keys));
    }

    /**
     * The model's reading corrected by what was remembered: each remembered field takes the candidate of its kind
     * with the same label anchor nearest to the remembered spot (or, without the anchor, one very near it).
     */
    public static InvoiceFields apply(Entry entry, List<Candidates.Candidate> candidates, InvoiceFields read) {
        Map<String, Object> values = values(read);
        Map<String, Double> confidence = new LinkedHashMap<>(read.confidence());
        for (Map.Entry<String, Spot> s : entry.spots().entrySet()) {
            Spot spot = s.getValue();
            Candidates.Candidate best = null;
            double bestDistance = Double.MAX_VALUE;
            for (Candidates.Candidate c : candidates) {
                if (!c.kind().name().equals(spot.kind())) {
                    continue;
                }
                double d = Math.hypot(c.cx() - spot.cx(), c.cy() - spot.cy());
                boolean anchored = Objects.equals(c.anchor(), spot.anchor());
                if ((anchored && d < 3 * NEAR || d < NEAR / 4) && (anchored ? d : d + 1) < bestDistance) {
                    best = c;
                    bestDistance = anchored ? d : d + 1;
                }
            }
            if (best != null) {
                values.put(s.getKey(), best.value());
                confidence.put(s.getKey(), Math.max(confidence.getOrDefault(s.getKey(), 0.0), 0.95));
            }
        }
        if (entry.sellerName() != null) {
            values.put("sellerName", entry.sellerName());
            confidence.put("sellerName", 0.97);
        }
        return new InvoiceFields((String) values.get("invoiceNumber"), (LocalDate) values.get("issueDate"),
                (LocalDate) values.get("dueDate"), (String) values.get("sellerName"), read.sellerVatId(),
                read.sellerIban(), (String) values.get("buyerName"), (String) values.get("purchaseOrderRef"),
                read.currency(), (BigDecimal) values.get("netAmount"), (BigDecimal) values.get("taxAmount"),
                (BigDecimal) values.get("total"), read.paymentTerms(), read.discount(), read.lines(), confidence,
                read.source());
    }

    private static Map<String, Object> values(InvoiceFields f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("invoiceNumber", f.invoiceNumber());
        v.put("purchaseOrderRef", f.purchaseOrderRef());
        v.put("issueDate", f.issueDate());
        v.put("dueDate", f.dueDate());
        v.put("netAmount", f.netAmount());
        v.put("taxAmount", f.taxAmount());
        v.put("total", f.total());
        v.put("buyerName", f.buyerName());
        v.put("sellerName", f.sellerName());
        return v;
    }

    private static boolean same(Candidates.Candidate c, Object want) {
        if (want instanceof BigDecimal b && c.value() instanceof BigDecimal a) {
            return a.compareTo(b) == 0;
        }
        if (want instanceof String s && c.kind() == Candidates.Kind.NAME) {
            return Candidates.norm(s).equals(Candidates.norm(c.text()));
        }
        return want.equals(c.value());
    }

    private Path file(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h).substring(0, 24) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
