package org.onegrid.embedded.population;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Name tables: surnames by frequency, given-name characters by era and sex, minority names, and the variant maps used to inject name errors. */
final class Names {

    /** Surnames with their approximate share of the population in per mille (national registers, 2020). */
    private static final String SURNAMES =
            "王71 李69 张67 刘51 陈46 杨32 黄25 赵22 吴21 周20 徐16 孙15 马14 朱14 胡13 郭11 何11 林10 高10 罗10 "
            + "郑10 梁9 谢8 宋8 唐8 许8 韩8 邓7 冯7 曹7 彭7 曾7 肖7 田6 董6 潘6 袁6 蔡6 蒋6 余6 于5 杜5 叶5 程5 "
            + "魏5 苏5 吕5 丁5 任5 卢5 姚4 沈4 钟4 姜4 崔4 谭4 陆4 范4 汪4 廖4 石3 金3 韦3 贾3 夏3 付3 方3 邹3 "
            + "熊3 白3 孟2 秦2 邱2 侯2 江2 尹2 薛2 闫2 段2 雷2 龙1 黎1 史1 陶1 贺1 毛1 郝1 顾1 龚1 邵1 万1 钱1 "
            + "严1 戴1 欧阳1 敖1 晏1 简1 习1";

    private static final String[] SURNAME_TABLE;
    private static final int[] SURNAME_CUMULATIVE;

    static {
        String[] parts = SURNAMES.split(" ");
        SURNAME_TABLE = new String[parts.length];
        SURNAME_CUMULATIVE = new int[parts.length];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            int digits = 0;
            while (!Character.isDigit(parts[i].charAt(digits))) {
                digits++;
            }
            SURNAME_TABLE[i] = parts[i].substring(0, digits);
            total += Integer.parseInt(parts[i].substring(digits));
            SURNAME_CUMULATIVE[i] = total;
        }
    }

    // Given-name characters by birth era (before 1975, 1975-1999, from 2000) and sex.
    private static final String MALE_OLD = "建国华明军平强德永福生金红卫东春志文海林荣根水庆良发";
    private static final String MALE_MID = "伟磊勇杰涛超鹏辉斌波峰俊健飞亮晓鑫龙宇浩明军华刚斌东";
    private static final String MALE_YOUNG = "子梓浩宇轩睿泽晨然航铭博宸奕俊一逸皓沐辰晓明伟嘉";
    private static final String FEMALE_OLD = "秀桂英兰凤玉梅红芳华霞珍春琴莲美金菊兰小";
    private static final String FEMALE_MID = "丽静敏艳娟婷燕玲娜晶倩雪琳颖丹慧洁晓莉芳红华萍英";
    private static final String FEMALE_YOUNG = "子梓欣怡涵萱悦琪诗雨梦可若馨语思佳彤嘉依晓静丽";

    private static final String[] UYGHUR_MALE = {"买买提", "艾力", "阿不都", "吐尔逊", "艾买提", "热合曼", "努尔", "伊力哈木", "亚森", "阿里木", "艾尔肯", "库尔班"};
    private static final String[] UYGHUR_FEMALE = {"阿依古丽", "古丽娜尔", "热依拉", "帕提古丽", "迪丽努尔", "米娜瓦尔", "佐日古丽", "阿曼古丽", "努尔曼古丽"};

    /** Homophone mis-entries seen in registers: each character with the characters it is typed as. */
    private static final Map<Character, String> HOMOPHONES = new HashMap<>();
    /** Simplified character to the traditional form that older systems stored. */
    private static final Map<Character, Character> TRADITIONAL = new HashMap<>();

    static {
        String[] groups = {"晓小", "丽莉俪", "明铭", "华桦", "军君", "静婧", "伟玮炜", "林琳", "芳方", "红宏鸿", "杰洁",
            "燕艳", "婷亭", "涛滔", "斌彬", "峰锋", "东冬", "建健", "志智", "俊骏", "欣馨", "怡仪", "宇雨", "浩昊",
            "轩萱", "梓子", "涵含", "霞侠", "颖莹", "平萍", "英瑛", "兰岚", "鹏朋", "辉晖", "玲铃", "娟鹃", "刚钢"};
        for (String g : groups) {
            for (int i = 0; i < g.length(); i++) {
                StringBuilder others = new StringBuilder();
                for (int j = 0; j < g.length(); j++) {
                    if (j != i) {
                        others.append(g.charAt(j));
                    }
                }
                HOMOPHONES.merge(g.charAt(i), others.toString(), String::concat);
            }
        }
        String pairs = "陈陳刘劉张張黄黃赵趙吴吳杨楊郑鄭孙孫马馬许許邓鄧冯馮韩韓萧蕭叶葉苏蘇卢盧钱錢汤湯罗羅谢謝钟鍾龚龔"
                + "华華丽麗国國红紅军軍伟偉东東兰蘭凤鳳杰傑涛濤强強庆慶龙龍鹏鵬飞飛静靜洁潔艳艷辉輝宁寧义義云雲刚剛"
                + "荣榮兴興贵貴宝寶铭銘晓曉万萬欢歡梦夢诗詩馨馨语語悦悅佳佳琳琳颖穎丹丹萍萍娟娟婷婷涵涵轩軒泽澤睿睿"
                + "鑫鑫亮亮健健俊俊磊磊卫衛发發海海霞霞莲蓮菊菊玉玉秀秀桂桂梅梅琴琴珍珍美美金金根根水水良良林林春春生生"
                + "陆陸范範汪汪邹鄒熊熊闫閆贺賀顾顧邵邵严嚴戴戴欧歐阳陽韦韋贾賈夏夏";
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            if (pairs.charAt(i) != pairs.charAt(i + 1)) {
                TRADITIONAL.put(pairs.charAt(i), pairs.charAt(i + 1));
            }
        }
    }

    private Names() {
    }

    static String surname(SplittableRandom r) {
        int total = SURNAME_CUMULATIVE[SURNAME_CUMULATIVE.length - 1];
        int x = r.nextInt(total);
        int lo = 0;
        int hi = SURNAME_CUMULATIVE.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (SURNAME_CUMULATIVE[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return SURNAME_TABLE[lo];
    }

    /** A given name of one or two characters typical of the birth year and sex. */
    static String given(SplittableRandom r, int birthYear, boolean male) {
        String pool = pool(birthYear, male);
        double singleShare = birthYear < 1975 ? 0.35 : birthYear < 2000 ? 0.25 : 0.08;
        char first = pool.charAt(r.nextInt(pool.length()));
        if (r.nextDouble() < singleShare) {
            return String.valueOf(first);
        }
        char second;
        do {
            second = pool.charAt(r.nextInt(pool.length()));
        } while (second == first);
        return new String(new char[] {first, second});
    }

    /** A twin's given name: usually shares the first character of the sibling's name. */
    static String twinGiven(SplittableRandom r, String siblingGiven, int birthYear, boolean male) {
        String pool = pool(birthYear, male);
        if (siblingGiven.length() == 2 && r.nextDouble() < 0.7) {
            char second;
            do {
                second = pool.charAt(r.nextInt(pool.length()));
            } while (second == siblingGiven.charAt(1) || second == siblingGiven.charAt(0));
            return new String(new char[] {siblingGiven.charAt(0), second});
        }
        String g;
        do {
            g = given(r, birthYear, male);
        } while (g.equals(siblingGiven));
        return g;
    }

    private static String pool(int birthYear, boolean male) {
        if (birthYear < 1975) {
            return male ? MALE_OLD : FEMALE_OLD;
        }
        if (birthYear < 2000) {
            return male ? MALE_MID : FEMALE_MID;
        }
        return male ? MALE_YOUNG : FEMALE_YOUNG;
    }

    static String uyghurGiven(SplittableRandom r, boolean male) {
        String[] pool = male ? UYGHUR_MALE : UYGHUR_FEMALE;
        return pool[r.nextInt(pool.length)];
    }

    static String uyghurPatronym(SplittableRandom r) {
        return UYGHUR_MALE[r.nextInt(UYGHUR_MALE.length)];
    }

    /** The name with one given-name character replaced by a homophone, or null when none applies. */
    static String homophone(String surname, String name, SplittableRandom r) {
        if (name.indexOf('·') >= 0) {
            return null;
        }
        int start = Math.min(surname.length(), name.length());
        int candidates = 0;
        for (int i = start; i < name.length(); i++) {
            if (HOMOPHONES.containsKey(name.charAt(i))) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return null;
        }
        int pick = r.nextInt(candidates);
        char[] c = name.toCharArray();
        for (int i = start; i < c.length; i++) {
            String alt = HOMOPHONES.get(c[i]);
            if (alt != null && pick-- == 0) {
                c[i] = alt.charAt(r.nextInt(alt.length()));
                break;
            }
        }
        return new String(c);
    }

    /** True when some given-name character has a homophone that could be typed instead. */
    static boolean hasHomophone(String surname, String name) {
        if (name.indexOf('·') >= 0) {
            return false;
        }
        for (int i = Math.min(surname.length(), name.length()); i < name.length(); i++) {
            if (HOMOPHONES.containsKey(name.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The name as an old system stored it in traditional characters, or null when no character differs. */
    static String traditional(String name) {
        char[] c = name.toCharArray();
        boolean changed = false;
        for (int i = 0; i < c.length; i++) {
            Character t = TRADITIONAL.get(c[i]);
            if (t != null) {
                c[i] = t;
                changed = true;
            }
        }
        return changed ? new String(c) : null;
    }

    /** A plausible full name for a doctor, nurse or official, independent of any resident. */
    static String someone(SplittableRandom r) {
        int year = 1965 + r.nextInt(30);
        boolean male = r.nextBoolean();
        return surname(r) + given(r, year, male);
    }
}
