package org.onegrid.standardize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The character tables the name standardizer needs, read once, on first use, from dictionary
 * files on the classpath into sorted arrays (binary search, no boxing):
 * <ul>
 * <li>{@value #TRADITIONAL_TO_SIMPLIFIED}: OpenCC's traditional-to-simplified character table
 * ({@code 陳\t陈}, the first candidate is OpenCC's default), carried by the opencc4j artifact;</li>
 * <li>{@value #PINYIN}: the readings of each character ({@code 5355 (dan1,chan2,shan4)}, the first
 * the most common), carried by the pinyin4j artifact.</li>
 * </ul>
 * A missing file is a packaging error, not bad data: it fails with {@link IllegalStateException}.
 */
final class Dictionaries {

    static final String TRADITIONAL_TO_SIMPLIFIED = "data/dictionary/TSCharacters.txt";
    static final String PINYIN = "pinyindb/unicode_to_hanyu_pinyin.txt";

    private Dictionaries() {
    }

    /** The simplified form of a code point, or the code point itself. */
    static int simplified(int codePoint) {
        int[][] table = Simplified.TABLE;
        int i = Arrays.binarySearch(table[0], codePoint);
        return i >= 0 ? table[1][i] : codePoint;
    }

    /** The most common toneless reading of a Han code point ("lv" for lü), or null when the table has none. */
    static String pinyin(int codePoint) {
        int i = Arrays.binarySearch(Pinyin.KEYS, codePoint);
        return i >= 0 ? Pinyin.READINGS[i] : null;
    }

    private static final class Simplified {
        static final int[][] TABLE = load();

        private static int[][] load() {
            TreeMap<Integer, Integer> map = new TreeMap<>();
            read(TRADITIONAL_TO_SIMPLIFIED, line -> {
                int tab = line.indexOf('\t');
                if (tab <= 0 || tab + 1 >= line.length()) {
                    return;
                }
                int from = line.codePointAt(0);
                if (Character.charCount(from) != tab) {
                    return; // a phrase, not a character
                }
                map.put(from, line.codePointAt(tab + 1));
            });
            int[][] table = new int[2][map.size()];
            int i = 0;
            for (var e : map.entrySet()) {
                table[0][i] = e.getKey();
                table[1][i++] = e.getValue();
            }
            return table;
        }
    }

    private static final class Pinyin {
        static final int[] KEYS;
        static final String[] READINGS;

        static {
            TreeMap<Integer, String> map = new TreeMap<>();
            read(PINYIN, line -> {
                int open = line.indexOf('(');
                int end = line.indexOf(',', open);
                if (end < 0) {
                    end = line.indexOf(')', open);
                }
                if (open < 0 || end < 0) {
                    return;
                }
                String reading = toneless(line.substring(open + 1, end));
                if (!reading.isEmpty() && !reading.equals("none")) {
                    map.put(Integer.parseInt(line.substring(0, open).strip(), 16), reading);
                }
            });
            KEYS = new int[map.size()];
            READINGS = new String[map.size()];
            int i = 0;
            for (var e : map.entrySet()) {
                KEYS[i] = e.getKey();
                READINGS[i++] = e.getValue().intern();
            }
        }

        private static String toneless(String reading) {
            return reading.replace("u:", "v").replaceAll("[0-9]", "").strip();
        }
    }

    private static void read(String resource, Consumer<String> lineConsumer) {
        ClassLoader loader = Dictionaries.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dictionary " + resource
                        + " is not on the classpath: the opencc4j and pinyin4j artifacts carry it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.replace("\uFEFF", "").strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lineConsumer.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dictionary " + resource, e);
        }
    }
}
