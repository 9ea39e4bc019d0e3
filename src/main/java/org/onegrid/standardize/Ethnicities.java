package org.onegrid.standardize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.onegrid.standardize.StandardizeException.Reason;

/**
 * Ethnicity onto the two-digit codes of GB 3304-1991: the 56 ethnic groups ({@code 01} 汉族 …
 * {@code 56} 基诺族), {@code 97} 其他 and {@code 98} 外国血统中国籍人士. Accepts the code with or
 * without its leading zero, and the name with or without 族, in simplified or traditional
 * characters.
 */
public final class Ethnicities {

    private static final Pattern ONE_OR_TWO_DIGITS = Pattern.compile("\\d{1,2}");

    /** Index i holds the name of code i + 1; GB 3304 order. */
    private static final List<String> GROUPS = List.of(
            "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
            "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
            "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
            "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
            "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
            "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族");
    private static final String OTHER = "97";
    private static final String FOREIGN_ORIGIN = "98";
    private static final Map<String, String> CODE_BY_NAME = new HashMap<>();

    static {
        for (int i = 0; i < GROUPS.size(); i++) {
            String code = twoDigits(i + 1);
            String name = GROUPS.get(i);
            CODE_BY_NAME.put(name, code);
            CODE_BY_NAME.put(name.substring(0, name.length() - 1), code);
        }
        CODE_BY_NAME.put("其他", OTHER);
        CODE_BY_NAME.put("其它", OTHER);
        CODE_BY_NAME.put("其他族", OTHER);
        CODE_BY_NAME.put("外国血统", FOREIGN_ORIGIN);
        CODE_BY_NAME.put("外国血统中国籍人士", FOREIGN_ORIGIN);
        CODE_BY_NAME.put("外国人入籍", FOREIGN_ORIGIN);
    }

    private Ethnicities() {
    }

    /**
     * The two-digit GB 3304 code of a stated ethnicity code or name.
     *
     * @return the code, or null when nothing is stated
     * @throws StandardizeException ETHNICITY_UNKNOWN
     */
    public static String code(String stated) {
        if (Text.isBlank(stated)) {
            return null;
        }
        String s = Text.removeSpaces(Text.halfWidth(stated));
        if (ONE_OR_TWO_DIGITS.matcher(s).matches()) {
            int n = Integer.parseInt(s);
            if ((n >= 1 && n <= GROUPS.size()) || n == 97 || n == 98) {
                return twoDigits(n);
            }
            throw unknown();
        }
        String code = CODE_BY_NAME.get(s);
        if (code == null) {
            code = CODE_BY_NAME.get(Names.toSimplified(s));
        }
        if (code == null) {
            throw unknown();
        }
        return code;
    }

    /**
     * The name of a two-digit code, e.g. 汉族 for {@code 01}.
     *
     * @throws StandardizeException ETHNICITY_UNKNOWN
     */
    public static String name(String code) {
        String c = code(code);
        if (c == null) {
            throw unknown();
        }
        return switch (c) {
            case OTHER -> "其他";
            case FOREIGN_ORIGIN -> "外国血统中国籍人士";
            default -> GROUPS.get(Integer.parseInt(c) - 1);
        };
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static StandardizeException unknown() {
        return new StandardizeException(Reason.ETHNICITY_UNKNOWN, "the ethnicity is not a GB 3304 code or name");
    }
}
