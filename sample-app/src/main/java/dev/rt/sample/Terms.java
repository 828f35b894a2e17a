package dev.rt.sample;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the service splits text into terms: runs of letters and digits, lower case. */
final class Terms {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private Terms() {
    }

    /**
     * @param text any text
     * @return each term of the text with how often it occurs, in order of first occurrence
     */
    static Map<String, Integer> count(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            counts.merge(normalize(words.group()), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * @param word a word as typed, such as a search term
     * @return the term it is indexed under
     */
    static String normalize(String word) {
        return word.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @param counts terms with their counts
     * @param limit how many to keep
     * @return the most frequent terms, ties in alphabetical order
     */
    static List<TermCount> top(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(limit)
                .map(e -> new TermCount(e.getKey(), e.getValue()))
                .toList();
    }

    /**
     * A term and how often it occurs.
     *
     * @param term the term
     * @param count its occurrences
     */
    record TermCount(String term, int count) {
    }
}
