package org.onegrid.api;

import java.util.Objects;
import java.util.Optional;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.standardize.Names;

/**
 * A search by name as staff type it: a person matches when their standardized name starts with the standardized text
 * (so 陳曉明 finds 陈晓明, 陈 finds every 陈), or sounds the same (same pinyin key: a homophone typed by mistake).
 */
public final class NameQuery {

    private final String wanted;
    private final String pinyin;

    private NameQuery(String wanted) {
        this.wanted = wanted;
        this.pinyin = Names.pinyinKey(wanted);
    }

    /** The query for this text; empty when it holds no name at all. */
    public static Optional<NameQuery> of(String text) {
        String wanted = text == null ? null : Names.standardize(text);
        return wanted == null || wanted.isEmpty() ? Optional.empty() : Optional.of(new NameQuery(wanted));
    }

    public boolean matches(GoldenPerson golden) {
        if (golden.getName() == null) {
            return false;
        }
        String name = golden.getName().getValue();
        return name.startsWith(wanted) || (pinyin != null && Objects.equals(pinyin, Names.pinyinKey(name)));
    }
}
