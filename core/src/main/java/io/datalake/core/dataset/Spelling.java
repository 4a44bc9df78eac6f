package io.datalake.core.dataset;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the word a user probably meant, for "did you mean" hints: a misspelt field is the most
 * common mistake in a hand-written YAML file, and naming the intended field fixes it at a glance.
 */
public final class Spelling {
    /** Edits (insert, delete, replace a character) up to which a known word counts as meant. */
    static final int MAX_EDITS = 2;

    private Spelling() {
    }

    /** The closest candidate within {@link #MAX_EDITS} edits, ignoring case; the first one on a tie. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            // A suggestion must keep part of the word: rewriting every letter of it is not a typo.
            if (d < bestDistance && d < word.length()) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, keeping two rows of the table. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
