package io.stratum.action.payment;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** IBAN checks (ISO 13616): shape and the mod-97 check digits. */
public final class Iban {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {
    }

    /** Upper case without spaces, as written in pain.001 ("DE89 3704 ..." → "DE893704..."). */
    public static String normalise(String iban) {
        return iban == null ? null : iban.replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }

    public static boolean isValid(String iban) {
        return problem(iban) == null;
    }

    /** Why {@code iban} is not an IBAN, or {@code null} when it is one. */
    public static String problem(String iban) {
        String s = normalise(iban);
        if (s == null || s.isEmpty()) {
            return "is required";
        }
        if (!SHAPE.matcher(s).matches()) {
            return "must be 2 letters (country), 2 check digits and 11-30 letters or digits,"
                    + " e.g. DE89370400440532013000";
        }
        // Move the first four characters to the end, letters become 10..35, the number mod 97 must be 1.
        String rearranged = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        if (!new BigInteger(digits.toString()).mod(NINETY_SEVEN).equals(BigInteger.ONE)) {
            return "has wrong check digits (typing error?): " + s;
        }
        return null;
    }
}
